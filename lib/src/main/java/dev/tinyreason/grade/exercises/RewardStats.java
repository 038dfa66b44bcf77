package dev.tinyreason.grade.exercises;

/**
 * Exercise (06_dpo): the reward metrics TRL's DPO trainer logs, over a batch of pairs.
 *
 * <p>DPO's implicit reward of a completion is {@code β · (log π − log π_ref)}. For each pair,
 * {@code chosen = β (policyChosen − refChosen)} and {@code rejected = β (policyRejected −
 * refRejected)}. Return their means ({@code rewards/chosen}, {@code rewards/rejected}), the
 * mean of {@code chosen − rejected} ({@code rewards/margins}) and the share of pairs with
 * {@code chosen > rejected}, strictly ({@code rewards/accuracies}). Arrays of different
 * lengths, or empty ones, are an {@link IllegalArgumentException}.
 *
 * <p>Worked example, β = 0.1, two pairs: policy chosen {@code [-10, -20]}, policy rejected
 * {@code [-12, -19]}, reference chosen {@code [-11, -20]}, reference rejected
 * {@code [-11, -20]}: rewards chosen {@code [0.1, 0]}, rejected {@code [-0.1, 0.1]}; means
 * 0.05 and 0, margin 0.05, accuracy 0.5.
 */
@FunctionalInterface
public interface RewardStats {

    /** The four logged numbers. */
    record Rewards(double chosen, double rejected, double margin, double accuracy) {}

    Rewards stats(double[] policyChosen, double[] policyRejected, double[] refChosen,
            double[] refRejected, double beta);

    /** The reference: the library's rewards (the loss variant does not matter here). */
    RewardStats REFERENCE = (pc, pr, rc, rr, beta) -> {
        dev.tinyreason.train.dpo.DpoLoss.Values v = dev.tinyreason.train.dpo.DpoLoss.SIGMOID
                .compute(pc, pr, rc, rr, beta);
        double c = 0;
        double r = 0;
        for (int i = 0; i < pc.length; i++) {
            c += v.chosenRewards()[i];
            r += v.rejectedRewards()[i];
        }
        return new Rewards(c / pc.length, r / pc.length, v.margin(), v.accuracy());
    };

    /** The starter stub in the notebook. */
    RewardStats STUB = (pc, pr, rc, rr, beta) -> new Rewards(0, 0, 0, 0);
}
