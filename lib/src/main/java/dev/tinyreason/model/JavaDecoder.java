package dev.tinyreason.model;

/**
 * Incremental decoding of one sequence or a batch in plain Java: the maths of
 * {@link DecoderLayer} and {@link LlamaModel#head} on {@code float[]} copies of the weights
 * ({@link DecodeWeights}) with a Java KV cache per sequence, the hot loops in
 * {@link DecodeKernels}.
 *
 * <p>Why it exists: at batch 1 a decoding step of the course's models is a few hundred
 * thousand to a few million multiply-adds spread over dozens of small ops per layer. Through
 * DJL each op is a JNI call into PyTorch with its own dispatch and allocation, and that fixed
 * cost, not the arithmetic, set the speed (0.83x of PyTorch eager on nano). Here a step is a
 * handful of matrix–vector products over Java arrays, with nothing allocated per token, and the
 * prompt goes through as one matrix product, each weight read once for all its tokens. A step
 * then runs at the speed weights stream from the CPU cache (about 65 GB/s on one core here).
 *
 * <p>A batch is the same loop with B rows: a step feeds every live sequence's token through
 * the blocks together, so each weight is read once for all of them, and only attention reads
 * per-sequence state (its own cache, up to its own position). Each sequence keeps its own
 * positions with no padding at all: a left-padded prompt's padding is skipped, as the DJL path
 * masks it. Sequences whose prompts are the same tokens (G samples of one question) share one
 * prefill: the first computes it, the others copy its cache. {@link #retain} drops finished
 * sequences by dropping their caches, so they cost nothing afterwards. The matrix products of a
 * batch step split their output rows over {@link #threads} threads; a single sequence stays on
 * the calling thread.
 *
 * <p>Same maths as the DJL path, step for step: RMSNorm with {@code config.rmsNormEps()},
 * optional QK-norm, RoPE in the rotate-half layout of {@code Rope} from the model's own tables
 * (queries scaled by 1/sqrt(hd) through their table rows, as {@code LlamaModel.perHead}),
 * grouped-query causal attention over the cache (query head h reads key/value head h / G),
 * SwiGLU, tied or untied head, then the log-softmax. Sums run in a different order than
 * PyTorch's, so results agree to float rounding (about 1e-6), not bit for bit; a sequence's
 * results do not depend on its batch neighbours at all.
 *
 * <p>Shapes: B sequences, D hidden, H query heads, K key/value heads, G = H / K, hd head width,
 * F MLP width, V vocabulary.
 */
final class JavaDecoder implements Decoder {

    private final ModelConfig c;
    private final DecodeKernels kernels;
    private final DecodeWeights w;
    private final float[] ropeCos;   // (maxPositions, hd), shared with the model: read only
    private final float[] ropeSin;   // signed: [-sin, sin]
    private final float qScale;
    private final int capacity;
    private final int threads;
    private Sequence[] seqs;         // the live sequences, in row order
    private float[] logits;          // (rows, V) of the last pass's head
    private final Worker[] workers;  // one per thread: scratch space of a share of the rows
    private final Linear[][] lin;    // per layer: QKV, O, GATE_UP, DOWN
    private final Linear head;
    private static final int QKV = 0;
    private static final int O = 1;
    private static final int GATE_UP = 2;
    private static final int DOWN = 3;

    /** One sequence's cache: keys per layer (K, hd, capacity) rotated and transposed; values per layer (K, capacity, hd). */
    private static final class Sequence {
        final float[][] keys;
        final float[][] values;
        int length;

        Sequence(int layers, int cacheSize) {
            keys = new float[layers][cacheSize];
            values = new float[layers][cacheSize];
        }

        /** A copy holding the same tokens: the shared prefill of an identical prompt. */
        Sequence copy() {
            Sequence s = new Sequence(keys.length, 0);
            for (int l = 0; l < keys.length; l++) {
                s.keys[l] = keys[l].clone();
                s.values[l] = values[l].clone();
            }
            s.length = length;
            return s;
        }
    }

    /**
     * Scratch space for n tokens passing through the blocks together, (n, width) row-major:
     * allocated for the largest pass so far and reused, so that a step allocates nothing.
     */
    private record Activations(int tokens, float[] x, float[] normed, float[] qkv,
            float[] attended, float[] delta, float[] gateUp, float[] act) {

        static Activations of(ModelConfig c, int n) {
            int d = c.hiddenSize();
            int f = c.intermediateSize();
            return new Activations(n, new float[n * d], new float[n * d],
                    new float[n * (c.qWidth() + 2 * c.kvWidth())], new float[n * c.qWidth()],
                    new float[n * d], new float[n * 2 * f], new float[n * f]);
        }
    }

    /**
     * What one thread needs to run a share of a step's rows through the blocks: its
     * activations, one head's attention weights (capacity), and its rows' logits (n, V).
     */
    private static final class Worker {
        Activations pass;
        final float[] scores;
        float[] logits;

        Worker(ModelConfig c, int capacity) {
            pass = Activations.of(c, 1);
            scores = new float[capacity];
            logits = new float[c.vocabSize()];
        }
    }

    /** A decoder of one sequence of up to {@code capacity} tokens, with the fastest kernels. */
    JavaDecoder(LlamaModel model, int capacity) {
        this(model, 1, capacity);
    }

    /** A decoder of {@code batch} sequences of up to {@code capacity} tokens each. */
    JavaDecoder(LlamaModel model, int batch, int capacity) {
        this(model, batch, capacity, DecodeKernels.best(), defaultThreads());
    }

    /** As {@link #JavaDecoder(LlamaModel, int)} with the given kernels (tests force scalar). */
    JavaDecoder(LlamaModel model, int capacity, DecodeKernels kernels) {
        this(model, 1, capacity, kernels, 1);
    }

    /**
     * A decoder of {@code batch} sequences with the given kernels, splitting a batch step's
     * matrix products over {@code threads} threads.
     */
    JavaDecoder(LlamaModel model, int batch, int capacity, DecodeKernels kernels, int threads) {
        if (capacity <= 0 || batch <= 0) {
            throw new IllegalArgumentException("A decoder needs a positive batch and capacity, "
                    + "got batch " + batch + " and capacity " + capacity + ".");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads + ".");
        }
        this.c = model.config();
        this.kernels = kernels;
        this.threads = threads;
        this.w = DecodeWeights.of(model);
        this.ropeCos = model.ropeTables().cos();
        this.ropeSin = model.ropeTables().sinSigned();
        this.qScale = (float) (1 / Math.sqrt(c.headDim()));
        this.capacity = capacity;
        this.seqs = new Sequence[batch];
        this.logits = new float[c.vocabSize()];
        this.workers = new Worker[batch > 1 ? threads : 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(c, capacity);
        }
        boolean t = batch > 1;   // one sequence's steps are matrix-vector products: rows only
        int d = c.hiddenSize();
        int f = c.intermediateSize();
        this.lin = new Linear[c.numLayers()][];
        for (int l = 0; l < lin.length; l++) {
            DecodeWeights.Layer p = w.layers()[l];
            lin[l] = new Linear[] {
                Linear.of(p.qkv(), c.qWidth() + 2 * c.kvWidth(), d, kernels, t),
                Linear.of(p.o(), d, c.qWidth(), kernels, t),
                Linear.of(p.gateUp(), 2 * f, d, kernels, t),
                Linear.of(p.down(), d, f, kernels, t)};
        }
        this.head = Linear.of(w.head(), c.vocabSize(), d, kernels, t);
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
        return kernels.name();
    }

    @Override
    public int batchSize() {
        return seqs.length;
    }

    /** The tokens of the longest sequence so far. */
    @Override
    public int length() {
        int most = 0;
        for (Sequence s : seqs) {
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
            seqs[i] = new Sequence(c.numLayers(), c.numKvHeads() * capacity * c.headDim());
            int[] at = new int[real.length];
            int[] positions = new int[real.length];
            java.util.Arrays.fill(at, i);
            for (int t = 0; t < real.length; t++) {
                positions[t] = t;
            }
            Worker wk = workers[0];
            forward(wk, real, at, positions, true);
            head(wk, real.length - 1, 1, true);
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
        int[] at = new int[b];
        int[] positions = new int[b];
        for (int i = 0; i < b; i++) {
            at[i] = i;
            positions[i] = seqs[i].length;
            checkRoom(positions[i], 1);
        }
        int v = c.vocabSize();
        if (logits.length != b * v) {
            logits = new float[b * v];
        }
        int parts = Math.min(workers.length, b / MIN_ROWS_PER_THREAD);
        if (parts <= 1) {
            Worker wk = workers[0];
            forward(wk, tokens, at, positions, true);
            head(wk, 0, b, true);
            System.arraycopy(wk.logits, 0, logits, 0, b * v);
            return;
        }
        java.util.stream.IntStream.range(0, parts).parallel().forEach(part -> {
            int from = b * part / parts;
            int to = b * (part + 1) / parts;
            Worker wk = workers[part];
            forward(wk, java.util.Arrays.copyOfRange(tokens, from, to),
                    java.util.Arrays.copyOfRange(at, from, to),
                    java.util.Arrays.copyOfRange(positions, from, to), false);
            head(wk, 0, to - from, false);
            System.arraycopy(wk.logits, 0, logits, from * v, (to - from) * v);
        });
    }

    /**
     * Rows a thread takes at least when a step's sequences are shared out: with fewer, the
     * hand-off costs more than it saves, and the products lose their four-token blocks.
     */
    static final int MIN_ROWS_PER_THREAD = 4;

    /**
     * Runs n = {@code ids.length} tokens through every block, token t belonging to sequence
     * {@code seq[t]} at position {@code pos[t]}, in the worker's scratch space;
     * {@code wk.pass.x} holds the result, (n, D). The tokens of one sequence come in position
     * order, so causal attention sees each one's predecessors in the cache. {@code split}: the
     * products may share their rows out over the threads (when this pass is the only one).
     */
    private void forward(Worker wk, int[] ids, int[] seq, int[] pos, boolean split) {
        int n = ids.length;
        int d = c.hiddenSize();
        int f = c.intermediateSize();
        if (wk.pass.tokens() < n) {
            wk.pass = Activations.of(c, n);
        }
        Activations pass = wk.pass;
        for (int t = 0; t < n; t++) {
            if (ids[t] < 0 || ids[t] >= c.vocabSize()) {
                throw new IllegalArgumentException("Token id " + ids[t] + " is outside the "
                        + "vocabulary of " + c.vocabSize() + ".");
            }
            System.arraycopy(w.embed(), ids[t] * d, pass.x(), t * d, d);
        }
        for (int l = 0; l < w.layers().length; l++) {
            DecodeWeights.Layer p = w.layers()[l];
            for (int t = 0; t < n; t++) {
                rmsNorm(pass.x(), t * d, p.inputNorm(), pass.normed(), t * d, d);
            }
            attention(wk, l, p, seq, pos, split);
            matMul(lin[l][O], pass.attended(), n, pass.delta(), split);                  // (n, D)
            kernels.add(pass.delta(), pass.x(), n * d);
            for (int t = 0; t < n; t++) {
                rmsNorm(pass.x(), t * d, p.postNorm(), pass.normed(), t * d, d);
            }
            matMul(lin[l][GATE_UP], pass.normed(), n, pass.gateUp(), split);             // (n, 2F)
            kernels.siluMul(pass.gateUp(), n, f, pass.act());                            // (n, F)
            matMul(lin[l][DOWN], pass.act(), n, pass.delta(), split);                    // (n, D)
            kernels.add(pass.delta(), pass.x(), n * d);
        }
        for (int t = 0; t < n; t++) {
            Sequence s = seqs[seq[t]];
            s.length = Math.max(s.length, pos[t] + 1);
        }
    }

    /**
     * A weight matrix (rows, cols) as {@code torch.nn.Linear} stores it, and for a batch also
     * packed in panels ({@link DecodeKernels#pack}), the layout of
     * {@link DecodeKernels#matMulT}; null for one sequence.
     */
    private record Linear(float[] w, float[] wT, int rows, int cols) {

        static Linear of(float[] w, int rows, int cols, DecodeKernels kernels, boolean pack) {
            return new Linear(w, pack ? DecodeKernels.pack(w, rows, cols, kernels.rowBlock())
                    : null, rows, cols);
        }
    }

    /**
     * {@code out = x @ w^T} for {@code tokens} rows of x: from the transposed weights for four
     * tokens or more, else row by row; the output rows split over {@link #threads} threads when
     * the product is big enough to repay the hand-off (a batch step or a prompt, not one token).
     */
    private void matMul(Linear m, float[] x, int tokens, float[] out, boolean split) {
        int rows = m.rows();
        boolean batched = tokens >= 4 && m.wT() != null;
        int block = batched ? kernels.rowBlock() : 4;
        int parts = !split || (long) rows * m.cols() * tokens < PARALLEL_WORK ? 1
                : Math.max(1, Math.min(threads, rows / block));
        if (parts == 1) {
            matMulRange(m, batched, x, tokens, out, 0, rows);
            return;
        }
        java.util.stream.IntStream.range(0, parts).parallel().forEach(part -> {
            int from = rows * part / parts / block * block;
            int to = part == parts - 1 ? rows : rows * (part + 1) / parts / block * block;
            matMulRange(m, batched, x, tokens, out, from, to);
        });
    }

    private void matMulRange(Linear m, boolean batched, float[] x, int tokens, float[] out,
            int from, int to) {
        int r = batched ? kernels.matMulT(m.wT(), m.rows(), m.cols(), x, tokens, out, from, to)
                : from;
        kernels.matMulRows(m.w(), r, to, m.cols(), x, tokens, out, m.rows());
    }

    /** Multiply-adds below which a product stays on the calling thread. */
    static final long PARALLEL_WORK = 1 << 18;

    /**
     * normed (n, D) → q, k, v; caches k and v at their sequences' positions, then attends each
     * token to its sequence's cache up to and including itself (causal); result in attended
     * (n, H·hd).
     */
    private void attention(Worker wk, int layer, DecodeWeights.Layer p, int[] seq, int[] pos,
            boolean split) {
        Activations pass = wk.pass;
        int n = seq.length;
        int h = c.numHeads();
        int k = c.numKvHeads();
        int hd = c.headDim();
        int width = (h + 2 * k) * hd;
        matMul(lin[layer][QKV], pass.normed(), n, pass.qkv(), split);                // (n, width)
        float[] qkv = pass.qkv();
        for (int t = 0; t < n; t++) {
            int row = t * width;
            float[] kc = seqs[seq[t]].keys[layer];
            float[] vc = seqs[seq[t]].values[layer];
            for (int head = 0; head < h + k; head++) {
                boolean query = head < h;
                int at = row + head * hd;
                if (c.qkNorm()) {
                    rmsNorm(qkv, at, query ? p.qNorm() : p.kNorm(), qkv, at, hd);
                }
                rotate(qkv, at, pos[t], query ? qScale : 1f);
            }
            for (int j = 0; j < k; j++) {
                int key = row + (h + j) * hd;
                for (int i = 0; i < hd; i++) {
                    kc[(j * hd + i) * capacity + pos[t]] = qkv[key + i];   // transposed
                }
                System.arraycopy(qkv, row + (h + k + j) * hd, vc, (j * capacity + pos[t]) * hd,
                        hd);
            }
        }
        int group = c.groupSize();
        for (int t = 0; t < n; t++) {
            int visible = pos[t] + 1;
            float[] kc = seqs[seq[t]].keys[layer];
            float[] vc = seqs[seq[t]].values[layer];
            for (int head = 0; head < h; head++) {
                int kv = (head / group) * capacity * hd;   // GQA: G query heads share one
                kernels.attend(qkv, t * width + head * hd, kc, kv, capacity, vc, kv, visible, hd,
                        wk.scores, pass.attended(), (t * h + head) * hd);
            }
        }
    }

    /**
     * RoPE on one head in place: {@code x·cos + swapHalves(x)·sinSigned} with the table rows
     * times {@code scale} rounded to float first, exactly as the DJL path's pre-scaled tables.
     */
    private void rotate(float[] v, int at, int pos, float scale) {
        int hd = c.headDim();
        int half = hd / 2;
        int row = pos * hd;
        for (int i = 0; i < half; i++) {
            float x1 = v[at + i];
            float x2 = v[at + half + i];
            float cos1 = ropeCos[row + i] * scale;
            float sin1 = ropeSin[row + i] * scale;          // -sin
            float cos2 = ropeCos[row + half + i] * scale;
            float sin2 = ropeSin[row + half + i] * scale;   // +sin
            v[at + i] = x1 * cos1 + x2 * sin1;
            v[at + half + i] = x2 * cos2 + x1 * sin2;
        }
    }

    /**
     * RMSNorm (Zhang and Sennrich 2019, eq. 4): {@code out = v / sqrt(mean(v²) + eps) · weight}
     * over n values; {@code out} may be {@code v}. The mean runs in double.
     */
    private void rmsNorm(float[] v, int at, float[] weight, float[] out, int outAt, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (double) v[at + i] * v[at + i];
        }
        float rms = (float) Math.sqrt(sum / n + c.rmsNormEps());
        for (int i = 0; i < n; i++) {
            out[outAt + i] = v[at + i] / rms * weight[i];
        }
    }

    /**
     * Final norm and output head on {@code rows} tokens of the worker's last pass from token
     * {@code first}: x[first..first+rows) → the worker's logits (rows, V).
     */
    private void head(Worker wk, int first, int rows, boolean split) {
        int d = c.hiddenSize();
        Activations pass = wk.pass;
        for (int r = 0; r < rows; r++) {
            rmsNorm(pass.x(), (first + r) * d, w.norm(), pass.normed(), r * d, d);
        }
        if (wk.logits.length < rows * c.vocabSize()) {
            wk.logits = new float[rows * c.vocabSize()];
        }
        matMul(head, pass.normed(), rows, wk.logits, split);
    }

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
        return max + Math.log(kernels.sumExp(logits, at, c.vocabSize(), max));
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
        Sequence[] kept = new Sequence[rows.length];
        for (int i = 0; i < rows.length; i++) {
            kept[i] = seqs[rows[i]];
        }
        seqs = kept;
    }
}
