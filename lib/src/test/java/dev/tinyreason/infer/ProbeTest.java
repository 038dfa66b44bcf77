package dev.tinyreason.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.Task;
import dev.tinyreason.tasks.Tasks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The headroom probe's statistics on samples written by hand. */
class ProbeTest {

    private final Task arith = Tasks.named("arith");

    /** pass@j without replacement equals brute force over all j-subsets of k samples. */
    @Test
    void passAtMatchesCountingSubsets() {
        for (int k = 1; k <= 8; k++) {
            for (int c = 0; c <= k; c++) {
                for (int j = 1; j <= k; j++) {
                    assertEquals(bruteForce(k, c, j), Probe.passAt(k, c, j), 1e-12, k + " " + c + " " + j);
                }
            }
        }
        assertEquals(0.25, Probe.passAt(4, 1, 1), 1e-12);
        assertEquals(1.0, Probe.passAt(16, 9, 8), 1e-12, "more correct than j misses");
    }

    private static double bruteForce(int k, int c, int j) {
        int hit = 0;
        int all = 0;
        for (int mask = 0; mask < (1 << k); mask++) {
            if (Integer.bitCount(mask) == j) {
                all++;
                hit += (mask & ((1 << c) - 1)) != 0 ? 1 : 0;  // samples 0..c-1 are the correct ones
            }
        }
        return (double) hit / all;
    }

    /**
     * Two problems, four samples each. Problem A (47 + 38 = 85): 85, 85, 86, 86 (lengths 10, 20,
     * 9, 9); greedy wrong. Problem B (43 - 18 = 25): 24, 24, 24, 25; greedy right.
     */
    @Test
    void everyStatisticOnAWorkedExample() {
        Samples a = samples(ex("What is 47 + 38?", "85", 2), List.of("85", "85", "86", "86"), new int[] {10, 20, 9, 9});
        Samples b = samples(ex("What is 43 - 18?", "25", 2), List.of("24", "24", "24", "25"), new int[] {5, 5, 5, 5});
        List<Probe.Row> rows = Probe.summarize(arith, List.of(a, b), List.of(false, true), 1.0);
        assertEquals(1, rows.size(), "one level, so no 'all' row");
        Probe.Row r = rows.get(0);
        assertEquals(2, r.n());
        assertEquals(0.5, r.greedy().mean(), 1e-12);
        assertEquals((0.5 + 0.25) / 2, r.oneSample().mean(), 1e-12);
        assertEquals(0.5, r.majority().mean(), 1e-12, "A: 85 ties 86 and was seen first; B: 24 wins");
        assertEquals(1.0, r.passAtK().mean(), 1e-12);
        assertEquals(2.0, r.distinctAnswers().mean(), 1e-12);
        assertEquals((0.5 + 0.75) / 2, r.topWrongShare().mean(), 1e-12);
        assertEquals(1, r.correctLengthCv().n(), "only A has two correct samples");
        assertEquals(5.0 / 15, r.correctLengthCv().mean(), 1e-12, "lengths 10 and 20: sd 5, mean 15");
        assertEquals(Math.sqrt(0.5) / Math.sqrt(2), r.greedy().se(), 1e-12, "0 and 1: sd √0.5 (n − 1), over √2");
        assertEquals(List.of(1, 2, 4), List.copyOf(r.passAt().keySet()));
        assertEquals((Probe.passAt(4, 2, 2) + Probe.passAt(4, 1, 2)) / 2, r.passAt().get(2).mean(), 1e-12);
        assertEquals(1.0, r.entropy().mean(), 1e-12, "log-probs of -1 per token");
        assertTrue(r.toJson().toString().contains("\"pass_at_k\":1.0"), r.toJson().toString());
        Probe.Row back = Probe.Row.fromJson(r.toJson());
        assertEquals(r.majority().mean(), back.majority().mean(), 1e-4);
        assertEquals(r.greedy().se(), back.greedy().se(), 1e-4);
        assertEquals(r.passAt().get(2).mean(), back.passAt().get(2).mean(), 1e-4);
        assertEquals(r.majorityAt().keySet(), back.majorityAt().keySet());
    }

    @Test
    void levelsGetTheirOwnRowsAndATotal() {
        Samples a = samples(ex("What is 4 + 3?", "7", 1), List.of("7", "7"), new int[] {3, 3});
        Samples b = samples(ex("What is 43 - 18?", "25", 2), List.of("24", "25"), new int[] {5, 7});
        List<Probe.Row> rows = Probe.summarize(arith, List.of(a, b), List.of(true, false), 1.0);
        assertEquals(List.of(1, 2, 0), rows.stream().map(Probe.Row::difficulty).toList());
        assertEquals(2, rows.get(2).n());
        assertEquals("all", rows.get(2).toJson().get("difficulty").getAsString());
        assertTrue(rows.get(1).toJson().get("correct_length_cv").isJsonNull(), "one correct sample: no spread");
        assertThrows(IllegalArgumentException.class, () -> Probe.summarize(arith, List.of(a), List.of(), 1.0));
    }

    private static Example ex(String prompt, String answer, int difficulty) {
        return new Example(prompt, answer, "", new Example.Meta("arith", difficulty, "", 0));
    }

    private static Samples samples(Example e, List<String> answers, int[] tokens) {
        List<String> turns = new ArrayList<>();
        for (String a : answers) {
            turns.add("<think>\n...\n</think>\n\n" + a);
        }
        double[] logProbs = Arrays.stream(tokens).mapToDouble(t -> -t).toArray();
        return new Samples(e, turns, answers, logProbs, tokens, 10);
    }
}
