package dev.tinyreason.model;

/**
 * The inner loops of {@link JavaDecoder} on plain Java arrays: almost all of a batch-1 decoding
 * step is these loops, so they come in two builds with one contract.
 *
 * <ul>
 *   <li>{@link VectorKernels}: SIMD through the JDK's Vector API ({@code jdk.incubator.vector},
 *       an incubator module in Java 17), about 30–60 GFLOP/s per core on a matrix–vector
 *       product against 5–8 for the scalar loop;
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
    void matMul(float[] w, int rows, int cols, float[] x, int tokens, float[] out);

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

    /** {@code Σ_i exp(x[i] - shift)} for i &lt; n, leaving x as it is: a log-sum-exp. */
    double sumExp(float[] x, int n, float shift);

    /**
     * SwiGLU's gate on {@code tokens} fused (2F) gate-up rows:
     * {@code out[t·f + i] = silu(gu[t·2f + i]) · gu[t·2f + f + i]}, with
     * {@code silu(g) = g / (1 + exp(-g))}. (tokens, 2F) → (tokens, F).
     */
    void siluMul(float[] gu, int tokens, int f, float[] out);

    /** "vector (16 lanes)" or "scalar", for benchmarks and error messages. */
    String name();

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
