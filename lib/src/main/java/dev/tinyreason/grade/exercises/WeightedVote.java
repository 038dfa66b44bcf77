package dev.tinyreason.grade.exercises;

import java.util.List;

/**
 * Exercise (02_self_consistency): self-consistency's weighted vote: each sample votes with its
 * weight (the library uses the length-normalized probability of the sample's trace).
 *
 * <p>Rules as in {@link MajorityVote}: {@code null}/blank answers don't vote, answers compare
 * stripped, ties go to the answer seen first, no votes → {@code null}. {@code weights} has one
 * entry per answer; a different length is an {@link IllegalArgumentException}.
 *
 * <p>Worked example: answers {@code ["5", "7", "7"]}, weights {@code [0.9, 0.3, 0.3]} →
 * {@code "5"} (0.9 against 0.6), where the plain majority says {@code "7"}.
 */
@FunctionalInterface
public interface WeightedVote {

    String vote(List<String> answers, double[] weights);

    /** The reference: the library's weighted vote. */
    WeightedVote REFERENCE = dev.tinyreason.infer.SelfConsistency::weightedVote;

    /** The starter stub in the notebook. */
    WeightedVote STUB = (answers, weights) -> null;
}
