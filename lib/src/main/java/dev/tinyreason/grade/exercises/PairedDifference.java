package dev.tinyreason.grade.exercises;

/**
 * Exercise (08_scoreboard): the paired difference between two methods on the same problems.
 *
 * <p>{@code a[i]} and {@code b[i]} say whether methods A and B solved problem {@code i}. Return
 * {@code {difference, standardError}}: the mean of {@code d[i] = a[i] − b[i]} (as 1/0 numbers),
 * and the sample standard deviation of the {@code d[i]} (divide by {@code n − 1}) over
 * {@code √n}. Different lengths, or fewer than 2 problems, are an
 * {@link IllegalArgumentException}.
 *
 * <p>Worked example: {@code a = [T,T,F,T,F]}, {@code b = [T,F,F,F,F]}: {@code d = [0,1,0,1,0]},
 * difference 0.4, sd √0.3 = 0.5477, standard error 0.5477 / √5 = 0.2449.
 */
@FunctionalInterface
public interface PairedDifference {

    double[] compare(boolean[] a, boolean[] b);

    /** The reference: the library's {@code Scoreboard.paired}. */
    PairedDifference REFERENCE = (a, b) -> {
        var p = dev.tinyreason.infer.Scoreboard.paired(a, b);
        return new double[] {p.difference(), p.standardError()};
    };

    /** The starter stub in the notebook. */
    PairedDifference STUB = (a, b) -> new double[] {0, 0};
}
