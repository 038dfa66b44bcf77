package dev.tinyreason.model;

/**
 * Incremental decoding of one sequence or a batch in plain Java: a KV cache per sequence, and
 * the maths of each pass in {@link JavaBlocks} over copies of the weights, float32 or, with
 * {@link WeightFormat#Q8_0}, llama.cpp's 8-bit blocks.
 *
 * <p>Why it exists: at batch 1 a decoding step of the course's models is a few hundred
 * thousand to a few million multiply-adds spread over dozens of small ops per layer. Through
 * DJL each op is a JNI call into PyTorch with its own dispatch and allocation, and that fixed
 * cost, not the arithmetic, set the speed: on nano the DJL path sampled more slowly than
 * PyTorch eager itself ({@code ./tinyreason bench} compares the two). Here a step is a
 * handful of matrix–vector products over Java arrays, with nothing allocated per token, and the
 * prompt goes through as one matrix product, each weight read once for all its tokens.
 *
 * <p>A batch is the same loop with B rows: a step feeds every live sequence's token through
 * the blocks together, so each weight is read once for all of them, and only attention reads
 * per-sequence state (its own cache, up to its own position). Each sequence keeps its own
 * positions with no padding at all: a left-padded prompt's padding is skipped, as the DJL path
 * masks it. Sequences whose prompts are the same tokens (G samples of one question) share one
 * prefill: the first computes it, the others copy its cache. {@link #retain} drops finished
 * sequences by dropping their caches, so they cost nothing afterwards. A step's rows are shared
 * out over the threads, each running its share through every block with scratch space of its
 * own; a single sequence splits its large products instead. The log-softmax and the greedy
 * pick run here, per row. Results agree with the DJL path to float rounding (about 1e-6), and a
 * sequence's results do not depend on its batch neighbours.
 */
final class JavaDecoder implements Decoder {

    private final ModelConfig c;
    private final JavaBlocks blocks;
    private final int capacity;
    private JavaBlocks.Cache[] seqs;          // the live sequences, in row order
    private float[] logits;                   // (rows, V) of the last pass's head
    private final JavaBlocks.Worker[] workers; // one per thread: scratch for a share of the rows

    /** A decoder of one sequence of up to {@code capacity} tokens, with the fastest kernels. */
    JavaDecoder(LlamaModel model, int capacity) {
        this(model, 1, capacity, WeightFormat.F32);
    }

    /**
     * A decoder of {@code batch} sequences of up to {@code capacity} tokens each, its weight
     * matrices in {@code format}.
     */
    JavaDecoder(LlamaModel model, int batch, int capacity, WeightFormat format) {
        this(model, batch, capacity, DecodeKernels.best(), defaultThreads(), format);
    }

    /** As {@link #JavaDecoder(LlamaModel, int)} with the given kernels (tests force scalar). */
    JavaDecoder(LlamaModel model, int capacity, DecodeKernels kernels) {
        this(model, 1, capacity, kernels, 1, WeightFormat.F32);
    }

    /** As below, with float32 weights (tests compare kernels and thread counts). */
    JavaDecoder(LlamaModel model, int batch, int capacity, DecodeKernels kernels, int threads) {
        this(model, batch, capacity, kernels, threads, WeightFormat.F32);
    }

    /**
     * A decoder of {@code batch} sequences with the given kernels, splitting a batch step's
     * matrix products over {@code threads} threads, its weight matrices in {@code format}.
     */
    JavaDecoder(LlamaModel model, int batch, int capacity, DecodeKernels kernels, int threads,
            WeightFormat format) {
        if (capacity <= 0 || batch <= 0) {
            throw new IllegalArgumentException("A decoder needs a positive batch and capacity, "
                    + "got batch " + batch + " and capacity " + capacity + ".");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads + ".");
        }
        this.c = model.config();
        this.capacity = capacity;
        this.blocks = new JavaBlocks(model, capacity, kernels, threads, batch > 1, format);
        this.seqs = new JavaBlocks.Cache[batch];
        this.logits = new float[0];    // sized by each prefill and step
        this.workers = new JavaBlocks.Worker[batch > 1 ? threads : 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = blocks.newWorker();
        }
    }

    /**
     * The threads a batch step uses: PyTorch's intra-op count when set
     * ({@code ai.djl.pytorch.num_threads}, see {@code Environment.useThreads}), else the cores.
     */
    static int defaultThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        return Math.max(1, Integer.getInteger("ai.djl.pytorch.num_threads", cores));
    }

    /** "vector (16 lanes)" or "scalar": which kernels run. */
    String kernelName() {
        return blocks.kernelName();
    }

    @Override
    public int batchSize() {
        return seqs.length;
    }

    /** The tokens of the longest sequence so far. */
    @Override
    public int length() {
        int most = 0;
        for (JavaBlocks.Cache s : seqs) {
            most = s == null ? most : Math.max(most, s.length);
        }
        return most;
    }

    @Override
    public float[][] prefill(TokenBatch prompts) {
        feedPrompts(prompts);
        return logSoftmaxRows();
    }

    @Override
    public DecodeSession.Greedy prefillGreedy(TokenBatch prompts) {
        feedPrompts(prompts);
        return greedy();
    }

    @Override
    public float[][] step(int[] tokens) {
        feedStep(tokens);
        return logSoftmaxRows();
    }

    @Override
    public DecodeSession.Greedy stepGreedy(int[] tokens) {
        feedStep(tokens);
        return greedy();
    }

    /**
     * Each prompt's real tokens in one pass of their own (padding skipped, as the DJL path masks
     * it); a prompt equal to an earlier one copies that one's cache and head row instead.
     */
    private void feedPrompts(TokenBatch prompts) {
        if (seqs[0] != null) {
            throw new IllegalStateException("prefill must come first; this decoder already "
                    + "holds " + length() + " tokens.");
        }
        int b = seqs.length;
        if (prompts.batchSize() != b) {
            throw new IllegalArgumentException("This decoder holds " + b + " sequence"
                    + (b == 1 ? "" : "s") + ", the prompts have " + prompts.batchSize()
                    + "; open it with the batch size of the prompts.");
        }
        int v = c.vocabSize();
        float[] rows = new float[b * v];
        java.util.Map<java.util.List<Integer>, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < b; i++) {
            int[] real = realTokens(prompts, i);
            Integer same = seen.putIfAbsent(java.util.Arrays.stream(real).boxed().toList(), i);
            if (same != null) {
                seqs[i] = seqs[same].copy();
                System.arraycopy(rows, same * v, rows, i * v, v);
                continue;
            }
            checkRoom(0, real.length);
            seqs[i] = blocks.newCache();
            JavaBlocks.Worker wk = workers[0];
            blocks.forwardSequence(wk, real, seqs[i]);
            blocks.head(wk, real.length - 1, 1, true);
            System.arraycopy(wk.logits, 0, rows, i * v, v);
        }
        logits = rows;
    }

    private static int[] realTokens(TokenBatch prompts, int row) {
        int[] real = new int[prompts.realTokens(row)];
        if (real.length == 0) {
            throw new IllegalArgumentException("Prompt " + row + " has no real token; start it "
                    + "with at least the BOS token.");
        }
        int n = 0;
        for (int s = 0; s < prompts.length(); s++) {
            if (prompts.isReal(row, s)) {
                real[n++] = prompts.ids()[row][s];
            }
        }
        return real;
    }

    /** One token per live sequence, all through the blocks together. */
    private void feedStep(int[] tokens) {
        int b = seqs.length;
        if (tokens.length != b) {
            throw new IllegalArgumentException("step needs one token per sequence (" + b
                    + "), got " + tokens.length + ".");
        }
        if (seqs[0] == null) {
            throw new IllegalStateException("Call prefill before step.");
        }
        JavaBlocks.Cache[] at = seqs.clone();
        int[] positions = new int[b];
        for (int i = 0; i < b; i++) {
            positions[i] = seqs[i].length;
            checkRoom(positions[i], 1);
        }
        int v = c.vocabSize();
        if (logits.length != b * v) {
            logits = new float[b * v];
        }
        int parts = Math.max(1, Math.min(workers.length, b / MIN_ROWS_PER_THREAD));
        // one share: its products split over the threads instead
        java.util.stream.IntStream shares = java.util.stream.IntStream.range(0, parts);
        (parts > 1 ? shares.parallel() : shares).forEach(part -> {
            int from = b * part / parts;
            int to = b * (part + 1) / parts;
            JavaBlocks.Worker wk = workers[part];
            blocks.forward(wk, java.util.Arrays.copyOfRange(tokens, from, to),
                    java.util.Arrays.copyOfRange(at, from, to),
                    java.util.Arrays.copyOfRange(positions, from, to), parts == 1);
            blocks.head(wk, 0, to - from, parts == 1);
            System.arraycopy(wk.logits, 0, logits, from * v, (to - from) * v);
        });
    }

    /**
     * Rows a thread takes at least when a step's sequences are shared out: with fewer, the
     * hand-off costs more than it saves, and the products lose their four-token blocks.
     */
    static final int MIN_ROWS_PER_THREAD = 4;

    /** log softmax of each row of the logits, (B, V). */
    private float[][] logSoftmaxRows() {
        int v = c.vocabSize();
        float[][] out = new float[seqs.length][v];
        for (int r = 0; r < out.length; r++) {
            int at = r * v;
            double lse = logSumExp(at, logits[argmax(at)]);
            for (int i = 0; i < v; i++) {
                out[r][i] = (float) (logits[at + i] - lse);
            }
        }
        return out;
    }

    /**
     * Each row's most likely token (lowest id on a tie, as {@code Sampling.argmax}) and its
     * log-prob.
     */
    private DecodeSession.Greedy greedy() {
        int v = c.vocabSize();
        int[] best = new int[seqs.length];
        float[] lp = new float[seqs.length];
        for (int r = 0; r < best.length; r++) {
            int at = r * v;
            best[r] = argmax(at) - at;
            lp[r] = (float) (logits[at + best[r]] - logSumExp(at, logits[at + best[r]]));
        }
        return new DecodeSession.Greedy(best, lp);
    }

    /** The index in {@code logits} of the largest value of the row starting at {@code at}. */
    private int argmax(int at) {
        int best = at;
        for (int i = at + 1; i < at + c.vocabSize(); i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    private double logSumExp(int at, float max) {
        return max + Math.log(blocks.sumExp(logits, at, max));
    }

    private void checkRoom(int length, int t) {
        if (length + t > capacity) {
            throw new IllegalStateException("This decoder holds " + capacity + " tokens; "
                    + (length + t) + " do not fit.");
        }
        if (length + t > c.maxPositions()) {
            throw new IllegalStateException("The sequence would reach position "
                    + (length + t - 1) + ", beyond the model's maxPositions "
                    + c.maxPositions() + ".");
        }
    }

    /** Nothing native to free: the caches are Java arrays. */
    @Override
    public void close() {}

    @Override
    public boolean retainIsFree() {
        return true;
    }

    /** Keeps the sequences at {@code rows}; the others' caches are dropped. */
    @Override
    public void retain(int[] rows) {
        DecodeSession.checkRows(rows, seqs.length);
        JavaBlocks.Cache[] kept = new JavaBlocks.Cache[rows.length];
        for (int i = 0; i < rows.length; i++) {
            kept[i] = seqs[rows[i]];
        }
        seqs = kept;
    }
}
