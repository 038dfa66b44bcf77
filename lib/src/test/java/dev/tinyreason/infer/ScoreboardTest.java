package dev.tinyreason.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.tasks.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScoreboardTest {

    @Test
    void thePairedErrorMatchesTheTextbookFormulaOnRandomOutcomes() {
        Random rng = new Random(4);
        boolean[] a = new boolean[50];
        boolean[] b = new boolean[50];
        for (int i = 0; i < 50; i++) {
            a[i] = rng.nextBoolean();
            b[i] = rng.nextInt(3) == 0;
        }
        double[] d = new double[50];
        double mean = 0;
        for (int i = 0; i < 50; i++) {
            d[i] = (a[i] ? 1 : 0) - (b[i] ? 1 : 0);
            mean += d[i] / 50;
        }
        double ss = 0;
        for (double x : d) {
            ss += (x - mean) * (x - mean);
        }
        Scoreboard.Paired p = Scoreboard.paired(a, b);
        assertEquals(mean, p.difference(), 1e-12);
        assertEquals(Math.sqrt(ss / 49) / Math.sqrt(50), p.standardError(), 1e-12);
        assertEquals(p.onlyFirst() - p.onlySecond(), Math.round(mean * 50));
    }

    @Test
    void agreementMakesThePairedErrorSmallerThanTheUnpairedOne() {
        boolean[] a = new boolean[60];
        boolean[] b = new boolean[60];
        for (int i = 0; i < 60; i++) {
            a[i] = i % 2 == 0;
            b[i] = a[i] && i % 10 != 0;  // B loses 6 of A's 30 wins, never wins alone
        }
        Scoreboard.Paired p = Scoreboard.paired(a, b);
        double unpaired = Math.hypot(Scoreboard.standardError(0.5, 60),
                Scoreboard.standardError(0.4, 60));
        assertEquals(0.1, p.difference(), 1e-12);
        assertEquals(6, p.onlyFirst());
        assertEquals(0, p.onlySecond());
        assertTrue(p.standardError() < unpaired / 2, p.standardError() + " vs " + unpaired);
        assertTrue(p.clear(), "+0.1 with paired SE " + p.standardError());
        assertFalse(0.1 > 2 * unpaired, "unpaired, the same gap would look like noise");
    }

    @Test
    void evaluationsMustHaveGradedTheSameProblems() {
        Evaluation x = evaluation("cot", List.of("1+1", "2+2"), true, false);
        Evaluation y = evaluation("sc", List.of("1+1", "2+2"), true, true);
        assertEquals(-0.5, Scoreboard.paired(x, y).difference(), 1e-12);
        Evaluation other = evaluation("sc", List.of("1+1", "3+3"), true, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scoreboard.paired(x, other));
        assertTrue(e.getMessage().contains("same list"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Scoreboard.paired(x,
                evaluation("sc", List.of("1+1"), true)));
    }

    @Test
    void pairedByDifficultyComparesWithinEachLevel() {
        int[] levels = {2, 1, 2, 1, 2};
        Evaluation on = leveled("on", levels, true, true, false, true, true);
        Evaluation off = leveled("off", levels, false, true, false, false, false);
        var byLevel = Scoreboard.pairedByDifficulty(on, off);
        assertEquals(List.of(1, 2), List.copyOf(byLevel.keySet()));
        assertEquals(2, byLevel.get(1).n());
        assertEquals(0.5, byLevel.get(1).difference(), 1e-12);
        assertEquals(3, byLevel.get(2).n());
        assertEquals(2.0 / 3, byLevel.get(2).difference(), 1e-12);
        assertEquals(2, byLevel.get(2).onlyFirst());
    }

    @Test
    void theFrontKeepsOnlyUndominatedMethodsCheapestFirst() {
        List<Scoreboard.Entry> e = List.of(new Scoreboard.Entry("mcts", 1400, 0.87),
                new Scoreboard.Entry("sc", 580, 0.60), new Scoreboard.Entry("direct", 5, 0.4),
                new Scoreboard.Entry("cot", 110, 0.62), new Scoreboard.Entry("dpo", 110, 0.62));
        assertEquals(List.of("direct", "cot", "dpo", "mcts"), Scoreboard.paretoFront(e).stream()
                .map(Scoreboard.Entry::name).toList());
    }

    private static Evaluation evaluation(String method, List<String> prompts,
            boolean... correct) {
        return evaluation(method, 0, prompts, correct);
    }

    /** One arith problem per prompt, graded {@code correct[i]}, with {@code tokens} generated. */
    static Evaluation evaluation(String method, long tokens, List<String> prompts,
            boolean... correct) {
        List<Evaluation.Graded> g = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            Example ex = new Example(prompts.get(i), "2", "", new Example.Meta("arith", 1, "1",
                    i));
            g.add(new Evaluation.Graded(ex, "", "2", correct[i], true, 1, null));
        }
        return new Evaluation("arith", method, g, 0, tokens);
    }

    private static Evaluation leveled(String method, int[] levels, boolean... correct) {
        List<Evaluation.Graded> g = new ArrayList<>();
        for (int i = 0; i < levels.length; i++) {
            Example ex = new Example("p" + i, "2", "", new Example.Meta("arith", levels[i], "1",
                    i));
            g.add(new Evaluation.Graded(ex, "", "2", correct[i], true, 1, null));
        }
        return new Evaluation("arith", method, g, 0, 0);
    }
}
