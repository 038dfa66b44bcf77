package dev.tinyreason.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CountdownTest {

    private final Countdown countdown = new Countdown();
    /** Canonical traces only: closest-first search, as version 1 wrote every trace. */
    private final Countdown closestFirst = new Countdown(TraceVariety.NONE);

    @Test
    void pinnedGeneratedExample() {
        Example e = closestFirst.generate(4, 166068722711155L);
        assertEquals("Use 4 8 15 23 to make 42.", e.prompt());
        assertEquals("""
                23 + 15 = 38 (left: 4 8 38)
                38 + 4 = 42 (left: 8 42)
                42 + 8 = 50 (left: 50)
                back (left: 4 8 38)
                38 + 8 = 46 (left: 4 46)
                46 - 4 = 42 (left: 42)""", e.thinkTrace());
        assertEquals("23+15+8-4", e.answer());
        assertEquals("4 8 15 23 -> 42", countdown.canonical(e));
        assertEquals(new Example.Meta("countdown", 4, "2", 166068722711155L), e.meta());
    }

    @Test
    void verdictsFromTheJavadoc() {
        Example e = puzzle("Use 4 8 15 23 to make 42.");
        assertEquals(Verdict.CORRECT, countdown.verify(e, "...</think>23+15+8-4"));
        assertEquals(Verdict.CORRECT, countdown.verify(e, "23+15+8-4 = 42"));
        assertEquals(Verdict.CORRECT, countdown.verify(e, "23+15+4"));
        assertEquals(Verdict.WRONG, countdown.verify(e, "23+15+4+4-4"));
        assertEquals(Verdict.WRONG, countdown.verify(e, "4-8+23+15"));
        assertEquals(Verdict.WRONG, countdown.verify(e, "8/15*23+4"));
        assertEquals(Verdict.WRONG, countdown.verify(e, "23+19"));
        assertEquals(Verdict.NO_ANSWER, countdown.verify(e, "forty-two"));
        assertEquals(Verdict.NO_ANSWER, countdown.verify(e, "23+15+4 = forty-two"));
        assertEquals(Verdict.NO_ANSWER, countdown.verify(e, "<think>23 + 15 = 38"));
    }

    @Test
    void intermediatesMustBePositiveWholeNumbersEvenWhenTheValueIsRight() {
        Example e = puzzle("Use 2 3 6 8 to make 10.");
        assertEquals(Verdict.CORRECT, countdown.verify(e, "8+6/3"));
        assertEquals(Verdict.WRONG, countdown.verify(e, "2-3+8+3")); // 3 twice, and 2-3 < 0
        assertEquals(Verdict.WRONG, countdown.verify(e, "2-6+8+6")); // 6 twice
        assertEquals(Verdict.WRONG, countdown.verify(e, "3-6+8+2+3")); // negative first
        assertEquals(Verdict.WRONG, countdown.verify(puzzle("Use 2 3 8 to make 16."), "8/3*3*2")); // 8/3
        assertEquals(Verdict.CORRECT, countdown.verify(puzzle("Use 2 3 8 to make 16."), "8*2"));
    }

    /** Game of 24 is held out: no countdown example in any split asks for 24. */
    @Test
    void twentyFourIsNeverATarget() {
        for (Split split : Split.values()) {
            for (int d = 3; d <= 5; d++) {
                for (int i = 0; i < 400; i++) {
                    Example e = countdown.example(split, d, i);
                    assertNotEquals(24, Countdown.Puzzle.of(e).target(), e.prompt());
                }
            }
        }
        for (long seed = 0; seed < 3000; seed++) {
            assertNotEquals(24, Countdown.Puzzle.of(countdown.generate(3 + (int) (seed % 3), seed)).target());
        }
    }

    /** Targets in range, not among the numbers; traces solve the puzzle with every number. */
    @Test
    void generatedPuzzlesAreWellFormed() {
        for (int d = 3; d <= 5; d++) {
            for (int i = 0; i < 150; i++) {
                Example e = closestFirst.example(Split.TRAIN, d, i);
                Countdown.Puzzle p = Countdown.Puzzle.of(e);
                assertEquals(d, p.numbers().size());
                assertTrue(p.numbers().stream().allMatch(n -> n >= 1 && n <= Countdown.MAX_NUMBER), e.prompt());
                assertTrue(p.target() >= Countdown.MIN_TARGET && p.target() <= Countdown.MAX_TARGET, e.prompt());
                assertTrue(!p.numbers().contains(p.target()), e.prompt());
                assertEquals(p.prompt(), e.prompt());
                CountdownSearch.Solution s = CountdownSearch.solve(p.numbers(), p.target(), Countdown.TRACE_RULES,
                        Countdown.MAX_DEAD_ENDS).orElseThrow();
                assertEquals(e.thinkTrace(), s.trace());
                CountdownSearchTest.checkSolution(p.numbers(), p.target(), Countdown.TRACE_RULES, s);
                assertTrue(s.deadEnds() <= Countdown.MAX_DEAD_ENDS);
                assertEquals(Verdict.CORRECT, countdown.verify(e, e.thinkingCompletion()));
                assertTrue(countdown.formatOk(e.thinkingCompletion()));
            }
        }
    }

    @Test
    void promptsParseAndMalformedPromptsAreReported() {
        assertEquals(new Countdown.Puzzle(List.of(9, 3, 7, 5), 42),
                Countdown.Puzzle.parse("Use 3 5 7 9 to make 42.").orElseThrow());
        assertTrue(Countdown.Puzzle.parse("Make 42 from 3 5 7 9").isEmpty());
        assertTrue(Countdown.Puzzle.parse(null).isEmpty());
        assertTrue(Countdown.Puzzle.parse("Use 99999999999 to make 1.").isEmpty());
        Example bad = new Example("Make 42 from 3 5 7 9", "42", "", new Example.Meta("countdown", 0, "", 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> countdown.verify(bad, "42"));
        assertTrue(e.getMessage().contains("Use 3 5 7 9 to make 42."), e.getMessage());
    }

    private static Example puzzle(String prompt) {
        return new Example(prompt, "0", "", new Example.Meta("countdown", 0, "", 0));
    }
}
