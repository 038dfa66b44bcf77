package dev.tinyreason.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CountdownSearchTest {

    private static final Rules USE_ALL = Rules.COUNTDOWN.withUseAll(true);

    @Test
    void stepLinesParseAndPrint() {
        Step s = Step.parse("13 - 9 = 4 (left: 10 4 4)");
        assertNotNull(s);
        assertEquals(Rational.of(13), s.a());
        assertEquals('-', s.op());
        assertEquals("13 - 9 = 4 (left: 4 4 10)", s.toString()); // left comes back sorted
        Step f = Step.parse("12 / 1/2 = 24 (left: 24)");
        assertEquals(new Rational(1, 2), f.b());
        // lenient about spaces, the order of left, and anything after the closing parenthesis
        assertEquals("8 / 3 = 8/3 (left: 8/3 3 8)", Step.parse(" 8 / 3=8/3 (left:3 8 8/3) likely").toString());
        for (String bad : new String[] {null, "", "13 - 9 = 4", "13 - 9 = 4 (left: )", "13 ^ 9 = 4 (left: 4)",
                "a - b = c (left: c)", "13 - 9 = 4 (left: 4 x)", "1 + 1 = 2 (left: 1/0)", "9".repeat(500)}) {
            assertNull(Step.parse(bad), String.valueOf(bad));
        }
    }

    @Test
    void nextStepsInTheirFixedOrder() {
        assertEquals("[3 + 2 = 5 (left: 5 6), 3 - 2 = 1 (left: 1 6), 3 * 2 = 6 (left: 6 6), "
                + "6 + 2 = 8 (left: 3 8), 6 - 2 = 4 (left: 3 4), 6 * 2 = 12 (left: 3 12), 6 / 2 = 3 (left: 3 3), "
                + "6 + 3 = 9 (left: 2 9), 6 - 3 = 3 (left: 2 3), 6 * 3 = 18 (left: 2 18), 6 / 3 = 2 (left: 2 2)]",
                CountdownSearch.nextSteps(CountdownSearch.state(List.of(6, 2, 3)), Rules.COUNTDOWN).toString());
        assertEquals("[3 + 2 = 5 (left: 5), 3 - 2 = 1 (left: 1), 3 * 2 = 6 (left: 6), 3 / 2 = 3/2 (left: 3/2), "
                + "2 / 3 = 2/3 (left: 2/3)]",
                CountdownSearch.nextSteps(CountdownSearch.state(List.of(2, 3)), Rules.GAME24).toString());
        // a repeated pair is proposed once; 4 - 4 = 0 is not positive
        assertEquals("[4 + 4 = 8 (left: 8), 4 * 4 = 16 (left: 16), 4 / 4 = 1 (left: 1)]",
                CountdownSearch.nextSteps(CountdownSearch.state(List.of(4, 4)), Rules.COUNTDOWN).toString());
    }

    @Test
    void isValidChecksEveryPartOfAStep() {
        List<Rational> state = CountdownSearch.state(List.of(4, 4, 10, 13));
        assertFalse(CountdownSearch.isValid(Step.parse("13 - 9 = 4 (left: 4 4 10)"), state, Rules.GAME24));
        assertTrue(CountdownSearch.isValid(Step.parse("13 - 10 = 3 (left: 4 4 3)"), state, Rules.GAME24));
        assertTrue(CountdownSearch.isValid(Step.parse("4 * 4 = 16 (left: 10 13 16)"), state, Rules.GAME24));
        assertFalse(CountdownSearch.isValid(Step.parse("4 * 4 = 17 (left: 10 13 17)"), state, Rules.GAME24));
        assertFalse(CountdownSearch.isValid(Step.parse("4 * 4 = 16 (left: 10 16)"), state, Rules.GAME24));
        assertFalse(CountdownSearch.isValid(Step.parse("10 * 10 = 100 (left: 4 4 13 100)"), state, Rules.GAME24));
        assertFalse(CountdownSearch.isValid(Step.parse("4 - 10 = -6 (left: 4 13 -6)"), state, Rules.GAME24));
        assertTrue(CountdownSearch.isValid(Step.parse("10 / 4 = 5/2 (left: 5/2 4 13)"), state, Rules.GAME24));
        assertFalse(CountdownSearch.isValid(Step.parse("10 / 4 = 5/2 (left: 5/2 4 13)"), state, Rules.COUNTDOWN));
        assertFalse(CountdownSearch.isValid(null, state, Rules.GAME24));
        assertFalse(CountdownSearch.isValid(Step.parse("4 / 4 = 1 (left: 1 10 13)"), null, Rules.GAME24));
    }

    @Test
    void workedSearchFromTheJavadoc() {
        CountdownSearch.Solution s = CountdownSearch.solve(List.of(4, 8, 15, 23), 42, USE_ALL, 3).orElseThrow();
        assertEquals("""
                23 + 15 = 38 (left: 4 8 38)
                38 + 4 = 42 (left: 8 42)
                42 + 8 = 50 (left: 50)
                back (left: 4 8 38)
                38 + 8 = 46 (left: 4 46)
                46 - 4 = 42 (left: 42)""", s.trace());
        assertEquals("23+15+8-4", s.expression().toString());
        assertEquals(1, s.deadEnds());
        assertEquals(3, s.path().size());
        // each number at most once: the search stops as soon as 42 appears
        assertEquals("23 + 15 = 38 (left: 4 8 38)\n38 + 4 = 42 (left: 8 42)",
                CountdownSearch.solve(List.of(4, 8, 15, 23), 42, Rules.COUNTDOWN, 3).orElseThrow().trace());
        // too few dead ends allowed
        assertTrue(CountdownSearch.solve(List.of(4, 8, 15, 23), 42, USE_ALL, 0).isEmpty());
    }

    @Test
    void fractionSolutionOfThreeThreeEightEight() {
        CountdownSearch.Solution s = CountdownSearch.solve(List.of(3, 3, 8, 8), 24, Rules.GAME24, 1000)
                .orElseThrow();
        assertEquals("8/(3-8/3)", s.expression().toString());
        assertEquals("8 / 3 = 8/3 (left: 8/3 3 8)\n3 - 8/3 = 1/3 (left: 1/3 8)\n8 / 1/3 = 24 (left: 24)",
                s.pathTrace());
    }

    @Test
    void countsSolutionPaths() {
        assertEquals(1, CountdownSearch.countSolutions(CountdownSearch.state(List.of(4, 6)), Rational.of(24),
                Rules.GAME24));
        assertEquals(61, CountdownSearch.countSolutions(CountdownSearch.state(List.of(1, 2, 3, 4)),
                Rational.of(24), Rules.GAME24));
        assertEquals(0.2, CountdownSearch.rolloutSuccess(CountdownSearch.state(List.of(4, 6)), Rational.of(24),
                Rules.GAME24), 1e-12); // 1 of 5 moves
    }

    /**
     * An independent oracle: the values each subset of the numbers can make, built bottom-up from
     * the values of its two halves (expression trees, not move sequences).
     */
    private static Set<Rational> values(List<Integer> numbers, int mask, Rules rules,
            Map<Integer, Set<Rational>> memo) {
        Set<Rational> known = memo.get(mask);
        if (known != null) {
            return known;
        }
        Set<Rational> out = new HashSet<>();
        memo.put(mask, out);
        if (Integer.bitCount(mask) == 1) {
            out.add(Rational.of(numbers.get(Integer.numberOfTrailingZeros(mask))));
            return out;
        }
        for (int a = (mask - 1) & mask; a > 0; a = (a - 1) & mask) {
            int b = mask & ~a;
            if (a < b) {
                continue; // each split once
            }
            for (Rational x : values(numbers, a, rules, memo)) {
                for (Rational y : values(numbers, b, rules, memo)) {
                    for (char op : new char[] {'+', '-', '*', '/'}) {
                        for (Rational[] p : new Rational[][] {{x, y}, {y, x}}) {
                            try {
                                Rational c = p[0].apply(op, p[1]);
                                if (rules.allows(c)) {
                                    out.add(c);
                                }
                            } catch (ArithmeticException ignored) {
                                // division by zero: no value
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static boolean bruteForce(List<Integer> numbers, int target, Rules rules) {
        int full = (1 << numbers.size()) - 1;
        Map<Integer, Set<Rational>> memo = new HashMap<>();
        for (int mask = 1; mask <= full; mask++) {
            if ((mask == full || !rules.useAll()) && values(numbers, mask, rules, memo).contains(Rational.of(target))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void solverAgreesWithBruteForceOnRandomInstances() {
        Random rng = new Random(11);
        int solvable = 0;
        for (int i = 0; i < 300; i++) {
            int n = 3 + i % 3;
            List<Integer> numbers = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                numbers.add(1 + rng.nextInt(n == 5 ? 12 : 25));
            }
            int target = 1 + rng.nextInt(120);
            List<Rules> all = n <= 4 // fractions make five-number brute force slow
                    ? List.of(Rules.COUNTDOWN, USE_ALL, Rules.GAME24)
                    : List.of(Rules.COUNTDOWN, USE_ALL);
            for (Rules rules : all) {
                boolean truth = bruteForce(numbers, target, rules);
                List<Rational> state = CountdownSearch.state(numbers);
                assertEquals(truth, CountdownSearch.canReach(state, Rational.of(target), rules),
                        numbers + " -> " + target + " " + rules);
                Optional<CountdownSearch.Solution> s = CountdownSearch.solve(numbers, target, rules, Integer.MAX_VALUE);
                assertEquals(truth, s.isPresent(), numbers + " -> " + target + " " + rules);
                if (s.isPresent()) {
                    solvable++;
                    checkSolution(numbers, target, rules, s.get());
                }
            }
        }
        assertTrue(solvable > 200, "only " + solvable + " solvable instances: the test would be weak");
    }

    /** The answer uses the numbers as the rules say and makes the target; the trace replays. */
    static void checkSolution(List<Integer> numbers, int target, Rules rules, CountdownSearch.Solution s) {
        Expression e = s.expression();
        assertEquals(Rational.of(target), e.valueUnder(rules), e.toString());
        if (s.path().isEmpty()) { // the target was one of the numbers
            assertTrue(e.isNumber() && numbers.contains(target) && !rules.useAll(), e.toString());
            return;
        }
        List<Long> used = e.numbers();
        assertTrue(Countdown.usesAtMostOnce(used, numbers), e + " uses " + used + " of " + numbers);
        if (rules.useAll()) {
            assertEquals(numbers.size(), used.size(), e.toString());
        }
        List<List<Rational>> path = new ArrayList<>();
        path.add(CountdownSearch.state(numbers));
        int dead = 0;
        for (String line : s.trace().split("\n")) {
            if (line.startsWith("back (left: ")) {
                Step probe = Step.parse("1 + 1 = 2 (" + line.substring("back (".length()));
                List<Rational> to = probe.left();
                int at = path.indexOf(to);
                assertTrue(at >= 0, "back to a state on the current path: " + line + "\n" + s.trace());
                path.subList(at + 1, path.size()).clear();
                continue;
            }
            Step step = Step.parse(line);
            assertNotNull(step, line);
            List<Rational> current = path.get(path.size() - 1);
            assertTrue(CountdownSearch.isValid(step, current, rules), line + " from " + current);
            if (step.left().size() == 1 && !CountdownSearch.isSolved(step.left(), Rational.of(target), rules)) {
                dead++;
            }
            path.add(step.left());
        }
        assertTrue(CountdownSearch.isSolved(path.get(path.size() - 1), Rational.of(target), rules), s.trace());
        assertEquals(s.deadEnds(), dead, s.trace());
    }
}
