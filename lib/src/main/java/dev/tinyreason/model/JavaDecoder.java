package dev.tinyreason.model;

/**
 * Incremental decoding of ONE sequence in plain Java: the maths of {@link DecoderLayer} and
 * {@link LlamaModel#head} on {@code float[]} copies of the weights ({@link DecodeWeights}) with
 * a Java KV cache, the hot loops in {@link DecodeKernels}.
 *
 * <p>Why it exists: at batch 1 a decoding step of the course's models is a few hundred
 * thousand to a few million multiply-adds spread over dozens of small ops per layer. Through
 * DJL each op is a JNI call into PyTorch with its own dispatch and allocation, and that fixed
 * cost, not the arithmetic, set the speed (0.83x of PyTorch eager on nano). Here a step is a
 * handful of matrix–vector products over Java arrays, with nothing allocated per token, and the
 * prompt goes through as one matrix product, each weight read once for all its tokens. A step
 * then runs at the speed weights stream from the CPU cache (about 65 GB/s on one core here).
 *
 * <p>Same maths as the DJL path, step for step: RMSNorm with {@code config.rmsNormEps()},
 * optional QK-norm, RoPE in the rotate-half layout of {@code Rope} from the model's own tables
 * (queries scaled by 1/sqrt(hd) through their table rows, as {@code LlamaModel.perHead}),
 * grouped-query causal attention over the cache (query head h reads key/value head h / G),
 * SwiGLU, tied or untied head, then the log-softmax. Sums run in a different order than
 * PyTorch's, so results agree to float rounding (about 1e-6), not bit for bit.
 *
 * <p>Shapes: D hidden, H query heads, K key/value heads, G = H / K, hd head width, F MLP width,
 * V vocabulary.
 */
final class JavaDecoder implements Decoder {

    private final ModelConfig c;
    private final DecodeKernels kernels;
    private final DecodeWeights w;
    private final float[] ropeCos;   // (maxPositions, hd), shared with the model: read only
    private final float[] ropeSin;   // signed: [-sin, sin]
    private final float qScale;
    private final float[][] keys;    // per layer (K, hd, capacity): rotated and transposed
    private final float[][] values;  // per layer (K, capacity, hd)
    private final int capacity;
    private int length;
    private final float[] scores;    // (capacity) one head's attention weights
    private final float[] logits;    // (V)
    private Activations pass;        // rows for the tokens of one pass, kept for the next

    /**
     * Scratch space for n tokens passing through the blocks together, (n, width) row-major:
     * allocated for the prompt, reused by every step, so that a step allocates nothing.
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

    /** A decoder of one sequence of up to {@code capacity} tokens, with the fastest kernels. */
    JavaDecoder(LlamaModel model, int capacity) {
        this(model, capacity, DecodeKernels.best());
    }

    /** As {@link #JavaDecoder(LlamaModel, int)} with the given kernels (tests force scalar). */
    JavaDecoder(LlamaModel model, int capacity, DecodeKernels kernels) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("A decoder needs a positive capacity, got "
                    + capacity + ".");
        }
        this.c = model.config();
        this.kernels = kernels;
        this.w = DecodeWeights.of(model);
        this.ropeCos = model.ropeTables().cos();
        this.ropeSin = model.ropeTables().sinSigned();
        this.qScale = (float) (1 / Math.sqrt(c.headDim()));
        this.capacity = capacity;
        int cacheSize = c.numKvHeads() * capacity * c.headDim();
        this.keys = new float[c.numLayers()][cacheSize];
        this.values = new float[c.numLayers()][cacheSize];
        this.scores = new float[capacity];
        this.logits = new float[c.vocabSize()];
        this.pass = Activations.of(c, 1);
    }

    /** "vector (16 lanes)" or "scalar": which kernels run. */
    String kernelName() {
        return kernels.name();
    }

    @Override
    public int batchSize() {
        return 1;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public float[][] prefill(TokenBatch prompts) {
        feedPrompt(prompts);
        return new float[][] {logSoftmax()};
    }

    @Override
    public DecodeSession.Greedy prefillGreedy(TokenBatch prompts) {
        feedPrompt(prompts);
        return greedy();
    }

    @Override
    public float[][] step(int[] tokens) {
        feedStep(tokens);
        return new float[][] {logSoftmax()};
    }

    @Override
    public DecodeSession.Greedy stepGreedy(int[] tokens) {
        feedStep(tokens);
        return greedy();
    }

    /** The prompt's real tokens in one pass; padding is skipped, as the DJL path masks it. */
    private void feedPrompt(TokenBatch prompts) {
        if (length != 0) {
            throw new IllegalStateException("prefill must come first; this decoder already "
                    + "holds " + length + " tokens.");
        }
        if (prompts.batchSize() != 1) {
            throw new IllegalArgumentException("The Java decoder decodes one sequence, the "
                    + "prompts have " + prompts.batchSize() + "; use DecodeSession for a batch.");
        }
        int[] real = new int[prompts.realTokens(0)];
        if (real.length == 0) {
            throw new IllegalArgumentException("The prompt has no real token; start it with "
                    + "at least the BOS token.");
        }
        int n = 0;
        for (int s = 0; s < prompts.length(); s++) {
            if (prompts.isReal(0, s)) {
                real[n++] = prompts.ids()[0][s];
            }
        }
        checkRoom(real.length);
        if (pass.tokens() < real.length) {
            pass = Activations.of(c, real.length);
        }
        forward(real);
        finalNormAndHead(real.length - 1);
    }

    private void feedStep(int[] tokens) {
        if (tokens.length != 1) {
            throw new IllegalArgumentException("step needs one token (this decoder holds one "
                    + "sequence), got " + tokens.length + ".");
        }
        if (length == 0) {
            throw new IllegalStateException("Call prefill before step.");
        }
        checkRoom(1);
        forward(tokens);
        finalNormAndHead(0);
    }

    /**
     * Runs the n = {@code ids.length} tokens at positions length..length+n-1 through every
     * block; {@code pass.x} holds the result, (n, D).
     */
    private void forward(int[] ids) {
        int n = ids.length;
        int d = c.hiddenSize();
        int f = c.intermediateSize();
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
            attention(l, p, n);
            kernels.matMul(p.o(), d, c.qWidth(), pass.attended(), n, pass.delta());        // (n, D)
            kernels.add(pass.delta(), pass.x(), n * d);
            for (int t = 0; t < n; t++) {
                rmsNorm(pass.x(), t * d, p.postNorm(), pass.normed(), t * d, d);
            }
            kernels.matMul(p.gateUp(), 2 * f, d, pass.normed(), n, pass.gateUp());        // (n, 2F)
            kernels.siluMul(pass.gateUp(), n, f, pass.act());                             // (n, F)
            kernels.matMul(p.down(), d, f, pass.act(), n, pass.delta());                  // (n, D)
            kernels.add(pass.delta(), pass.x(), n * d);
        }
        length += n;
    }

    /**
     * normed (n, D) → q, k, v; caches k and v at their positions, then attends each token to
     * the cache up to and including itself (causal); result in attended (n, H·hd).
     */
    private void attention(int layer, DecodeWeights.Layer p, int n) {
        int h = c.numHeads();
        int k = c.numKvHeads();
        int hd = c.headDim();
        int width = (h + 2 * k) * hd;
        kernels.matMul(p.qkv(), width, c.hiddenSize(), pass.normed(), n, pass.qkv());  // (n, width)
        float[] qkv = pass.qkv();
        float[] kc = keys[layer];
        float[] vc = values[layer];
        for (int t = 0; t < n; t++) {
            int pos = length + t;
            int row = t * width;
            for (int head = 0; head < h + k; head++) {
                boolean query = head < h;
                int at = row + head * hd;
                if (c.qkNorm()) {
                    rmsNorm(qkv, at, query ? p.qNorm() : p.kNorm(), qkv, at, hd);
                }
                rotate(qkv, at, pos, query ? qScale : 1f);
            }
            for (int j = 0; j < k; j++) {
                int key = row + (h + j) * hd;
                for (int i = 0; i < hd; i++) {
                    kc[(j * hd + i) * capacity + pos] = qkv[key + i];   // transposed
                }
                System.arraycopy(qkv, row + (h + k + j) * hd, vc, (j * capacity + pos) * hd, hd);
            }
        }
        int group = c.groupSize();
        for (int t = 0; t < n; t++) {
            int visible = length + t + 1;
            for (int head = 0; head < h; head++) {
                int kv = (head / group) * capacity * hd;   // GQA: G query heads share one
                kernels.attend(qkv, t * width + head * hd, kc, kv, capacity, vc, kv, visible, hd,
                        scores, pass.attended(), (t * h + head) * hd);
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

    /** Final norm and output head on token {@code t} of the last pass: x[t] → logits (V). */
    private void finalNormAndHead(int t) {
        int d = c.hiddenSize();
        rmsNorm(pass.x(), t * d, w.norm(), pass.normed(), 0, d);
        kernels.matMul(w.head(), c.vocabSize(), d, pass.normed(), 1, logits);
    }

    /** log softmax of the logits, (V). */
    private float[] logSoftmax() {
        double lse = logSumExp(logits[argmax()]);
        float[] out = new float[logits.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (logits[i] - lse);
        }
        return out;
    }

    /** The most likely token (lowest id on a tie, as {@code Sampling.argmax}), its log-prob. */
    private DecodeSession.Greedy greedy() {
        int best = argmax();
        float lp = (float) (logits[best] - logSumExp(logits[best]));
        return new DecodeSession.Greedy(new int[] {best}, new float[] {lp});
    }

    private int argmax() {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    private double logSumExp(float max) {
        return max + Math.log(kernels.sumExp(logits, logits.length, max));
    }

    private void checkRoom(int t) {
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

    /** Nothing native to free: the cache is Java arrays. */
    @Override
    public void close() {}

    /** One sequence: keeping it is the only choice. */
    @Override
    public void retain(int[] rows) {
        DecodeSession.checkRows(rows, 1);
    }
}
