package dev.tinyreason.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Many correct paths per problem: every variant is right, the problems stay put, the mix is as documented. */
class TraceVarietyTest {

    private static final List<GeneratedTask> VARIED = List.of(new Arith(), new Word(), new Countdown());
    private static final List<GeneratedTask> CANONICAL = List.of(new Arith(TraceVariety.NONE),
            new Word(TraceVariety.NONE), new Countdown(TraceVariety.NONE));

    /** Every step of every variant is a true equation, the answer verifies, the trace ends with it. */
    @Test
    void everyVariantIsCorrect() {
        for (GeneratedTask t : VARIED) {
            for (int d = t.minDifficulty(); d <= t.maxDifficulty(); d++) {
                for (int i = 0; i < 60; i++) {
                    Example e = t.example(Split.TRAIN, d, i);
                    Random draws = new Random(i);
                    for (int j = 0; j < 8; j++) {
                        Example v = t.generate(d, e.meta().seed(), new Random(draws.nextLong()));
                        String trace = v.thinkTrace();
                        assertEquals(-1, Equations.firstError(trace), trace);
                        assertEquals(Verdict.CORRECT, t.verify(v, v.thinkingCompletion()), trace);
                        if (!t.name().equals(Countdown.NAME)) {
                            assertTrue(trace.endsWith(v.answer()), trace);
                        }
                    }
                }
            }
        }
    }

    /** The trace's choices have their own random stream: the same seed is the same problem and split. */
    @Test
    void varietyNeverChangesTheProblem() {
        for (int k = 0; k < VARIED.size(); k++) {
            GeneratedTask varied = VARIED.get(k);
            GeneratedTask canonical = CANONICAL.get(k);
            for (Split split : Split.values()) {
                for (int i = 0; i < 40; i++) {
                    int d = varied.maxDifficulty();
                    Example a = varied.example(split, d, i);
                    Example b = canonical.example(split, d, i);
                    assertEquals(b.prompt(), a.prompt());
                    assertEquals(b.meta(), a.meta());
                    assertEquals(canonical.canonical(b), varied.canonical(a));
                    if (!varied.name().equals(Countdown.NAME)) {
                        assertEquals(b.answer(), a.answer());
                    }
                }
            }
        }
    }

    /** A word problem's canonical form is its story-order equations whatever path its trace takes. */
    @Test
    void wordCanonicalFormIgnoresThePath() {
        Word word = new Word();
        Example e = new Word(TraceVariety.NONE).generate(8, 7);
        Set<String> traces = new HashSet<>();
        Random draws = new Random(7);
        for (int j = 0; j < 30; j++) {
            Example v = word.generate(8, 7, new Random(draws.nextLong()));
            traces.add(v.thinkTrace());
            assertEquals(e.thinkTrace().replace(" ", "").replace('\n', ';'), word.canonical(v));
        }
        assertTrue(traces.size() >= 4, traces.toString());
    }

    /**
     * The hardest levels give several different traces per problem, of clearly different
     * lengths (the spread a preference for concise traces needs).
     */
    @Test
    void oneProblemHasManyTracesOfManyLengths() {
        for (GeneratedTask t : VARIED) {
            int d = t.maxDifficulty();
            double cv = 0;
            double distinct = 0;
            int problems = 40;
            for (int i = 0; i < problems; i++) {
                long seed = t.example(Split.VAL, d, i).meta().seed();
                Set<String> traces = new HashSet<>();
                double s = 0;
                double s2 = 0;
                int k = 16;
                Random draws = new Random(i);
                for (int j = 0; j < k; j++) {
                    String trace = t.generate(d, seed, new Random(draws.nextLong())).thinkTrace();
                    traces.add(trace);
                    s += trace.length();
                    s2 += (double) trace.length() * trace.length();
                }
                double mean = s / k;
                cv += Math.sqrt(Math.max(0, s2 / k - mean * mean)) / mean;
                distinct += traces.size();
            }
            assertTrue(distinct / problems >= 4, t.name() + ": " + distinct / problems + " distinct traces of 16");
            // arith and word vary by paths and checks; countdown's searches by their dead ends
            double floor = t.name().equals(Countdown.NAME) ? 0.15 : 0.3;
            assertTrue(cv / problems >= floor, t.name() + ": length CV " + cv / problems);
        }
    }

    /** The documented shares hold over many draws: canonical path, verification pass, restatement. */
    @Test
    void sharesMatchTheConfig() {
        Arith arith = new Arith();
        int n = 3000;
        int canonical = 0;
        int checked = 0;
        int restated = 0;
        for (int i = 0; i < n; i++) {
            Example e = arith.example(Split.TRAIN, 5, i);
            Example c = new Arith(TraceVariety.NONE).generate(5, e.meta().seed());
            String t = e.thinkTrace();
            checked += t.contains("check ") ? 1 : 0;
            restated += t.startsWith(e.prompt().replaceAll("What is (\\d+) (.) (\\d+)\\?", "$1$2$3 ;")) ? 1 : 0;
            String core = t.replaceFirst("^\\d+[-+*]\\d+ ; ", "").replaceFirst(" ; check .*$", "");
            canonical += core.equals(c.thinkTrace()) ? 1 : 0;
        }
        assertEquals(0.55, canonical / (double) n, 0.03);
        assertEquals(0.35, checked / (double) n, 0.03);
        assertEquals(0.15, restated / (double) n, 0.03);
    }

    @Test
    void noneGivesTheCanonicalTraceAndDefaultDoesNot() {
        Arith none = new Arith(TraceVariety.NONE);
        int differ = 0;
        for (int i = 0; i < 100; i++) {
            Example e = none.example(Split.TEST, 5, i);
            String[] ab = e.prompt().replaceAll("What is (\\d+) (.) (\\d+)\\?", "$1 $2 $3").split(" ");
            assertEquals(Arith.trace(Long.parseLong(ab[0]), ab[1].charAt(0), Long.parseLong(ab[2])), e.thinkTrace());
            differ += new Arith().generate(5, e.meta().seed()).thinkTrace().equals(e.thinkTrace()) ? 0 : 1;
        }
        assertTrue(differ > 30, differ + " of 100 differ");
    }

    @Test
    void pathsArePinned() {
        assertEquals(List.of(Arith.Path.COLUMNS, Arith.Path.ADD_UP), Arith.paths(43, '-', 18));
        assertEquals("8+5=13 c1 | 1+2+1=4 | 25", Arith.trace(43, '-', 18, Arith.Path.ADD_UP));
        assertEquals("8+7=15 c1 | 3+4+1=8 | 85", Arith.trace(47, '+', 38, Arith.Path.SWAPPED));
        assertEquals("8*7=56 c5 | 8*4+5=37 c3 | 8*3+3=27 c2 | 2776", Arith.trace(347, '*', 8, Arith.Path.SWAPPED));
        assertEquals("8*7=56 c5 | 3*7+5=26 c2 | 266 ; 8*4=32 c3 | 3*4+3=15 c1 | 1520 ; "
                + "6+0=6 | 6+2=8 | 2+5=7 | 0+1=1 | 1786", Arith.trace(47, '*', 38, Arith.Path.DISTRIBUTE));
        assertThrows(IllegalArgumentException.class, () -> Arith.trace(47, '+', 8, Arith.Path.ADD_UP));
    }

    @Test
    void sharesOutsideZeroToOneAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TraceVariety(1.2, 0, 0));
        assertTrue(e.getMessage().contains("canonicalShare"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TraceVariety(0.5, Double.NaN, 0));
        assertNotEquals(TraceVariety.NONE, TraceVariety.DEFAULT);
    }

    @Test
    void hasCheckFindsTheVerificationPassOfEveryTaskAndNothingElse() {
        for (Task t : Tasks.training(new TraceVariety(1, 1, 0))) {
            for (int i = 0; i < 20; i++) {
                assertTrue(TraceVariety.hasCheck(t.example(i).thinkTrace()), t.name() + " " + i);
            }
        }
        for (Task t : Tasks.training(TraceVariety.NONE)) {
            for (int i = 0; i < 200; i++) {
                assertTrue(!TraceVariety.hasCheck(t.example(i).thinkTrace()), t.name() + " " + i);
            }
        }
    }
}
