package dev.tinyreason.tensor;

/**
 * Log-softmax and the KL divergence over one row of logits, in plain Java and in double: the
 * single home of the numerically careful version that sampling ({@code infer.Sampling}) and
 * the 8-bit drift measure ({@code model.Quantisation}) both need. A row is the {@code n}
 * values of an array from offset {@code at}, so a caller holding a (positions, vocab) matrix
 * as one flat array passes a position's row without copying it.
 *
 * <p>Stability: {@code log softmax(x)_i = x_i − m − log Σ_j exp(x_j − m)} with {@code m} the
 * row's largest value, so no {@code exp} overflows and the largest term is exactly 1.
 */
public final class LogSoftmax {

    private LogSoftmax() {}

    /** Offset within the row of its largest value; the lowest offset wins a tie. */
    public static int argmax(float[] x, int at, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (x[at + i] > x[at + best]) {
                best = i;
            }
        }
        return best;
    }

    /** {@code log Σ_j exp(x_j − shift)} over the row; with {@code shift} its maximum, stable. */
    public static double logSumExpAbove(float[] x, int at, int n, float shift) {
        double sum = 0;
        for (int i = at; i < at + n; i++) {
            sum += Math.exp(x[i] - shift);
        }
        return Math.log(sum);
    }

    /** {@code log softmax(x)_i} for every i of the row. */
    public static double[] of(float[] x, int at, int n) {
        float max = x[at + argmax(x, at, n)];
        double log = logSumExpAbove(x, at, n, max);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = x[at + i] - max - log;
        }
        return out;
    }

    /**
     * {@code KL(p ‖ q) = Σ_i p_i (log p_i − log q_i)} between the softmaxes of two rows of
     * {@code n} logits, in nats; never negative (rounding can leave −1e-17 for two identical
     * rows, which is returned as 0).
     */
    public static double klDivergence(float[] p, int atP, float[] q, int atQ, int n) {
        return klDivergence(of(p, atP, n), of(q, atQ, n));
    }

    /** The same KL from the two rows' log-probabilities ({@link #of}), already computed. */
    public static double klDivergence(double[] logP, double[] logQ) {
        double kl = 0;
        for (int i = 0; i < logP.length; i++) {
            kl += Math.exp(logP[i]) * (logP[i] - logQ[i]);
        }
        return Math.max(0, kl);
    }
}
