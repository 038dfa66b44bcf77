package dev.tinyreason.infer;

import dev.tinyreason.tensor.LogSoftmax;
import java.util.Arrays;
import java.util.Random;

/**
 * Picking the next token from a row of logits, in plain Java: the generator calls exactly
 * these methods for every token it samples, and a notebook exercise asks the learner to write
 * {@link #sampleTopK} and compares the two draw for draw.
 *
 * <p>The procedure, pinned so that two implementations with the same {@link Random} agree:
 * <ol>
 *   <li>temperature 0 (or k = 1): return the index of the largest logit (the lowest index on a
 *       tie), and draw nothing from {@code rng};
 *   <li>keep the k largest logits (k ≤ 0 or k ≥ vocab keeps all; on a tie at the boundary the
 *       lower index wins);
 *   <li>weights {@code w_i = exp((logit_i - max) / temperature)} over the kept tokens, in double;
 *   <li>(top-p) walk the kept tokens from most to least likely and keep the shortest prefix
 *       whose weight reaches {@code p} of the total;
 *   <li>draw {@code u = rng.nextDouble() * sum(w)} once, and return the first kept token, in
 *       increasing index order, at which the running sum of weights exceeds {@code u}.
 * </ol>
 */
public final class Sampling {

    private Sampling() {}

    /** Index of the largest value; the lowest index wins a tie. */
    public static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    /** log softmax(logits)[token], computed stably in double. */
    public static float logProb(float[] logits, int token) {
        float max = logits[argmax(logits)];
        return (float) (logits[token] - max
                - LogSoftmax.logSumExpAbove(logits, 0, logits.length, max));
    }

    /** softmax(logits / temperature) in double (temperature > 0). */
    public static double[] softmax(float[] logits, double temperature) {
        float max = logits[argmax(logits)];
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp((logits[i] - max) / temperature);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /**
     * KL(p ‖ q) in nats between the next-token distributions {@code p = softmax(logitsP)} and
     * {@code q = softmax(logitsQ)}: {@code Σ p_i (log p_i − log q_i)}, the extra code length
     * of coding p's tokens with q's distribution. Zero when the two agree up to a shift of the
     * logits; never negative. Notebook 09 measures an 8-bit model against its fp32 original
     * with it, token by token.
     */
    public static double klDivergence(float[] logitsP, float[] logitsQ) {
        if (logitsP.length != logitsQ.length) {
            throw new IllegalArgumentException("KL needs two distributions over one vocabulary, "
                    + "got " + logitsP.length + " and " + logitsQ.length + " logits.");
        }
        return LogSoftmax.klDivergence(logitsP, 0, logitsQ, 0, logitsP.length);
    }

    /**
     * Temperature + top-k sampling (the exercise): steps 1, 2, 3 and 5 of the class comment.
     *
     * @param k keep the k most likely tokens (≤ 0: all)
     */
    public static int sampleTopK(float[] logits, float temperature, int k, Random rng) {
        return sample(logits, temperature, k, 1.0, rng);
    }

    /** The next token under {@code config}'s temperature, top-k and top-p. */
    public static int sample(float[] logits, SamplingConfig config, Random rng) {
        return sample(logits, config.temperature(), config.topK(), config.topP(), rng);
    }

    /** Steps 1 to 5 of the class comment. */
    public static int sample(float[] logits, double temperature, int k, double topP,
            Random rng) {
        int v = logits.length;
        if (temperature == 0 || k == 1) {
            return argmax(logits);
        }
        boolean[] kept = topK(logits, k <= 0 || k >= v ? v : k);
        float max = logits[argmax(logits)];
        double[] w = new double[v];
        for (int i = 0; i < v; i++) {
            w[i] = kept[i] ? Math.exp((logits[i] - max) / temperature) : 0;
        }
        if (topP < 1) {
            nucleus(logits, w, kept, topP);
        }
        double total = 0;
        for (double x : w) {
            total += x;
        }
        double u = rng.nextDouble() * total;
        double running = 0;
        int last = -1;
        for (int i = 0; i < v; i++) {
            if (w[i] > 0) {
                running += w[i];
                last = i;
                if (running > u) {
                    return i;
                }
            }
        }
        return last;  // only reached through rounding when u is within an ulp of the total
    }

    /** Marks the k largest logits (ties: lower index first). */
    static boolean[] topK(float[] logits, int k) {
        boolean[] kept = new boolean[logits.length];
        if (k >= logits.length) {
            Arrays.fill(kept, true);
            return kept;
        }
        for (int i : byDescendingLogit(logits, k)) {
            kept[i] = true;
        }
        return kept;
    }

    /** Zeroes the weights outside the smallest most-likely set that holds {@code p} of them. */
    private static void nucleus(float[] logits, double[] w, boolean[] kept, double p) {
        int count = 0;
        for (boolean b : kept) {
            count += b ? 1 : 0;
        }
        double total = 0;
        for (double x : w) {
            total += x;
        }
        int[] order = byDescendingLogit(logits, logits.length);
        double running = 0;
        boolean reached = false;
        int seen = 0;
        for (int i : order) {
            if (!kept[i]) {
                continue;
            }
            seen++;
            if (reached) {
                w[i] = 0;
                continue;
            }
            running += w[i];
            reached = running >= p * total || seen == count;
        }
    }

    /**
     * The indices of the {@code n} largest logits, largest first (ties: lower index first).
     * Sorts (value, index) pairs packed into longs: no boxing.
     */
    static int[] byDescendingLogit(float[] logits, int n) {
        long[] keys = new long[logits.length];
        for (int i = 0; i < logits.length; i++) {
            int bits = Float.floatToIntBits(logits[i]);
            int ordered = bits < 0 ? ~bits : bits | 0x80000000;  // unsigned order = float order
            long descending = 0xffffffffL - (ordered & 0xffffffffL);
            keys[i] = (descending << 31) | i;  // stays positive: 32 + 31 bits
        }
        Arrays.sort(keys);
        int[] out = new int[n];
        for (int j = 0; j < n; j++) {
            out[j] = (int) (keys[j] & 0x7fffffffL);
        }
        return out;
    }
}
