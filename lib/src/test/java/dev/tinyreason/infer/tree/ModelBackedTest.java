package dev.tinyreason.infer.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.model.Checkpoint;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.tasks.CountdownSearch;
import dev.tinyreason.tasks.Game24;
import dev.tinyreason.tasks.Rational;
import dev.tinyreason.tasks.Step;
import dev.tinyreason.tokenizer.Tokenizer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The model-backed proposer and valuers on the shipped sft-think checkpoint, one call each. */
class ModelBackedTest {

    private static LlamaModel model;
    private static Tokenizer tokenizer;
    private static final Problem PROBLEM = Problem.of(Game24.hardest(100).get(50));

    @BeforeAll
    static void load() {
        Checkpoint c = Checkpoint.load(Shipped.checkpoint("sft-think"));
        model = c.model();
        tokenizer = c.tokenizer();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void proposalsAreLegalDistinctStepsFromOneBatchedCall() {
        int k = 8;
        ModelProposer proposer = new ModelProposer(model, tokenizer, k, 1.0, 0);
        List<Step> onePath = List.of(CountdownSearch.nextSteps(PROBLEM.start(),
                PROBLEM.rules()).get(0));
        List<List<Step>> paths = List.of(List.of(), onePath);
        Proposer.Proposed out = proposer.propose(PROBLEM, paths);

        assertEquals(1, out.cost().calls(), "both states in one generate call");
        assertEquals(2, out.proposals().size());
        int counted = 0;
        for (int i = 0; i < paths.size(); i++) {
            List<Rational> state = PROBLEM.state(paths.get(i));
            Set<List<Rational>> seen = new HashSet<>();
            for (Proposal p : out.proposals().get(i)) {
                assertTrue(CountdownSearch.isValid(p.step(), state, PROBLEM.rules()),
                        p.step() + " from " + state);
                assertTrue(seen.add(p.step().left()), "duplicate state " + p.step().left());
                assertTrue(p.logProb() < 0);
                counted += p.count();
            }
        }
        assertFalse(out.proposals().get(0).isEmpty(), "sft-think proposes a legal first step");
        assertEquals(2 * k, counted + out.invalid(), "every sample is a proposal or invalid");
        // a line is a dozen tokens or so; samples stop at the newline
        assertTrue(out.cost().generatedTokens() >= 2 * k * 5, "" + out.cost());
        assertTrue(out.cost().generatedTokens() <= 2 * k * ModelProposer.MAX_LINE_TOKENS);
        assertTrue(out.cost().promptTokens() > 2 * k * 10);

        // the path valuer scores the same lines by teacher forcing: the sampled log-prob again
        Proposal first = out.proposals().get(0).get(0);
        Valuer.Valued v = new PathLogProbValuer(model, tokenizer).value(PROBLEM,
                List.of(List.of(), List.of(first.step())));
        assertEquals(1.0, v.values()[0], 1e-12, "the empty path is certain");
        assertEquals(first.logProb(), Math.log(v.values()[1]), 1e-3);
        assertEquals(1, v.cost().calls());
    }

    @Test
    void judgeValuersReturnOneValueOnTheJudgementScalePerState() {
        List<List<Step>> paths = List.of(List.of(), List.of(CountdownSearch.nextSteps(
                PROBLEM.start(), PROBLEM.rules()).get(0)));
        Valuer.Valued sampled = new JudgeValuer(model, tokenizer, 3, 0.7, 0).value(PROBLEM,
                paths);
        Valuer.Valued probs = new JudgeProbValuer(model, tokenizer).value(PROBLEM, paths);
        for (Valuer.Valued v : List.of(sampled, probs)) {
            assertEquals(2, v.values().length);
            assertEquals(1, v.cost().calls());
            for (double x : v.values()) {
                assertTrue(x >= 0 && x <= Judgement.SURE.weight(), "value " + x);
            }
        }
        assertTrue(sampled.cost().generatedTokens() >= 2 * 3, "3 replies per state");
        for (double x : probs.values()) {
            assertTrue(x >= Judgement.IMPOSSIBLE.weight(), "an expectation, never below 0.001");
        }
    }
}
