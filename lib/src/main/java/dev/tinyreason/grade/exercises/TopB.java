package dev.tinyreason.grade.exercises;

/**
 * Exercise (03_tree_of_thoughts): BFS's selection step — keep the {@code b} best states.
 *
 * <p>Return the indices of the {@code b} largest values, largest first. Ties go to the lower
 * index (the state proposed first). With fewer than {@code b} values, return all of them in
 * that order. A negative {@code b} is an {@link IllegalArgumentException}.
 *
 * <p>Worked example: {@code topB([1, 20, 0.001, 20], 2) = [1, 3]}.
 */
@FunctionalInterface
public interface TopB {

    int[] topB(double[] values, int b);

    /** The reference: the library's {@code Bfs.topB}. */
    TopB REFERENCE = (values, b) -> {
        if (b < 0) {
            throw new IllegalArgumentException("b must not be negative, got " + b);
        }
        return dev.tinyreason.infer.tree.Bfs.topB(values, b);
    };

    /** The starter stub in the notebook. */
    TopB STUB = (values, b) -> new int[0];
}
