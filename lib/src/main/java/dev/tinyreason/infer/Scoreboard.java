package dev.tinyreason.infer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Comparing methods honestly on one held-out set: how sure an accuracy is, whether one method
 * beats another on the same problems, and which methods are worth their compute.
 *
 * <p>Two methods run on the <em>same</em> problems are compared pairwise: per problem the
 * difference {@code d = correct_A − correct_B} is −1, 0 or 1, and the standard error of the
 * mean difference is {@code sd(d) / √n}. Problems both methods solve (or both miss) add
 * nothing to the noise, so the paired error is usually much smaller than treating the two
 * accuracies as independent (E. Miller 2024, "Adding Error Bars to Evals").
 */
public final class Scoreboard {

    private Scoreboard() {}

    /**
     * Method A against method B on the same n problems.
     *
     * @param difference    accuracy of A minus accuracy of B
     * @param standardError of that difference, paired (sample sd of the per-problem
     *                      differences, over √n)
     * @param onlyFirst     problems A solved and B did not
     * @param onlySecond    problems B solved and A did not
     */
    public record Paired(int n, double difference, double standardError, int onlyFirst,
            int onlySecond) {

        /** Whether the difference is more than two standard errors from 0. */
        public boolean clear() {
            return Math.abs(difference) > 2 * standardError;
        }
    }

    /** One method's point on the accuracy-vs-compute plane. */
    public record Entry(String name, double tokens, double accuracy) {}

    /**
     * The paired comparison of two per-problem outcomes ({@code a[i]} and {@code b[i]} are
     * the same problem). Worked example: a = [1,1,0,1,0], b = [1,0,0,0,0]: d = [0,1,0,1,0],
     * difference 0.4, sd √0.3, standard error √0.3/√5 = 0.245.
     */
    public static Paired paired(boolean[] a, boolean[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("A paired comparison needs the same problems: "
                    + "got " + a.length + " outcomes for the first method and " + b.length
                    + " for the second.");
        }
        int n = a.length;
        if (n < 2) {
            throw new IllegalArgumentException("A standard error needs at least 2 problems, got "
                    + n + ".");
        }
        int onlyA = 0;
        int onlyB = 0;
        for (int i = 0; i < n; i++) {
            onlyA += a[i] && !b[i] ? 1 : 0;
            onlyB += b[i] && !a[i] ? 1 : 0;
        }
        double mean = (double) (onlyA - onlyB) / n;
        // d is 1 onlyA times, -1 onlyB times, 0 elsewhere
        double squares = onlyA * (1 - mean) * (1 - mean) + onlyB * (1 + mean) * (1 + mean)
                + (n - onlyA - onlyB) * mean * mean;
        double sd = Math.sqrt(squares / (n - 1));
        return new Paired(n, mean, sd / Math.sqrt(n), onlyA, onlyB);
    }

    /**
     * As {@link #paired(boolean[], boolean[])} for two evaluations; they must have graded the
     * same problems in the same order.
     */
    public static Paired paired(Evaluation a, Evaluation b) {
        requireSameProblems(a, b);
        return paired(outcomes(a, i -> true), outcomes(b, i -> true));
    }

    /**
     * {@link #paired(Evaluation, Evaluation)} within each difficulty level, easiest first: how
     * far apart two methods are at each level, and how sure that is. A level needs at least
     * two problems.
     */
    public static Map<Integer, Paired> pairedByDifficulty(Evaluation a, Evaluation b) {
        requireSameProblems(a, b);
        Map<Integer, Paired> out = new TreeMap<>();
        for (int d : a.countByDifficulty().keySet()) {
            IntPredicate atLevel = i -> a.graded().get(i).example().difficulty() == d;
            out.put(d, paired(outcomes(a, atLevel), outcomes(b, atLevel)));
        }
        return out;
    }

    static void requireSameProblems(Evaluation a, Evaluation b) {
        if (a.n() != b.n()) {
            throw new IllegalArgumentException(a.method() + " graded " + a.n() + " problems and "
                    + b.method() + " " + b.n() + "; run both on the same list.");
        }
        for (int i = 0; i < a.n(); i++) {
            if (!a.graded().get(i).example().prompt().equals(b.graded().get(i).example()
                    .prompt())) {
                throw new IllegalArgumentException("Problem " + i + " differs between "
                        + a.method() + " and " + b.method() + "; run both on the same list, in "
                        + "the same order.");
            }
        }
    }

    /** Whether {@code e} solved each problem {@code keep} selects, in order. */
    private static boolean[] outcomes(Evaluation e, IntPredicate keep) {
        int[] kept = IntStream.range(0, e.n()).filter(keep).toArray();
        boolean[] out = new boolean[kept.length];
        for (int j = 0; j < kept.length; j++) {
            out[j] = e.graded().get(kept[j]).correct();
        }
        return out;
    }

    /** The standard error of an accuracy {@code p} measured on {@code n} problems. */
    public static double standardError(double p, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive, got " + n + ".");
        }
        return Math.sqrt(p * (1 - p) / n);
    }

    /**
     * The methods no other method beats on both axes: an entry is dominated when another
     * spends no more tokens and scores at least as well, and is strictly better on one of the
     * two. Returned by tokens, cheapest first (ties in input order); exact duplicates are both
     * kept.
     */
    public static List<Entry> paretoFront(List<Entry> entries) {
        List<Entry> front = new ArrayList<>();
        for (Entry e : entries) {
            boolean dominated = false;
            for (Entry f : entries) {
                boolean noWorse = f.tokens() <= e.tokens() && f.accuracy() >= e.accuracy();
                boolean better = f.tokens() < e.tokens() || f.accuracy() > e.accuracy();
                dominated |= noWorse && better;
            }
            if (!dominated) {
                front.add(e);
            }
        }
        front.sort(Comparator.comparingDouble(Entry::tokens));  // stable: ties keep input order
        return front;
    }
}
