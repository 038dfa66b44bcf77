package dev.tinyreason.infer.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.tasks.Countdown;
import dev.tinyreason.tasks.CountdownSearch;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.Game24;
import dev.tinyreason.tasks.Rational;
import dev.tinyreason.tasks.Rules;
import dev.tinyreason.tasks.Step;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The searches with exact proposals and exact (or rigged) values: no model. */
class TreeSearchTest {

    private static final Game24 GAME24 = new Game24();
    private static final List<Example> HARDEST = Game24.hardest(100);

    /** A valuer that scores every state alike: the search gets no guidance. */
    private static final Valuer BLIND = (problem, paths) -> new Valuer.Valued(
            new double[paths.size()], Cost.EXACT_CALL);

    private static void assertVerified(Example e, SearchResult r) {
        assertTrue(r.solved(), e.prompt() + " not solved");
        assertTrue(GAME24.verify(e, r.completion()).correct(),
                e.prompt() + ": the verifier rejects " + r.answer());
    }

    @Test
    void problemReplaysAPathIntoTheAnswer() {
        Problem p = Problem.of(exampleOf("Use 3 3 8 8 to make 24."));
        assertEquals(Rules.GAME24, p.rules());
        List<Step> path = List.of(Step.parse("8 / 3 = 8/3 (left: 3 8 8/3)"),
                Step.parse("3 - 8/3 = 1/3 (left: 1/3 8)"), Step.parse("8 / 1/3 = 24 (left: 24)"));
        assertEquals("8/(3-8/3)", p.answer(path).toString());
        assertNull(p.answer(path.subList(0, 2)), "two steps do not reach 24");
        assertEquals(3, p.depth());
        assertTrue(p.isTerminal(List.of(Rational.of(5))));
    }

    private static Example exampleOf(String prompt) {
        return new Example(prompt, "8/(3-8/3)", "", new Example.Meta(Game24.NAME, 5, "1", 0));
    }

    @Test
    void topBKeepsTheLargestAndBreaksTiesByOrder() {
        assertArrayEquals(new int[] {1, 3}, Bfs.topB(new double[] {1, 20, 0.001, 20}, 2));
        assertArrayEquals(new int[] {0, 1}, Bfs.topB(new double[] {3, 1}, 5));
        assertArrayEquals(new int[] {}, Bfs.topB(new double[] {}, 5));
    }

    @Test
    void bfsWithExactProposalsAndTheOracleSolvesTheHardestPuzzlesInFiveCalls() {
        for (Example e : HARDEST.subList(90, 100)) {
            SearchResult r = new Bfs(new ExactProposer(), new OracleValuer(), 1)
                    .solve(Problem.of(e));
            assertVerified(e, r);
            // 3 levels of proposals; the last level's states have one number: no value call
            assertEquals(3, r.proposeCost().calls(), e.prompt());
            assertEquals(2, r.valueCost().calls(), e.prompt());
            assertEquals(0, r.cost().generatedTokens());
            assertEquals(3, r.path().size());
        }
    }

    @Test
    void bfsKeepsTheBestBStatesOfEachLevel() {
        // a valuer with distinct values: the largest number left, so the choice is checkable
        Valuer largest = (problem, paths) -> new Valuer.Valued(paths.stream()
                .mapToDouble(path -> largest(problem.state(path))).toArray(), Cost.EXACT_CALL);
        int b = 3;
        Example e = HARDEST.get(0);
        SearchResult r = new Bfs(new ExactProposer(), largest, b).solve(Problem.of(e));
        for (int d = 1; d <= 2; d++) {
            int depth = d;
            List<Node> valued = new ArrayList<>();
            for (Node n : r.tree()) {
                if (n.depth() == depth && !Double.isNaN(n.value())) {
                    valued.add(n);
                }
            }
            List<Node> kept = valued.stream().filter(n -> !n.pruned()).toList();
            if (valued.isEmpty()) {
                continue;  // solved before this level
            }
            assertEquals(Math.min(b, valued.size()), kept.size(), "kept at depth " + depth);
            double worstKept = kept.stream().mapToDouble(Node::value).min().orElseThrow();
            double bestDropped = valued.stream().filter(Node::pruned).mapToDouble(Node::value)
                    .max().orElse(Double.NEGATIVE_INFINITY);
            assertTrue(worstKept >= bestDropped, "depth " + depth + ": kept " + worstKept
                    + " but dropped " + bestDropped);
            long expandedNext = r.tree().stream().filter(n -> n.depth() == depth && n.expanded())
                    .count();
            assertTrue(expandedNext <= b, "only kept states are expanded");
        }
    }

    private static double largest(List<Rational> state) {
        Rational max = state.get(state.size() - 1);
        return (double) max.num() / max.den();
    }

    @Test
    void bfsWithoutGuidanceSolvesFewerThanWithTheOracle() {
        // b = 1 with blind values keeps whichever state was proposed first
        int blind = 0;
        int oracle = 0;
        for (Example e : HARDEST.subList(90, 100)) {
            SearchResult r = new Bfs(new ExactProposer(), BLIND, 1).solve(Problem.of(e));
            assertEquals(r.solved(), GAME24.verify(e, r.completion()).correct());
            if (r.solved()) {
                blind++;
            } else {
                assertNull(r.answer());
            }
            SearchResult guided = new Bfs(new ExactProposer(), new OracleValuer(), 1)
                    .solve(Problem.of(e));
            assertEquals(guided.solved(), GAME24.verify(e, guided.completion()).correct());
            oracle += guided.solved() ? 1 : 0;
        }
        assertTrue(blind < oracle, "blind BFS solved " + blind + ", with the oracle "
                + oracle + ", of the same 10 puzzles");
    }

    @Test
    void dfsWithTheOracleGoesStraightDownAndPrunesImpossibleStates() {
        for (Example e : HARDEST.subList(95, 100)) {
            SearchResult r = new Dfs(new ExactProposer(), new OracleValuer(), 0.5, 20)
                    .solve(Problem.of(e));
            assertVerified(e, r);
            assertEquals(3, r.proposeCost().calls(), "no backtracking with exact values");
            assertEquals(2, r.valueCost().calls());
            boolean prunedSome = false;
            for (Node n : r.tree()) {
                if (!Double.isNaN(n.value()) && n.value() < 0.5) {
                    assertTrue(n.pruned() && !n.expanded(), "impossible state kept: " + n);
                    prunedSome = true;
                }
            }
            assertTrue(prunedSome, e.prompt() + ": the hardest puzzles have impossible states");
        }
    }

    @Test
    void dfsBacktracksOutOfDeadSubtrees() {
        Example e = HARDEST.get(99);
        SearchResult r = new Dfs(new ExactProposer(), BLIND, 0, 500).solve(Problem.of(e));
        assertVerified(e, r);
        // backtracking: some state had more than one child expanded
        boolean backtracked = false;
        for (Node n : r.tree()) {
            long expandedChildren = r.tree().stream()
                    .filter(c -> c.parent() == n.id() && c.expanded()).count();
            backtracked |= expandedChildren > 1;
        }
        assertTrue(backtracked);
        assertTrue(r.proposeCost().calls() > 3);
    }

    @Test
    void dfsStopsAtItsBudget() {
        Example e = HARDEST.get(99);
        SearchResult r = new Dfs(new ExactProposer(), BLIND, 0, 2).solve(Problem.of(e));
        assertFalse(r.solved());
        assertEquals(2, r.proposeCost().calls());
        assertEquals(2, r.tree().stream().filter(Node::expanded).count());
    }

    @Test
    void uctAndRewardPinnedExamples() {
        assertEquals(0.5, Mcts.uct(0.5, 1, 1, 1.0), 1e-12);
        assertEquals(2.017, Mcts.uct(0.5, 1, 10, 1.0), 1e-3);
        assertEquals(1.006, Mcts.uct(0.5, 9, 10, 1.0), 1e-3);
        assertEquals(20.0 / 21, Mcts.reward(Judgement.SURE.weight()), 1e-12);
        assertEquals(0.5, Mcts.reward(Judgement.LIKELY.weight()), 1e-12);
    }

    @Test
    void mctsFindsSolutionsWithinItsBudget() {
        for (Example e : HARDEST.subList(90, 100)) {
            SearchResult r = new Mcts(new ExactProposer(), new OracleValuer(), 30, 1.0)
                    .solve(Problem.of(e));
            assertVerified(e, r);
            assertTrue(r.proposeCost().calls() <= 30);
            assertTrue(r.valueCost().calls() <= r.proposeCost().calls());
            for (Node n : r.tree()) {
                if (n.expanded()) {
                    assertTrue(n.visits() >= 1, "an expanded node was visited: " + n);
                }
            }
        }
    }

    @Test
    void mctsWithoutGuidanceStillSearchesAndStopsAtItsBudget() {
        Example e = HARDEST.get(99);
        SearchResult few = new Mcts(new ExactProposer(), BLIND, 3, 1.0).solve(Problem.of(e));
        assertEquals(3, few.proposeCost().calls());
        SearchResult many = new Mcts(new ExactProposer(), BLIND, 2000, 1.0).solve(Problem.of(e));
        assertVerified(e, many);
    }

    @Test
    void countdownRulesCountATargetAnywhereInTheState() {
        Example e = new Countdown().example(0);
        Problem p = Problem.of(e);
        assertEquals(Rules.COUNTDOWN, p.rules());
        SearchResult r = new Bfs(new ExactProposer(), new OracleValuer(), 2).solve(p);
        assertTrue(r.solved());
        assertTrue(new Countdown().verify(e, r.completion()).correct(), r.completion());
        assertTrue(CountdownSearch.isSolved(r.path().get(r.path().size() - 1).left(),
                Rational.of(p.target()), Rules.COUNTDOWN));
    }
}
