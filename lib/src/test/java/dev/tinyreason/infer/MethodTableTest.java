package dev.tinyreason.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MethodTableTest {

    private static final List<String> PROBLEMS = List.of("a", "b", "c", "d", "e");

    @Test
    void rowsCarryErrorsCallsAndTokensPerProblemInTheOrderAdded() {
        MethodTable t = new MethodTable()
                .add("cot", evaluation("cot", 50, PROBLEMS, true, false, false, true, false))
                .add("bfs", evaluation("bfs", 400, PROBLEMS, true, true, false, true, true), 35);
        List<MethodTable.Row> rows = t.rows();
        assertEquals(List.of("cot", "bfs"), rows.stream().map(MethodTable.Row::method).toList());
        assertEquals(0.4, rows.get(0).success(), 1e-12);
        assertEquals(Scoreboard.standardError(0.4, 5), rows.get(0).standardError(), 1e-12);
        assertEquals(1.0, rows.get(0).modelCallsPerProblem(), 1e-12, "one call a problem");
        assertEquals(7.0, rows.get(1).modelCallsPerProblem(), 1e-12);
        assertEquals(80.0, rows.get(1).tokensPerProblem(), 1e-12);
    }

    @Test
    void againstABaselineIsPairedAndPricedInItsTokens() {
        MethodTable t = new MethodTable()
                .add("cot", evaluation("cot", 50, PROBLEMS, true, false, false, true, false))
                .add("bfs", evaluation("bfs", 400, PROBLEMS, true, true, false, false, true));
        MethodTable.VersusBaseline bfs = t.against("cot").get(1);
        Scoreboard.Paired p = Scoreboard.paired(t.evaluation("bfs"), t.evaluation("cot"));
        assertEquals(p.difference(), bfs.difference(), 1e-12);
        assertEquals(p.standardError(), bfs.standardError(), 1e-12);
        assertEquals(2, bfs.onlyMethod());
        assertEquals(1, bfs.onlyBaseline());
        assertEquals(8.0, bfs.tokenRatio(), 1e-12);
        assertEquals(0.0, t.against("cot").get(0).difference(), 1e-12, "the baseline itself");
    }

    @Test
    void refusesOtherProblemsADuplicateNameAndAnUnknownBaseline() {
        MethodTable t = new MethodTable().add("cot", evaluation("cot", 5, PROBLEMS,
                true, false, false, true, false));
        assertThrows(IllegalArgumentException.class, () -> t.add("x", evaluation("x", 5,
                List.of("a", "b", "c", "d", "z"), true, true, true, true, true)));
        assertThrows(IllegalArgumentException.class, () -> t.add("cot", evaluation("cot", 5,
                PROBLEMS, true, true, true, true, true)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.against("CoT"));
        assertTrue(e.getMessage().contains("[cot]"), e.getMessage());
    }

    private static Evaluation evaluation(String method, long tokens, List<String> prompts,
            boolean... correct) {
        return ScoreboardTest.evaluation(method, tokens, prompts, correct);
    }
}
