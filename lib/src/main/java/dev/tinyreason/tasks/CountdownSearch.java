package dev.tinyreason.tasks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The state space of number puzzles (Countdown, Game of 24), as functions a Tree-of-Thoughts
 * search can call: a <em>state</em> is the multiset of numbers still to combine, kept as a list
 * in ascending order; a move is a {@link Step}.
 *
 * <ul>
 *   <li>{@link #nextSteps}: every legal move from a state, in a fixed order (the ToT "propose"
 *       step, done exactly);</li>
 *   <li>{@link #isValid}: whether a proposed step, e.g. parsed from a model's line, is legal;</li>
 *   <li>{@link #canReach}: whether a state can still be solved (an exact ToT "value");</li>
 *   <li>{@link #solve}: the closest-first depth-first search whose written trace teaches a model
 *       to search, dead ends and all ({@link ClosestFirstSearch} runs it).</li>
 * </ul>
 *
 * <p><b>The trace.</b> At each state the search tries moves in order of how close their result
 * gets to the target (ties in {@link #nextSteps} order), writes each move it makes as a step
 * line, and on a dead end writes {@code back (left: ...)} with the state it returns to before its
 * next try. In a two-number state only the closest move is written: if it misses the target,
 * every other move misses it too. For {@code Use 4 8 15 23 to make 42.}, every number used:
 * <pre>
 * 23 + 15 = 38 (left: 4 8 38)
 * 38 + 4 = 42 (left: 8 42)
 * 42 + 8 = 50 (left: 50)
 * back (left: 4 8 38)
 * 38 + 8 = 46 (left: 4 46)
 * 46 - 4 = 42 (left: 42)
 * </pre>
 * and the answer {@code 23+15+8-4}. (Reaching 42 early does not count while 8 is left.)
 */
public final class CountdownSearch {

    private CountdownSearch() {}

    /** A solved search: the winning moves, the answer they spell, and the trace with dead ends. */
    public record Solution(List<Step> path, Expression expression, String trace, int deadEnds) {
        /** The winning moves alone, one per line: a trace without the search. */
        public String pathTrace() {
            List<String> lines = new ArrayList<>();
            for (Step s : path) {
                lines.add(s.toString());
            }
            return String.join("\n", lines);
        }
    }

    /** {@code numbers} as a state: rationals in ascending order. */
    public static List<Rational> state(List<Integer> numbers) {
        List<Rational> s = new ArrayList<>();
        for (int n : numbers) {
            s.add(Rational.of(n));
        }
        Collections.sort(s);
        return List.copyOf(s);
    }

    /**
     * Every legal move from {@code state}: for each pair of values (first to last, a repeated
     * value pair once), the larger {@code a} with the smaller {@code b}: {@code a + b},
     * {@code a - b}, {@code a * b}, {@code a / b}, and with fractions also {@code b / a}; only
     * results {@link Rules#allows} accepts.
     */
    public static List<Step> nextSteps(List<Rational> state, Rules rules) {
        List<Rational> s = sorted(state);
        List<Step> out = new ArrayList<>();
        Set<String> seenPairs = new HashSet<>();
        for (int i = 0; i < s.size(); i++) {
            for (int j = i + 1; j < s.size(); j++) {
                Rational lo = s.get(i);
                Rational hi = s.get(j);
                if (!seenPairs.add(lo + " " + hi)) {
                    continue;
                }
                List<Rational> rest = new ArrayList<>(s);
                rest.remove(j);
                rest.remove(i);
                for (char op : new char[] {'+', '-', '*', '/'}) {
                    add(out, hi, op, lo, rest, rules);
                }
                if (rules.fractions() && !lo.equals(hi)) {
                    add(out, lo, '/', hi, rest, rules);
                }
            }
        }
        return out;
    }

    private static void add(List<Step> out, Rational a, char op, Rational b, List<Rational> rest, Rules rules) {
        Rational c;
        try {
            c = a.apply(op, b);
        } catch (ArithmeticException e) {
            return;
        }
        if (rules.allows(c)) {
            List<Rational> left = new ArrayList<>(rest);
            left.add(c);
            out.add(new Step(a, op, b, c, left));
        }
    }

    /**
     * Whether {@code step} is a legal move from {@code state}: {@code a} and {@code b} are in the
     * state (twice, if equal), {@code c} is exactly {@code a op b} and allowed by {@code rules},
     * and {@code left} is the state without {@code a} and {@code b}, with {@code c}. Total: false
     * for null or nonsense.
     */
    public static boolean isValid(Step step, List<Rational> state, Rules rules) {
        if (step == null || state == null || rules == null) {
            return false;
        }
        for (Rational r : state) {
            if (r == null) {
                return false; // List.of(..).contains(null) would throw
            }
        }
        List<Rational> rest = new ArrayList<>(state);
        if (!rest.remove(step.a()) || !rest.remove(step.b())) {
            return false;
        }
        Rational c;
        try {
            c = step.a().apply(step.op(), step.b());
        } catch (ArithmeticException e) {
            return false;
        }
        if (!c.equals(step.c()) || !rules.allows(c)) {
            return false;
        }
        rest.add(c);
        return sorted(rest).equals(step.left());
    }

    /** Whether {@code state} already solves the puzzle. */
    public static boolean isSolved(List<Rational> state, Rational target, Rules rules) {
        return rules.useAll() ? state.size() == 1 && state.get(0).equals(target) : state.contains(target);
    }

    /** Whether some sequence of legal moves from {@code state} reaches the target. */
    public static boolean canReach(List<Rational> state, Rational target, Rules rules) {
        return canReach(sorted(state), target, rules, new HashSet<>());
    }

    private static boolean canReach(List<Rational> s, Rational target, Rules rules, Set<List<Rational>> failed) {
        if (isSolved(s, target, rules)) {
            return true;
        }
        if (s.size() < 2 || failed.contains(s)) {
            return false;
        }
        for (Step step : nextSteps(s, rules)) {
            if (canReach(step.left(), target, rules, failed)) {
                return true;
            }
        }
        failed.add(s);
        return false;
    }

    /**
     * The number of distinct solution paths: sequences of moves from {@link #nextSteps} that end
     * in a solved state (a path stops at the first solved state). Game of 24's difficulty measure.
     */
    public static long countSolutions(List<Rational> state, Rational target, Rules rules) {
        return countSolutions(sorted(state), target, rules, new HashMap<>());
    }

    private static long countSolutions(List<Rational> s, Rational target, Rules rules,
            Map<List<Rational>, Long> memo) {
        if (isSolved(s, target, rules)) {
            return 1;
        }
        Long known = memo.get(s);
        if (known != null) {
            return known;
        }
        long n = 0;
        for (Step step : nextSteps(s, rules)) {
            n += countSolutions(step.left(), target, rules, memo);
        }
        memo.put(s, n);
        return n;
    }

    /**
     * The chance that a random rollout solves the puzzle: from {@code state}, pick one of
     * {@link #nextSteps} uniformly at random, again and again, until the state is solved or no
     * move is left. Computed exactly (no sampling) by averaging over the moves.
     */
    public static double rolloutSuccess(List<Rational> state, Rational target, Rules rules) {
        return rolloutSuccess(sorted(state), target, rules, new HashMap<>());
    }

    private static double rolloutSuccess(List<Rational> s, Rational target, Rules rules,
            Map<List<Rational>, Double> memo) {
        if (isSolved(s, target, rules)) {
            return 1;
        }
        Double known = memo.get(s);
        if (known != null) {
            return known;
        }
        List<Step> steps = nextSteps(s, rules);
        double sum = 0;
        for (Step step : steps) {
            sum += rolloutSuccess(step.left(), target, rules, memo);
        }
        double p = steps.isEmpty() ? 0 : sum / steps.size();
        memo.put(s, p);
        return p;
    }

    /**
     * The closest-first depth-first search described in the class comment; empty if it finds no
     * solution, or meets more than {@code maxDeadEnds} dead ends first.
     */
    public static Optional<Solution> solve(List<Integer> numbers, int target, Rules rules, int maxDeadEnds) {
        return solve(numbers, target, rules, maxDeadEnds, null);
    }

    /**
     * The same search with its move order shuffled by {@code order} (null: closest first). Each
     * state's moves are tried by their distance to the target times a random factor
     * {@code exp(N(0, 1))}, so near moves still tend to come first but no order is fixed; a
     * two-number state still writes only its closest move. Different draws give different traces,
     * dead ends and often different answers for one puzzle.
     */
    public static Optional<Solution> solve(List<Integer> numbers, int target, Rules rules, int maxDeadEnds,
            Random order) {
        return ClosestFirstSearch.solve(numbers, target, rules, maxDeadEnds, order);
    }

    private static List<Rational> sorted(List<Rational> state) {
        List<Rational> s = new ArrayList<>(state);
        Collections.sort(s);
        return s;
    }
}
