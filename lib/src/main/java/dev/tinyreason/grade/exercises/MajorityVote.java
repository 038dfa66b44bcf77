package dev.tinyreason.grade.exercises;

import java.util.List;

/**
 * Exercise (02_self_consistency): the majority vote of self-consistency (Wang et al. 2023).
 *
 * <p>Rules: {@code null} or blank answers don't vote; answers are compared after stripping
 * whitespace, and the winner is returned stripped; <b>ties go to the answer seen first</b>
 * (the tied answer whose first vote has the lowest index); no votes at all → {@code null}.
 *
 * <p>Worked examples: {@code ["41", "42", "42", "7"]} → {@code "42"};
 * {@code ["7", "5", "5", "7"]} → {@code "7"}; {@code [null, " 9", "9 "]} → {@code "9"}.
 */
@FunctionalInterface
public interface MajorityVote {

    String vote(List<String> answers);

    /** The reference: the library's vote. */
    MajorityVote REFERENCE = dev.tinyreason.infer.SelfConsistency::vote;

    /** The starter stub in the notebook. */
    MajorityVote STUB = answers -> null;
}
