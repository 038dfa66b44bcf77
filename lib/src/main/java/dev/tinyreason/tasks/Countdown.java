package dev.tinyreason.tasks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Countdown, the number game TinyZero (Pan et al. 2025) trains on: combine the given numbers
 * with {@code + - * /} to reach a target.
 *
 * <p><b>Rules</b> ({@link Rules#COUNTDOWN}): each number at most once; every intermediate result
 * a positive whole number (division only when exact, no {@code 3 - 5}). The answer is one
 * expression, e.g. {@code 23+15+8-4}, optionally followed by {@code = 42}.
 *
 * <p><b>Generator.</b> Difficulty is how many numbers there are: 3, 4 or 5, each drawn from
 * 1..25 (repeats allowed). The target is made by combining <em>all</em> of them at random with
 * legal moves, kept if it lies in 10..99, is not one of the numbers, and is not 24. The trace is
 * {@link CountdownSearch#solve}'s closest-first search for a solution that uses every number
 * ({@code Rules.COUNTDOWN.withUseAll(true)}), and puzzles that search cannot solve within
 * {@value #MAX_DEAD_ENDS} dead ends are drawn again, so traces stay short (at most 13 lines,
 * 336 characters, in the shipped data). So every puzzle has a use-every-number solution and
 * every trace shows one: the same search, and the same line format, carry over to Game of 24,
 * where every number must be used. That closest-first trace is the <em>canonical</em> one (all a
 * {@link TraceVariety#NONE} generator writes); with {@link TraceVariety#DEFAULT}, 60% of traces
 * search in a shuffled order instead ({@link Path#SHUFFLED}: other dead ends, often another
 * answer; the puzzle is the same) and about a third end with a check line
 * {@code check: 23+15+8-4 = 42 ok}.
 *
 * <p><b>24 is never a target</b>, in any split: Game of 24 ({@link Game24}) stays a held-out
 * transfer test, not a memorised one.
 *
 * <p><b>Prompt</b> {@code "Use 4 8 15 23 to make 42."} (numbers ascending); the trace is in
 * {@link CountdownSearch}'s class comment. <b>Canonical form</b>: the sorted numbers and the
 * target, {@code 4 8 15 23 -> 42}.
 */
public final class Countdown implements GeneratedTask {

    public static final String NAME = "countdown";
    public static final String VERSION = "2";

    /** The orders a trace's search tries moves in ({@link TraceVariety}). */
    public enum Path {
        /** Closest to the target first: the canonical trace. */
        CLOSEST_FIRST,
        /** Closeness shuffled by a random factor per move; see {@link CountdownSearch#solve}. */
        SHUFFLED
    }

    private final TraceVariety variety;

    /** Countdown with the course's {@link TraceVariety#DEFAULT} mix of traces. */
    public Countdown() {
        this(TraceVariety.DEFAULT);
    }

    public Countdown(TraceVariety variety) {
        this.variety = java.util.Objects.requireNonNull(variety, "variety");
    }

    /** The search writes at most this many dead ends; harder puzzles are drawn again. */
    public static final int MAX_DEAD_ENDS = 3;

    /** The target that never appears: Game of 24 is held out. */
    public static final int EXCLUDED_TARGET = 24;

    static final int MAX_NUMBER = 25;
    static final int MIN_TARGET = 10;
    static final int MAX_TARGET = 99;

    /** How the traces search: the countdown rules, but every number used. */
    static final Rules TRACE_RULES = Rules.COUNTDOWN.withUseAll(true);

    private static final Pattern PROMPT = Pattern.compile("Use ([0-9]+(?: [0-9]+)*) to make ([0-9]+)\\.");

    /**
     * The numbers and target of a prompt {@code "Use 3 5 7 9 to make 42."}: the shared format of
     * Countdown and Game of 24.
     */
    public record Puzzle(List<Integer> numbers, int target) {
        public Puzzle {
            List<Integer> s = new ArrayList<>(numbers);
            Collections.sort(s);
            numbers = List.copyOf(s);
        }

        /** Parses a prompt; empty if it is not in the format. */
        public static Optional<Puzzle> parse(String prompt) {
            Matcher m = prompt == null || prompt.length() > 200 ? null : PROMPT.matcher(prompt.strip());
            if (m == null || !m.matches()) {
                return Optional.empty();
            }
            try {
                List<Integer> numbers = new ArrayList<>();
                for (String n : m.group(1).split(" ")) {
                    numbers.add(Integer.parseInt(n));
                }
                return Optional.of(new Puzzle(numbers, Integer.parseInt(m.group(2))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        /** Parses a prompt of an example; a malformed example is an error. */
        static Puzzle of(Example example) {
            return parse(example.prompt()).orElseThrow(() -> new IllegalArgumentException(example.task()
                    + " prompt must look like 'Use 3 5 7 9 to make 42.', got '" + example.prompt() + "'"));
        }

        public String prompt() {
            StringBuilder sb = new StringBuilder("Use");
            for (int n : numbers) {
                sb.append(' ').append(n);
            }
            return sb.append(" to make ").append(target).append('.').toString();
        }

        /** The numbers as a search state. */
        public List<Rational> state() {
            return CountdownSearch.state(numbers);
        }

        /** {@code "3 5 7 9 -> 42"}. */
        public String canonical() {
            StringBuilder sb = new StringBuilder();
            for (int n : numbers) {
                sb.append(n).append(' ');
            }
            return sb.append("-> ").append(target).toString();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public int minDifficulty() {
        return 3;
    }

    @Override
    public int maxDifficulty() {
        return 5;
    }

    @Override
    public Example generate(int count, long seed) {
        return generate(count, seed, variety.rng(seed));
    }

    @Override
    public Example generate(int count, long seed, Random traceRng) {
        if (count < 3 || count > 5) {
            throw new IllegalArgumentException("countdown difficulty is how many numbers, 3 to 5, got " + count);
        }
        Random rng = new Random(seed);
        while (true) {
            List<Integer> numbers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                numbers.add(1 + rng.nextInt(MAX_NUMBER));
            }
            int target = randomTarget(numbers, rng);
            if (target < MIN_TARGET || target > MAX_TARGET || target == EXCLUDED_TARGET || numbers.contains(target)) {
                continue;
            }
            Optional<CountdownSearch.Solution> s = CountdownSearch.solve(numbers, target, TRACE_RULES, MAX_DEAD_ENDS);
            if (s.isPresent()) {
                Puzzle p = new Puzzle(numbers, target);
                CountdownSearch.Solution shown = variety.path(traceRng, List.of(Path.CLOSEST_FIRST, Path.SHUFFLED))
                        == Path.SHUFFLED ? shuffled(numbers, target, traceRng).orElse(s.get()) : s.get();
                String trace = shown.trace();
                if (variety.check(traceRng)) {
                    trace += "\ncheck: " + shown.expression() + " = " + target + " ok";
                }
                return new Example(p.prompt(), shown.expression().toString(), trace,
                        new Example.Meta(NAME, count, VERSION, seed));
            }
        }
    }

    /** Draws of a shuffled search before a trace falls back to closest-first. */
    static final int SHUFFLE_TRIES = 20;

    /**
     * A search with its move order shuffled ({@link CountdownSearch#solve(List, int, Rules, int,
     * Random)}) that solves the puzzle within {@link #MAX_DEAD_ENDS}; empty if
     * {@link #SHUFFLE_TRIES} draws all run over.
     */
    private static Optional<CountdownSearch.Solution> shuffled(List<Integer> numbers, int target, Random rng) {
        for (int i = 0; i < SHUFFLE_TRIES; i++) {
            Optional<CountdownSearch.Solution> s = CountdownSearch.solve(numbers, target, TRACE_RULES,
                    MAX_DEAD_ENDS, rng);
            if (s.isPresent()) {
                return s;
            }
        }
        return Optional.empty();
    }

    /** Combines all numbers by random legal moves; the last number standing. */
    private static int randomTarget(List<Integer> numbers, Random rng) {
        List<Rational> s = new ArrayList<>(CountdownSearch.state(numbers));
        while (s.size() > 1) {
            List<Step> moves = CountdownSearch.nextSteps(s, Rules.COUNTDOWN);
            Step m = moves.get(rng.nextInt(moves.size())); // never empty: a + b is always legal
            s = new ArrayList<>(m.left());
            if (m.c().num() > 10_000) {
                return -1; // far out of range; stop early
            }
        }
        return (int) s.get(0).num();
    }

    @Override
    public String canonical(Example example) {
        return Puzzle.of(example).canonical();
    }

    @Override
    public boolean parses(String answer) {
        return expression(answer) != null;
    }

    /** The expression in an answer, allowing a trailing {@code = N}; null if there is none. */
    static Expression expression(String answer) {
        if (answer == null || answer.length() > Expression.MAX_CHARS) {
            return null;
        }
        int eq = answer.indexOf('=');
        if (eq >= 0) {
            if (Rational.parse(answer.substring(eq + 1).strip()) == null) {
                return null;
            }
            answer = answer.substring(0, eq);
        }
        return Expression.parse(answer);
    }

    /**
     * CORRECT when the answer is an expression that uses only the given numbers, each at most
     * once, keeps every intermediate a positive whole number, and equals the target.
     * <pre>
     * "Use 4 8 15 23 to make 42."  "...&lt;/think&gt;23+15+8-4"   CORRECT
     *                              "23+15+8-4 = 42"         CORRECT (a direct answer)
     *                              "23+15+4"                CORRECT (8 unused: at most once)
     *                              "23+15+4+4-4"            WRONG (4 used three times)
     *                              "4-8+23+15"              WRONG (4-8 is negative; and 34)
     *                              "8/15*23+4"              WRONG (8/15 is not whole)
     *                              "23+19"                  WRONG (19 is not given)
     *                              "forty-two"              NO_ANSWER
     * </pre>
     * The claimed value after {@code =} is not trusted: only the expression counts.
     */
    @Override
    public Verdict verify(Example example, String completion) {
        Puzzle p = Puzzle.of(example);
        Expression e = expression(Reply.parse(completion).answer());
        if (e == null) {
            return Verdict.NO_ANSWER;
        }
        if (!usesAtMostOnce(e.numbers(), p.numbers())) {
            return Verdict.WRONG;
        }
        Rational v = e.valueUnder(Rules.COUNTDOWN);
        return v != null && v.equals(Rational.of(p.target())) ? Verdict.CORRECT : Verdict.WRONG;
    }

    /** Whether {@code used} is a sub-multiset of {@code given}. */
    static boolean usesAtMostOnce(List<Long> used, List<Integer> given) {
        List<Long> pool = new ArrayList<>();
        for (int g : given) {
            pool.add((long) g);
        }
        for (long u : used) {
            if (!pool.remove(u)) {
                return false;
            }
        }
        return true;
    }
}
