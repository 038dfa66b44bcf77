package dev.tinyreason.model;

/**
 * The inner loops of {@link JavaDecoder} on plain Java arrays: almost all of a batch-1 decoding
 * step is these loops, so they come in two builds with one contract.
 *
 * <ul>
 *   <li>{@link VectorKernels}: SIMD through the JDK's Vector API ({@code jdk.incubator.vector},
 *       an incubator module in Java 17): one instruction multiplies and adds a whole vector of
 *       lanes, so a matrix–vector product runs several times as fast as the scalar loop;
 *   <li>{@link ScalarKernels}: plain loops, for a JVM started without
 *       {@code --add-modules jdk.incubator.vector}. Such a JVM decodes on DJL by default
 *       (these loops lose to it from the tiny preset up; see {@link Decoder#open}) and runs
 *       them only under {@code -Dtinyreason.decode=java}.
 * </ul>
 *
 * <p>The two sum in different orders, and the SIMD exponential is not {@link Math#exp}, so they
 * agree to float rounding, not bit for bit.
 */
interface DecodeKernels {

    /**
     * {@code out[t·rows + r] = Σ_c w[r·cols + c] · x[t·cols + c]}: {@code x @ w^T} for
     * {@code tokens} rows of x, with w stored (out, in) as in {@code torch.nn.Linear}.
     * (tokens, cols) · (rows, cols)^T → (tokens, rows). One token is a decoding step; a
     * prompt goes through in one call, so that each weight is read from memory once for all
     * its tokens rather than once per token.
     */
    default void matMul(float[] w, int rows, int cols, float[] x, int tokens, float[] out) {
        matMulRows(w, 0, rows, cols, x, tokens, out, rows);
    }

    /**
     * Output rows {@code from} (a multiple of four) to {@code to} of {@link #matMul}, into
     * {@code out} of {@code outRows} columns: {@code out[t·outRows + r]} for from ≤ r &lt; to.
     * Threads that take disjoint row ranges write disjoint entries.
     */
    void matMulRows(float[] w, int from, int to, int cols, float[] x, int tokens, float[] out,
            int outRows);

    /**
     * {@link #matMulRows} with W held as {@code Q8_0} ({@link Q8Matrix}): {@code q} (rows, cols)
     * signed bytes and {@code scales} (rows, cols / 32), one per block of 32, so that
     * {@code W[r, c] = scales[r·cols/32 + c/32] · q[r·cols + c]}. Each block's 32 products are
     * summed first and scaled once. Rows {@code from} to {@code to}, any range.
     */
    void matMulRowsQ8(byte[] q, float[] scales, int from, int to, int cols, float[] x,
            int tokens, float[] out, int outRows);

    /**
     * The output rows {@link #matMulT} does per block; a range it is given starts at a
     * multiple of it.
     */
    default int rowBlock() {
        return 4;
    }

    /**
     * The same product from the weights packed in panels ({@link #pack}), for output rows
     * {@code from} to {@code to}, {@code out[t·rows + r]}: the batched form. Each weight slice
     * is loaded once for a block of tokens and each token's value broadcast across a vector of
     * output rows, so no sum runs across lanes; a batch step of B sequences and a prompt take
     * this path. This build does the whole blocks it can and returns the first row it left;
     * the caller finishes the rest with {@link #matMulRows}.
     */
    default int matMulT(float[] panels, int rows, int cols, float[] x, int tokens, float[] out,
            int from, int to) {
        return from;
    }

    /**
     * One query head's attention over the cached keys and values, softmax included:
     * {@code out[outAt + i] = Σ_t softmax_t(q · k_t) · v_t[i]} for t &lt; keys, i &lt; hd.
     *
     * <p>The keys are cached transposed, (hd, capacity) from {@code kAt}, so that the scores of
     * a whole vector of positions come out of one multiply-add per dimension, with no sum
     * across lanes; the values are (capacity, hd) from {@code vAt}.
     *
     * @param q      the query, hd values from {@code qAt}, already scaled by 1/sqrt(hd)
     * @param scores scratch space for {@code keys} attention weights
     */
    void attend(float[] q, int qAt, float[] keysT, int kAt, int capacity, float[] values,
            int vAt, int keys, int hd, float[] scores, float[] out, int outAt);

    /** {@code y[i] += x[i]} for i &lt; n: a residual connection. */
    void add(float[] x, float[] y, int n);

    /**
     * {@code Σ_i exp(x[i] - shift)} for at ≤ i &lt; at + n, leaving x as it is: a log-sum-exp
     * of one row.
     */
    double sumExp(float[] x, int at, int n, float shift);

    /**
     * SwiGLU's gate on {@code tokens} fused (2F) gate-up rows:
     * {@code out[t·f + i] = silu(gu[t·2f + i]) · gu[t·2f + f + i]}, with
     * {@code silu(g) = g / (1 + exp(-g))}. (tokens, 2F) → (tokens, F).
     */
    void siluMul(float[] gu, int tokens, int f, float[] out);

    /** "vector (16 lanes)" or "scalar", for benchmarks and error messages. */
    String name();

    /**
     * {@code w} (rows, cols) packed for {@link #matMulT}: each block of {@code block} rows
     * becomes a panel (cols, block) whose columns lie side by side, the panel of rows r.. at
     * offset r·cols; rows past the last whole block are left out ({@link #matMulRows} does
     * them). The kernel then reads each panel as one contiguous stream, where a plain transpose
     * would put a column's next slice a whole (power-of-two) row away, a stride that caches and
     * prefetchers serve poorly; it costs most on the largest matrix, the output head.
     * ({@code ./tinyreason bench --sampling} times the decoder built on these kernels.)
     */
    static float[] pack(float[] w, int rows, int cols, int block) {
        int whole = rows / block * block;
        float[] out = new float[whole * cols];
        for (int r = 0; r < whole; r++) {
            int panel = r / block * block * cols + r % block;
            for (int c = 0; c < cols; c++) {
                out[panel + c * block] = w[r * cols + c];
            }
        }
        return out;
    }

    /** The plain-loop build, always available. */
    static DecodeKernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    /** The fastest build this JVM can run: SIMD when the Vector API module is present. */
    static DecodeKernels best() {
        return select(vectorModulePresent());
    }

    /**
     * The SIMD build if {@code vectorModule}, else the scalar one. {@link VectorKernels} is
     * named only inside this branch: the JVM loads it (and with it {@code jdk.incubator.vector})
     * on first use, so a JVM without the module never touches it.
     */
    static DecodeKernels select(boolean vectorModule) {
        return vectorModule ? VectorKernels.INSTANCE : ScalarKernels.INSTANCE;
    }

    /** True when the JVM was started with {@code --add-modules jdk.incubator.vector}. */
    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
