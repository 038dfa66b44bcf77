package dev.tinyreason.infer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * When to stop sampling: Adaptive-Consistency's Beta criterion (Aggarwal et al. 2023, "Let's
 * Sample Step by Step: Adaptive-Consistency for Efficient Reasoning with LLMs"). With {@code a}
 * votes for the leading answer and {@code b} for the runner-up after n samples, put a uniform
 * prior on the leader's share p of the two and stop when
 * {@code P(p > 1/2 | a, b) = P(Beta(a + 1, b + 1) > 1/2) ≥ confidence}, but never before
 * {@code minSamples} samples.
 *
 * <p>Worked example at confidence 0.95: four agreeing samples give
 * {@code P(Beta(5, 1) > 1/2) = 1 - 0.5^5 = 0.969}: stop after 4. With votes 4 : 1 the
 * probability is 0.891: keep sampling.
 *
 * @param confidence  probability the leader is the true majority, in (0.5, 1)
 * @param minSamples  draw at least this many
 */
public record AdaptiveStop(double confidence, int minSamples) {

    public AdaptiveStop {
        if (!(confidence > 0.5 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0.5, 1), got "
                    + confidence + ".");
        }
        if (minSamples < 1) {
            throw new IllegalArgumentException("minSamples must be at least 1, got "
                    + minSamples + ".");
        }
    }

    /** The paper's setting: 95%, at least one sample. */
    public static AdaptiveStop beta95() {
        return new AdaptiveStop(0.95, 1);
    }

    /** Whether the votes after {@code n} samples are decisive. No votes yet: never. */
    public boolean decisive(Map<String, Integer> votes, int n) {
        if (n < minSamples || votes.isEmpty()) {
            return false;
        }
        List<Integer> counts = new ArrayList<>(votes.values());
        counts.sort(java.util.Comparator.reverseOrder());
        int a = counts.get(0);
        int b = counts.size() > 1 ? counts.get(1) : 0;
        return leaderProbability(a, b) >= confidence;
    }

    /**
     * {@code P(Beta(a + 1, b + 1) > 1/2)} for whole a, b ≥ 0, exactly: it equals the chance
     * that at most a of a + b + 1 fair coin flips land heads.
     */
    public static double leaderProbability(int a, int b) {
        int n = a + b + 1;
        double sum = 0;
        double logHalfN = n * Math.log(0.5);
        for (int j = 0; j <= a; j++) {
            sum += Math.exp(logChoose(n, j) + logHalfN);
        }
        return Math.min(1, sum);
    }

    private static double logChoose(int n, int k) {
        double s = 0;
        for (int i = 1; i <= k; i++) {
            s += Math.log(n - k + i) - Math.log(i);
        }
        return s;
    }
}
