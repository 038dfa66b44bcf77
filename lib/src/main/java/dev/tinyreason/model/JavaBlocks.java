package dev.tinyreason.model;

/**
 * The maths of a decoding pass in plain Java, for {@link JavaDecoder}: n tokens through every
 * block ({@link DecoderLayer} on copies of the weights, {@link DecodeWeights}, their matrices
 * float32 or 8-bit, {@link WeightFormat}) and the output head ({@link LlamaModel#head}), each
 * token belonging to a sequence with its own KV cache ({@link Cache}) at its own position.
 * The hot loops are {@link DecodeKernels}.
 *
 * <p>Same maths as the DJL path, step for step: RMSNorm with {@code config.rmsNormEps()},
 * optional QK-norm, RoPE in the rotate-half layout of {@code Rope} from the model's own tables
 * (queries scaled by 1/sqrt(hd) through their table rows, as {@code LlamaModel.perHead}),
 * grouped-query causal attention over the cache (query head h reads key/value head h / G),
 * SwiGLU, tied or untied head. Sums run in a different order than PyTorch's, so results agree
 * to float rounding (about 1e-6), not bit for bit.
 *
 * <p>Shapes: D hidden, H query heads, K key/value heads, G = H / K, hd head width, F MLP width,
 * V vocabulary.
 */
final class JavaBlocks {

    private final ModelConfig c;
    private final DecodeKernels kernels;
    private final DecodeWeights w;
    private final float[] ropeCos;   // (maxPositions, hd), shared with the model: read only
    private final float[] ropeSin;   // signed: [-sin, sin]
    private final float qScale;
    private final int capacity;
    private final int threads;

    /**
     * One sequence's cache: keys per layer (K, hd, capacity), rotated and transposed; values
     * per layer (K, capacity, hd); and how many tokens it holds.
     */
    static final class Cache {
        final float[][] keys;
        final float[][] values;
        int length;

        Cache(int layers, int cacheSize) {
            keys = new float[layers][cacheSize];
            values = new float[layers][cacheSize];
        }

        /** A copy holding the same tokens: the shared prefill of an identical prompt. */
        Cache copy() {
            Cache s = new Cache(keys.length, 0);
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
    record Activations(int tokens, float[] x, float[] normed, float[] qkv,
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
    static final class Worker {
        Activations pass;
        final float[] scores;
        float[] logits;

        Worker(ModelConfig c, int capacity) {
            pass = Activations.of(c, 1);
            scores = new float[capacity];
            logits = new float[c.vocabSize()];
        }
    }

    /**
     * The blocks of {@code model} (its weights copied now, matrices in {@code format}) for
     * caches of {@code capacity} tokens; {@code pack}: also pack float weights for
     * {@link DecodeKernels#matMulT} (a batch).
     */
    JavaBlocks(LlamaModel model, int capacity, DecodeKernels kernels, int threads, boolean pack,
            WeightFormat format) {
        this.c = model.config();
        this.kernels = kernels;
        this.threads = threads;
        this.w = DecodeWeights.of(model, format, kernels, pack);
        this.ropeCos = model.ropeTables().cos();
        this.ropeSin = model.ropeTables().sinSigned();
        this.qScale = (float) (1 / Math.sqrt(c.headDim()));
        this.capacity = capacity;
    }

    /** An empty cache for one sequence. */
    Cache newCache() {
        return new Cache(c.numLayers(), c.numKvHeads() * capacity * c.headDim());
    }

    /** Scratch space for one thread. */
    Worker newWorker() {
        return new Worker(c, capacity);
    }

    String kernelName() {
        return kernels.name();
    }

    /**
     * {@code Σ exp(logits[at + i] - max)} over one row of V logits: the log-sum-exp's sum.
     */
    double sumExp(float[] logits, int at, float max) {
        return kernels.sumExp(logits, at, c.vocabSize(), max);
    }

    /**
     * Runs n = {@code ids.length} tokens through every block, token t belonging to the
     * sequence whose cache is {@code seq[t]}, at position {@code pos[t]}, in the worker's scratch
     * space;
     * {@code wk.pass.x} holds the result, (n, D). The tokens of one sequence come in position
     * order, so causal attention sees each one's predecessors in the cache. {@code split}: the
     * products may share their rows out over the threads (when this pass is the only one).
     */
    void forward(Worker wk, int[] ids, Cache[] seq, int[] pos, boolean split) {
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
            w.embed().copyRow(ids[t], pass.x(), t * d);
        }
        for (int l = 0; l < w.layers().length; l++) {
            DecodeWeights.Layer p = w.layers()[l];
            for (int t = 0; t < n; t++) {
                rmsNorm(pass.x(), t * d, p.inputNorm(), pass.normed(), t * d, d);
            }
            attention(wk, l, p, seq, pos, split);
            matMul(p.o(), pass.attended(), n, pass.delta(), split);                      // (n, D)
            kernels.add(pass.delta(), pass.x(), n * d);
            for (int t = 0; t < n; t++) {
                rmsNorm(pass.x(), t * d, p.postNorm(), pass.normed(), t * d, d);
            }
            matMul(p.gateUp(), pass.normed(), n, pass.gateUp(), split);                  // (n, 2F)
            kernels.siluMul(pass.gateUp(), n, f, pass.act());                            // (n, F)
            matMul(p.down(), pass.act(), n, pass.delta(), split);                        // (n, D)
            kernels.add(pass.delta(), pass.x(), n * d);
        }
        for (int t = 0; t < n; t++) {
            seq[t].length = Math.max(seq[t].length, pos[t] + 1);
        }
    }

    /**
     * A new sequence's tokens at positions 0 to n - 1 into {@code cache}, in one pass whose
     * products may use every thread: a prompt, or a whole text to score at every position.
     */
    void forwardSequence(Worker wk, int[] ids, Cache cache) {
        Cache[] at = new Cache[ids.length];
        java.util.Arrays.fill(at, cache);
        forward(wk, ids, at, java.util.stream.IntStream.range(0, ids.length).toArray(), true);
    }

    /**
     * {@code out = x @ w^T} for {@code tokens} rows of x ({@link Projection#multiply}); the
     * output rows split over {@link #threads} threads when the product is big enough to repay
     * the hand-off (a batch step, a prompt, or one token through a large matrix).
     */
    private void matMul(Projection m, float[] x, int tokens, float[] out, boolean split) {
        int rows = m.rows();
        int block = m.rowBlock(kernels, tokens);
        int parts = !split || (long) rows * m.cols() * tokens < PARALLEL_WORK ? 1
                : Math.max(1, Math.min(threads, rows / block));
        if (parts == 1) {
            m.multiply(kernels, x, tokens, out, 0, rows);
            return;
        }
        java.util.stream.IntStream.range(0, parts).parallel().forEach(part -> {
            int from = rows * part / parts / block * block;
            int to = part == parts - 1 ? rows : rows * (part + 1) / parts / block * block;
            m.multiply(kernels, x, tokens, out, from, to);
        });
    }

    /** Multiply-adds below which a product stays on the calling thread. */
    static final long PARALLEL_WORK = 1 << 18;

    /**
     * normed (n, D) → q, k, v; caches k and v at their sequences' positions, then attends each
     * token to its sequence's cache up to and including itself (causal); result in attended
     * (n, H·hd).
     */
    private void attention(Worker wk, int layer, DecodeWeights.Layer p, Cache[] seq, int[] pos,
            boolean split) {
        Activations pass = wk.pass;
        int n = seq.length;
        int h = c.numHeads();
        int k = c.numKvHeads();
        int hd = c.headDim();
        int width = (h + 2 * k) * hd;
        matMul(p.qkv(), pass.normed(), n, pass.qkv(), split);                        // (n, width)
        float[] qkv = pass.qkv();
        for (int t = 0; t < n; t++) {
            int row = t * width;
            float[] kc = seq[t].keys[layer];
            float[] vc = seq[t].values[layer];
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
            float[] kc = seq[t].keys[layer];
            float[] vc = seq[t].values[layer];
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
    void head(Worker wk, int first, int rows, boolean split) {
        int d = c.hiddenSize();
        Activations pass = wk.pass;
        for (int r = 0; r < rows; r++) {
            rmsNorm(pass.x(), (first + r) * d, w.norm(), pass.normed(), r * d, d);
        }
        if (wk.logits.length < rows * c.vocabSize()) {
            wk.logits = new float[rows * c.vocabSize()];
        }
        matMul(w.head(), pass.normed(), rows, wk.logits, split);
    }
}
