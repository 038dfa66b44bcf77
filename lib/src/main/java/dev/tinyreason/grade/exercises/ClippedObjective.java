package dev.tinyreason.grade.exercises;

/**
 * Exercise (07_grpo): the clipped token-level objective of one completion.
 *
 * <p>For each token {@code t}: {@code ratio_t = exp(logp[t] − oldLogp[t])}, and its loss is
 * {@code −min(ratio_t · A, clip(ratio_t, 1 − epsLow, 1 + epsHigh) · A)}. Return the mean over
 * the completion's tokens. {@code epsLow = epsHigh = 0.2} is PPO's and GRPO's clip;
 * {@code epsHigh = 0.28} is DAPO's clip-higher. Arrays of different lengths, or empty ones,
 * are an {@link IllegalArgumentException}.
 *
 * <p>Worked example: {@code logp = [ln 1.5, ln 0.5]}, {@code oldLogp = [0, 0]} (ratios 1.5 and
 * 0.5), {@code A = 1}, {@code epsLow = 0.2}, {@code epsHigh = 0.28}: token losses
 * {@code −min(1.5, 1.28) = −1.28} and {@code −min(0.5, 0.8) = −0.5}; mean −0.89.
 */
@FunctionalInterface
public interface ClippedObjective {

    double loss(double[] logp, double[] oldLogp, double advantage, double epsLow,
            double epsHigh);

    /** The reference, token by token as {@code GrpoLoss} computes it for one sequence. */
    ClippedObjective REFERENCE = (logp, oldLogp, a, lo, hi) -> {
        if (logp.length == 0 || logp.length != oldLogp.length) {
            throw new IllegalArgumentException("logp and oldLogp need one equal, positive "
                    + "length, got " + logp.length + " and " + oldLogp.length);
        }
        double sum = 0;
        for (int t = 0; t < logp.length; t++) {
            double ratio = Math.exp(logp[t] - oldLogp[t]);
            double clipped = Math.max(1 - lo, Math.min(1 + hi, ratio));
            sum += -Math.min(ratio * a, clipped * a);
        }
        return sum / logp.length;
    };

    /** The starter stub in the notebook. */
    ClippedObjective STUB = (logp, oldLogp, a, lo, hi) -> 0.0;
}
