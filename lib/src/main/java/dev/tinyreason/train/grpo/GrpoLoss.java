package dev.tinyreason.train.grpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * The clipped policy-gradient objective of GRPO with DAPO's fixes (Yu et al. 2025), per token,
 * as TRL's {@code GRPOTrainer} computes it:
 *
 * <pre>
 * ratio_t = exp(logp_t − oldLogp_t)
 * loss_t  = −min(ratio_t · A, clip(ratio_t, 1 − epsilon, 1 + epsilonHigh) · A) + beta · KL_t
 * KL_t    = exp(ref_t − logp_t) − (ref_t − logp_t) − 1        (the k3 estimator)
 * </pre>
 * {@code epsilonHigh > epsilon} is DAPO's <b>clip-higher</b>: a low-probability token whose
 * advantage is positive may grow more before it is clipped, which keeps exploration alive.
 * With one optimization step per batch ({@code numIterations} μ = 1) the old log-probs equal
 * the current ones (detached), the ratio is 1 and only its gradient matters.
 *
 * <p>The {@link Aggregation} turns per-token losses into one number — where GRPO, DAPO and
 * Dr. GRPO differ.
 */
public final class GrpoLoss {

    /** How per-token losses (B, T) become the batch loss. */
    public enum Aggregation {
        /** GRPO: each sequence's mean over its tokens, then the mean over sequences. */
        GRPO,
        /**
         * DAPO's token-level loss: the sum over all tokens of the batch over their count, so a
         * long completion weighs by its tokens and long wrong ones are not diluted.
         */
        DAPO,
        /** Dr. GRPO: the sum over a constant, B × maxCompletionLength: no length bias. */
        DR_GRPO
    }

    /**
     * @param epsilon     lower clip range
     * @param epsilonHigh upper clip range (DAPO: 0.28; = epsilon for plain GRPO)
     * @param beta        weight of the KL penalty to the reference (0: no reference needed)
     * @param aggregation how token losses are averaged
     */
    public record Config(double epsilon, double epsilonHigh, double beta,
            Aggregation aggregation) {

        public Config {
            if (!(epsilon > 0 && epsilon < 1) || !(epsilonHigh > 0)) {
                throw new IllegalArgumentException("epsilon must be in (0, 1) and epsilonHigh "
                        + "positive, got " + epsilon + " and " + epsilonHigh + ".");
            }
            if (!(beta >= 0)) {
                throw new IllegalArgumentException("beta must be 0 or positive, got " + beta
                        + ".");
            }
        }

        /** DAPO's defaults: epsilon 0.2, epsilonHigh 0.28, no KL, token-level loss. */
        public static Config dapo() {
            return new Config(0.2, 0.28, 0, Aggregation.DAPO);
        }

        public Config withBeta(double b) {
            return new Config(epsilon, epsilonHigh, b, aggregation);
        }

        public Config withEpsilonHigh(double e) {
            return new Config(epsilon, e, beta, aggregation);
        }

        public Config withAggregation(Aggregation a) {
            return new Config(epsilon, epsilonHigh, beta, a);
        }

        /** The original GRPO: symmetric clip 0.2, KL 0.04, sequence mean. */
        public static Config grpo() {
            return new Config(0.2, 0.2, 0.04, Aggregation.GRPO);
        }
    }

    /** The loss, and TRL's clip and KL metrics over the completion tokens. */
    public record Result(NDArray loss, double clipLowRatio, double clipHighRatio, double kl) {}

    private GrpoLoss() {}

    /**
     * The loss of a batch.
     *
     * @param logp       log-probs of the sampled tokens under the policy, with gradients (B, T)
     * @param oldLogp    the same under the policy that sampled them (B, T)
     * @param refLogp    the same under the reference, or null when beta is 0 (B, T)
     * @param advantages one per sequence (B)
     * @param mask       1 on completion tokens, 0 on prompt and padding (B, T)
     * @param maxCompletionLength the normaliser of {@link Aggregation#DR_GRPO}
     */
    public static Result compute(NDArray logp, NDArray oldLogp, NDArray refLogp,
            NDArray advantages, NDArray mask, int maxCompletionLength, Config c) {
        NDManager m = logp.getManager();
        NDArray a = advantages.expandDims(1);                                    // (B, 1)
        NDArray ratio = logp.sub(oldLogp.stopGradient()).exp();                  // (B, T)
        NDArray clipped = ratio.clip(1 - c.epsilon(), 1 + c.epsilonHigh());
        NDArray perToken = ratio.mul(a).minimum(clipped.mul(a)).neg();           // (B, T)
        double kl = 0;
        if (c.beta() > 0) {
            if (refLogp == null) {
                throw new IllegalArgumentException("beta > 0 needs the reference log-probs.");
            }
            NDArray d = refLogp.stopGradient().sub(logp);                        // (B, T)
            NDArray k3 = d.exp().sub(d).sub(m.create(1f));
            perToken = perToken.add(k3.mul(m.create((float) c.beta())));
            kl = maskedMean(k3, mask);
        }
        NDArray masked = perToken.mul(mask);
        NDArray loss = switch (c.aggregation()) {
            case GRPO -> masked.sum(new int[] {1}).div(mask.sum(new int[] {1})
                    .maximum(m.create(1f))).mean();
            case DAPO -> masked.sum().div(mask.sum().maximum(m.create(1f)));
            case DR_GRPO -> masked.sum().div(m.create(
                    (float) (logp.getShape().get(0) * (long) maxCompletionLength)));
        };
        NDArray r = ratio.stopGradient();
        NDArray low = r.lt(1 - c.epsilon()).logicalAnd(a.lt(0f).broadcast(r.getShape()))
                .toType(DataType.FLOAT32, false);
        NDArray high = r.gt(1 + c.epsilonHigh()).logicalAnd(a.gt(0f).broadcast(r.getShape()))
                .toType(DataType.FLOAT32, false);
        return new Result(loss, maskedMean(low, mask), maskedMean(high, mask), kl);
    }

    private static double maskedMean(NDArray x, NDArray mask) {
        double n = mask.sum().getFloat();
        return n == 0 ? 0 : x.stopGradient().mul(mask).sum().getFloat() / n;
    }
}
