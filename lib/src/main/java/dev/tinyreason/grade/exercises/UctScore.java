package dev.tinyreason.grade.exercises;

/**
 * Exercise (03_tree_of_thoughts): the UCT score MCTS uses to pick which child to descend into.
 *
 * <p>{@code uct = Q + c · sqrt(ln N / n)}: the child's mean reward {@code Q}, plus an
 * exploration bonus that grows with the parent's visits {@code N} and shrinks with the child's
 * visits {@code n}. A child never visited ({@code n = 0}) scores
 * {@link Double#POSITIVE_INFINITY}, so every child is tried once. {@code N < 1}, a negative
 * {@code n} or a negative {@code c} is an {@link IllegalArgumentException}.
 *
 * <p>Worked example: {@code uct(0.5, 1, 10, 1.0) = 0.5 + sqrt(ln 10) ≈ 2.0174}.
 */
@FunctionalInterface
public interface UctScore {

    double uct(double meanValue, int visits, int parentVisits, double c);

    /** The reference: the library's {@code Mcts.uct}, with the checks and the n = 0 rule. */
    UctScore REFERENCE = (q, n, parentN, c) -> {
        if (parentN < 1 || n < 0 || !(c >= 0)) {
            throw new IllegalArgumentException("need parentVisits >= 1, visits >= 0, c >= 0");
        }
        return n == 0 ? Double.POSITIVE_INFINITY
                : dev.tinyreason.infer.tree.Mcts.uct(q, n, parentN, c);
    };

    /** The starter stub in the notebook. */
    UctScore STUB = (q, n, parentN, c) -> 0.0;
}
