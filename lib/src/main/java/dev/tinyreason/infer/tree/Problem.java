package dev.tinyreason.infer.tree;

import dev.tinyreason.tasks.Countdown;
import dev.tinyreason.tasks.CountdownSearch;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.Expression;
import dev.tinyreason.tasks.Game24;
import dev.tinyreason.tasks.Rational;
import dev.tinyreason.tasks.Rules;
import dev.tinyreason.tasks.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * The puzzle a tree search solves: the numbers, the target and the rules. A <em>state</em> is
 * the ascending list of numbers still to combine; a <em>path</em> is the list of steps taken
 * from the start, each one a thought of Tree-of-Thoughts (Yao et al. 2023): one line
 * {@code 13 - 9 = 4 (left: 4 4 10)}.
 *
 * <pre>
 * Problem p = Problem.of(Game24.hardest(100).get(0));   // Use 1 5 5 5 to make 24.
 * p.start();                                           // [1, 5, 5, 5]
 * p.isSolved(List.of(Rational.of(24)));                // true: every number used
 * </pre>
 *
 * @param numbers the given numbers, ascending
 * @param target  the number to make
 * @param rules   {@link Rules#GAME24} for Game of 24 (every number used, fractions allowed),
 *                {@link Rules#COUNTDOWN} for Countdown (the target anywhere in the state)
 */
public record Problem(List<Integer> numbers, int target, Rules rules) {

    public Problem {
        if (numbers == null || numbers.size() < 2) {
            throw new IllegalArgumentException("A problem needs at least two numbers, got "
                    + numbers + ".");
        }
        if (rules == null) {
            throw new IllegalArgumentException("A problem needs rules, e.g. Rules.GAME24.");
        }
        numbers = new Countdown.Puzzle(numbers, target).numbers();
    }

    /**
     * The problem of a {@code game24} or {@code countdown} example, under that task's rules
     * (so a solved state is exactly what the task's verifier accepts).
     */
    public static Problem of(Example example) {
        Countdown.Puzzle p = Countdown.Puzzle.parse(example.prompt()).orElseThrow(() ->
                new IllegalArgumentException("A tree search needs a puzzle prompt like 'Use 4 8 "
                        + "15 23 to make 42.', got '" + example.prompt() + "' (task "
                        + example.task() + ")."));
        Rules rules = switch (example.task()) {
            case Game24.NAME -> Rules.GAME24;
            case Countdown.NAME -> Rules.COUNTDOWN;
            default -> throw new IllegalArgumentException("Tree search solves game24 and "
                    + "countdown puzzles, not " + example.task() + ".");
        };
        return new Problem(p.numbers(), p.target(), rules);
    }

    /** The user prompt, {@code "Use 4 8 15 23 to make 42."}. */
    public String prompt() {
        return new Countdown.Puzzle(numbers, target).prompt();
    }

    /** The starting state. */
    public List<Rational> start() {
        return CountdownSearch.state(numbers);
    }

    /** The state a path leads to: the start, or the last step's {@code left}. */
    public List<Rational> state(List<Step> path) {
        return path.isEmpty() ? start() : path.get(path.size() - 1).left();
    }

    /** Whether {@code state} solves the problem. */
    public boolean isSolved(List<Rational> state) {
        return CountdownSearch.isSolved(state, Rational.of(target), rules);
    }

    /** Whether no step can follow {@code state}: it is solved, or one number is left. */
    public boolean isTerminal(List<Rational> state) {
        return isSolved(state) || state.size() < 2;
    }

    /** Steps from the start to a one-number state: the depth of a full search. */
    public int depth() {
        return numbers.size() - 1;
    }

    /**
     * The expression that a path builds for the target, e.g. {@code (8-4)*(7-1)}, or null if
     * the path does not reach it. The path's steps are replayed, each number carrying the
     * expression that made it.
     */
    public Expression answer(List<Step> path) {
        List<Rational> values = new ArrayList<>(start());
        List<Expression> made = new ArrayList<>();
        for (int n : numbers) {
            made.add(Expression.number(n));
        }
        for (Step s : path) {
            int i = values.indexOf(s.a());
            if (i < 0) {
                return null;
            }
            Expression a = made.remove(i);
            values.remove(i);
            int j = values.indexOf(s.b());
            if (j < 0) {
                return null;
            }
            Expression b = made.remove(j);
            values.remove(j);
            values.add(s.c());
            made.add(Expression.of(a, s.op(), b));
        }
        if (!isSolved(values)) {  // order does not matter to isSolved
            return null;
        }
        return made.get(values.indexOf(Rational.of(target)));
    }
}
