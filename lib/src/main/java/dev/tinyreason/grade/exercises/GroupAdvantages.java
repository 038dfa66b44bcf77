package dev.tinyreason.grade.exercises;

/**
 * Exercise (07_grpo): GRPO's group-relative advantages.
 *
 * <p>The rewards arrive group by group: {@code rewards[g * groupSize + i]} is completion
 * {@code i} of prompt {@code g}. Each completion's advantage is its reward minus its group's
 * mean, divided by the group's <em>unbiased</em> standard deviation (divide by
 * {@code groupSize − 1}, as {@code torch.std} does) plus {@code 1e-4}. A group whose rewards
 * are all equal gets advantages 0. A {@code groupSize} below 2, or a length that is not a
 * multiple of it, is an {@link IllegalArgumentException}.
 *
 * <p>Worked example, one group of four: rewards {@code [1, 0, 0, 1]}: mean 0.5, unbiased std
 * √(1/3) = 0.5774, advantages ≈ {@code [0.8659, −0.8659, −0.8659, 0.8659]}.
 */
@FunctionalInterface
public interface GroupAdvantages {

    double[] advantages(double[] rewards, int groupSize);

    /** The reference: the library's {@code Advantages.compute} with the group scale. */
    GroupAdvantages REFERENCE = (rewards, groupSize) -> {
        if (groupSize < 2) {
            throw new IllegalArgumentException("groupSize must be at least 2, got " + groupSize);
        }
        return dev.tinyreason.train.grpo.Advantages.compute(rewards, groupSize,
                dev.tinyreason.train.grpo.Advantages.Scale.GROUP);
    };

    /** The starter stub in the notebook. */
    GroupAdvantages STUB = (rewards, groupSize) -> new double[rewards.length];
}
