package dev.tinyreason.train.dpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The preference losses of TRL's {@code DPOTrainer}, from four sequence log-probabilities per
 * pair: the policy's and the frozen reference's, of the chosen and of the rejected completion.
 *
 * <p>DPO (Rafailov et al. 2023) reads {@code r(x, y) = β · log(π(y|x) / π_ref(y|x))} as an
 * implicit reward. With {@code h = (log π(y_w) − log π(y_l)) − (log π_ref(y_w) − log π_ref(y_l))}:
 * <ul>
 *   <li>{@link #SIGMOID}, the original DPO: {@code −log σ(β h)};</li>
 *   <li>{@link #IPO} (Azar et al. 2023): {@code (h − 1/(2β))²}, a squared loss that stops
 *       pushing once the margin reaches its target;</li>
 *   <li>{@link #HINGE} (SLiC, Zhao et al. 2023): {@code max(0, 1 − β h)};</li>
 *   <li>{@link #APO_ZERO} (D'Oosterlinck et al. 2024, the trlm recipe's choice):
 *       {@code (1 − σ(β Δ_w)) + σ(β Δ_l)} with {@code Δ = log π − log π_ref} of each side: it
 *       raises the chosen likelihood and lowers the rejected one, each on its own.</li>
 * </ul>
 * The rewards TRL logs are {@code β Δ_w} and {@code β Δ_l}.
 *
 * <p>Built in layers as the style asks: {@code LlamaModel} gives token log-probs, their masked
 * sum is the sequence log-prob, and this class turns four of those into the pair loss.
 */
public enum DpoLoss {

    SIGMOID, IPO, HINGE, APO_ZERO;

    /** Per-pair losses and rewards, each (P). */
    public record Result(NDArray losses, NDArray chosenRewards, NDArray rejectedRewards) {}

    /** The same as plain numbers, with the means TRL logs. */
    public record Values(double[] losses, double[] chosenRewards, double[] rejectedRewards) {

        public double loss() {
            return mean(losses);
        }

        /** {@code rewards/margins}: mean of chosen − rejected reward. */
        public double margin() {
            double s = 0;
            for (int i = 0; i < losses.length; i++) {
                s += chosenRewards[i] - rejectedRewards[i];
            }
            return s / losses.length;
        }

        /** {@code rewards/accuracies}: share of pairs whose chosen reward is the larger. */
        public double accuracy() {
            int n = 0;
            for (int i = 0; i < losses.length; i++) {
                n += chosenRewards[i] > rejectedRewards[i] ? 1 : 0;
            }
            return (double) n / losses.length;
        }

        private static double mean(double[] v) {
            double s = 0;
            for (double x : v) {
                s += x;
            }
            return s / v.length;
        }
    }

    /**
     * The loss of each pair from sequence log-probs (P) of the policy and the reference, for
     * the chosen and the rejected completion.
     */
    public Result compute(NDArray policyChosen, NDArray policyRejected, NDArray refChosen,
            NDArray refRejected, double beta) {
        if (!(beta > 0)) {
            throw new IllegalArgumentException("beta must be positive, got " + beta + ".");
        }
        NDArray b = scalar(policyChosen, beta);
        NDArray chosenRatio = policyChosen.sub(refChosen);                       // (P)
        NDArray rejectedRatio = policyRejected.sub(refRejected);                 // (P)
        NDArray h = chosenRatio.sub(rejectedRatio);                             // (P)
        NDArray one = scalar(h, 1);
        NDArray losses = switch (this) {
            case SIGMOID -> logSigmoid(h.mul(b)).neg();
            case IPO -> h.sub(scalar(h, 1 / (2 * beta))).square();
            case HINGE -> one.sub(h.mul(b)).maximum(scalar(h, 0));
            case APO_ZERO -> one.sub(sigmoid(chosenRatio.mul(b)))
                    .add(sigmoid(rejectedRatio.mul(b)));
        };
        return new Result(losses, chosenRatio.mul(b).stopGradient(),
                rejectedRatio.mul(b).stopGradient());
    }

    /** {@link #compute} on plain numbers, one entry per pair. */
    public Values compute(double[] policyChosen, double[] policyRejected, double[] refChosen,
            double[] refRejected, double beta) {
        int n = policyChosen.length;
        if (policyRejected.length != n || refChosen.length != n || refRejected.length != n
                || n == 0) {
            throw new IllegalArgumentException("Four log-probs per pair: got " + n + ", "
                    + policyRejected.length + ", " + refChosen.length + ", "
                    + refRejected.length + " values.");
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Result r = compute(m.create(policyChosen), m.create(policyRejected),
                    m.create(refChosen), m.create(refRejected), beta);
            return new Values(r.losses().toDoubleArray(), r.chosenRewards().toDoubleArray(),
                    r.rejectedRewards().toDoubleArray());
        }
    }

    /**
     * The batch objective with TRL's {@code rpo_alpha} likelihood anchor (Pang et al. 2024,
     * "Iterative Reasoning Preference Optimization"): the mean pair loss plus {@code alpha}
     * times the chosen completions' negative log-likelihood per token,
     * {@code −Σ log π(y_w) / Σ |y_w|} over the batch. The anchor keeps the chosen answers'
     * likelihood from falling while the margin grows (the failure Pal et al. 2024 describe for
     * pairs that differ in a few tokens); {@code alpha = 0} is plain DPO.
     *
     * @param pairLosses   (P) the preference losses
     * @param policyChosen (P) sequence log-probs of the chosen completions
     * @param chosenTokens tokens in all chosen completions of the batch
     */
    public static NDArray withNll(NDArray pairLosses, NDArray policyChosen, long chosenTokens, double alpha) {
        NDArray mean = pairLosses.mean();
        if (alpha == 0) {
            return mean;
        }
        if (!(alpha > 0) || chosenTokens <= 0) {
            throw new IllegalArgumentException("rpo_alpha must be 0 or positive and the chosen side needs "
                    + "tokens, got alpha=" + alpha + ", tokens=" + chosenTokens + ".");
        }
        return mean.add(nll(policyChosen, chosenTokens).mul(scalar(mean, alpha)));
    }

    /** The chosen side's negative log-likelihood per token, {@code −Σ log π(y_w) / Σ |y_w|}. */
    public static NDArray nll(NDArray policyChosen, long chosenTokens) {
        return policyChosen.sum().neg().div(scalar(policyChosen, chosenTokens));
    }

    /** {@link #withNll} on plain numbers: the batch objective. */
    public static double withNll(double[] pairLosses, double[] policyChosen, long chosenTokens, double alpha) {
        try (NDManager m = NDManager.newBaseManager()) {
            return withNll(m.create(pairLosses), m.create(policyChosen), chosenTokens, alpha).getDouble();
        }
    }

    /** The loss called {@code name} as TRL spells it ("sigmoid", "ipo", "hinge", "apo_zero"). */
    public static DpoLoss named(String name) {
        for (DpoLoss l : values()) {
            if (l.name().equalsIgnoreCase(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("Unknown DPO loss '" + name
                + "'; use sigmoid, ipo, hinge or apo_zero.");
    }

    /** log σ(x) = min(x, 0) − log(1 + e^{−|x|}): no overflow for large |x|. */
    static NDArray logSigmoid(NDArray x) {
        return x.minimum(scalar(x, 0)).sub(x.abs().neg().exp().add(scalar(x, 1)).log());
    }

    /** A 0-d constant of {@code like}'s type, in its manager. */
    private static NDArray scalar(NDArray like, double v) {
        return like.getManager().create(v).toType(like.getDataType(), false);
    }

    static NDArray sigmoid(NDArray x) {
        return logSigmoid(x).exp();
    }
}
