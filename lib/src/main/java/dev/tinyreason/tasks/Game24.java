package dev.tinyreason.tasks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Game of 24, for evaluation only: the Tree-of-Thoughts benchmark (Yao et al. 2023), and a
 * transfer test for models trained on {@link Countdown}, which never has 24 as its target.
 *
 * <p><b>Puzzles</b>: every multiset of four numbers from 1..13 that can make 24 with
 * {@code + - * /}, every number used exactly once, fractions allowed ({@code 8/(3-8/3)}). Of the
 * 1820 multisets, {@value #SOLVABLE} are solvable (the same count as the 4nums.com set ToT
 * uses), found by exhaustive search ({@link CountdownSearch#canReach} with {@link Rules#GAME24}).
 *
 * <p><b>Ranking, easiest first.</b> Puzzles are sorted by
 * <ol>
 *   <li>whether a fraction is needed: the {@value #NEEDS_FRACTIONS} puzzles with no whole-number
 *       solution ({@code 3 3 8 8}, {@code 1 5 5 5}, ...) are the hardest, as players know;</li>
 *   <li>the number of distinct solution paths ({@link CountdownSearch#countSolutions}): fewer is
 *       harder;</li>
 *   <li>ties: the chance that moves picked uniformly at random solve it
 *       ({@link CountdownSearch#rolloutSuccess}): lower is harder, since a search that proposes
 *       moves, as ToT does, goes astray more often (159 puzzles have a single path);</li>
 *   <li>ties: the numbers in ascending lexicographic order.</li>
 * </ol>
 * This is a total order, so "the hardest 100" ({@link #hardest}) is well defined: the last 100,
 * ranks 1262 to 1361. Difficulty 1..5 is the quintile of the
 * rank (5: the hardest fifth). {@link Example.Meta#seed()} holds the rank (0 = easiest): the
 * puzzles are enumerated, not sampled.
 *
 * <p><b>Prompt</b> {@code "Use 1 4 7 8 to make 24."}, the Countdown format. <b>Think</b>: the
 * first solution path {@link CountdownSearch#solve} finds, without its dead ends (a reference,
 * never trained on). <b>Answer</b>: an expression, verified exactly with rationals; any
 * intermediate value is allowed in an answer, as in the usual game.
 */
public final class Game24 implements Task {

    public static final String NAME = "game24";
    public static final String VERSION = "1";
    public static final int TARGET = 24;
    public static final int SOLVABLE = 1362;
    public static final int NEEDS_FRACTIONS = 16;
    public static final int LEVELS = 5;

    /** Game of 24 without fractions: to find the puzzles that need one. */
    private static final Rules WHOLE_NUMBERS = new Rules(false, true);

    /**
     * A ranked puzzle with the numbers that ranked it.
     *
     * @param rank 0 for the easiest, 1361 for the hardest
     * @param needsFractions whether every solution passes through a fraction
     * @param solutions distinct solution paths ({@link CountdownSearch#countSolutions})
     * @param rolloutSuccess chance that random moves solve it ({@link CountdownSearch#rolloutSuccess})
     */
    public record Ranked(int rank, List<Integer> numbers, boolean needsFractions, long solutions,
            double rolloutSuccess, Example example) {}

    /** Built once, on first use (a few seconds). */
    private static final class Ranking {
        static final List<Ranked> ALL = build();
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
        return 1;
    }

    @Override
    public int maxDifficulty() {
        return LEVELS;
    }

    @Override
    public List<Split> splits() {
        return List.of(Split.TEST);
    }

    /** All solvable puzzles, easiest first. */
    public static List<Ranked> ranked() {
        return Ranking.ALL;
    }

    /** The {@code n} hardest puzzles, easiest of them first. */
    public static List<Example> hardest(int n) {
        List<Ranked> all = ranked();
        if (n < 0 || n > all.size()) {
            throw new IllegalArgumentException("n must be between 0 and " + all.size() + ", got " + n);
        }
        List<Example> out = new ArrayList<>();
        for (Ranked r : all.subList(all.size() - n, all.size())) {
            out.add(r.example());
        }
        return out;
    }

    /** The puzzle of rank {@code i} (0 = easiest). */
    @Override
    public Example example(int i) {
        return ranked().get(i).example();
    }

    /** The {@code index}-th puzzle (easiest first) of difficulty quintile {@code difficulty}. */
    @Override
    public Example example(Split split, int difficulty, long index) {
        if (split != Split.TEST) {
            throw new IllegalArgumentException("game24 is for evaluation only: it has a test split, not "
                    + split.fileStem());
        }
        if (difficulty < 1 || difficulty > LEVELS) {
            throw new IllegalArgumentException("game24 difficulty must be between 1 and " + LEVELS + ", got "
                    + difficulty);
        }
        List<Ranked> level = ranked().stream().filter(r -> r.example().difficulty() == difficulty).toList();
        if (index < 0 || index >= level.size()) {
            throw new IllegalArgumentException("game24 difficulty " + difficulty + " has " + level.size()
                    + " puzzles, index " + index + " is out of range");
        }
        return level.get((int) index).example();
    }

    private static List<Ranked> build() {
        Rational target = Rational.of(TARGET);
        List<Ranked> found = new ArrayList<>();
        for (int a = 1; a <= 13; a++) {
            for (int b = a; b <= 13; b++) {
                for (int c = b; c <= 13; c++) {
                    for (int d = c; d <= 13; d++) {
                        List<Integer> numbers = List.of(a, b, c, d);
                        List<Rational> state = CountdownSearch.state(numbers);
                        if (!CountdownSearch.canReach(state, target, Rules.GAME24)) {
                            continue;
                        }
                        boolean fractions = !CountdownSearch.canReach(state, target, WHOLE_NUMBERS);
                        long paths = CountdownSearch.countSolutions(state, target, Rules.GAME24);
                        double rollout = CountdownSearch.rolloutSuccess(state, target, Rules.GAME24);
                        found.add(new Ranked(-1, numbers, fractions, paths, rollout, null));
                    }
                }
            }
        }
        found.sort(Comparator.comparing(Ranked::needsFractions)
                .thenComparingLong(r -> -r.solutions())
                .thenComparingDouble(r -> -r.rolloutSuccess())
                .thenComparing(Ranked::numbers, Game24::lexicographic));
        List<Ranked> ranked = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            Ranked r = found.get(i);
            int difficulty = 1 + i * LEVELS / found.size();
            ranked.add(new Ranked(i, r.numbers(), r.needsFractions(), r.solutions(), r.rolloutSuccess(),
                    example(r.numbers(), difficulty, i)));
        }
        return List.copyOf(ranked);
    }

    private static Example example(List<Integer> numbers, int difficulty, int rank) {
        CountdownSearch.Solution s = CountdownSearch.solve(numbers, TARGET, Rules.GAME24, Integer.MAX_VALUE)
                .orElseThrow(() -> new IllegalStateException("a solvable puzzle has a solution: " + numbers));
        Countdown.Puzzle p = new Countdown.Puzzle(numbers, TARGET);
        return new Example(p.prompt(), s.expression().toString(), s.pathTrace(),
                new Example.Meta(NAME, difficulty, VERSION, rank));
    }

    private static int lexicographic(List<Integer> x, List<Integer> y) {
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            int c = Integer.compare(x.get(i), y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    /** The sorted numbers, {@code 1 4 7 8}. */
    @Override
    public String canonical(Example example) {
        String c = Countdown.Puzzle.of(example).canonical();
        return c.substring(0, c.indexOf(" ->"));
    }

    @Override
    public boolean parses(String answer) {
        return Countdown.expression(answer) != null;
    }

    /**
     * CORRECT when the answer is an expression using each of the four numbers exactly once whose
     * exact rational value is 24.
     * <pre>
     * "Use 1 4 7 8 to make 24."   "(8-4)*(7-1)"   CORRECT
     *                             "8*(7-4)*1"     CORRECT
     *                             "8*(7-4)"       WRONG (1 unused)
     *                             "(8-4)*6"       WRONG (6 is not given)
     * "Use 3 3 8 8 to make 24."   "8/(3-8/3)"     CORRECT (exact: 8/(1/3) = 24)
     *                             "8/(3-3)*8"     WRONG (divides by zero)
     *                             "((8"           NO_ANSWER
     * </pre>
     */
    @Override
    public Verdict verify(Example example, String completion) {
        Countdown.Puzzle p = Countdown.Puzzle.of(example);
        Expression e = Countdown.expression(Reply.parse(completion).answer());
        if (e == null) {
            return Verdict.NO_ANSWER;
        }
        List<Long> used = new ArrayList<>(e.numbers());
        if (used.size() != p.numbers().size() || !Countdown.usesAtMostOnce(used, p.numbers())) {
            return Verdict.WRONG;
        }
        Rational v = e.value();
        return v != null && v.equals(Rational.of(p.target())) ? Verdict.CORRECT : Verdict.WRONG;
    }
}
