package dev.tinyreason.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The majority vote and its documented tie rule: earliest first seen wins. */
class SelfConsistencyTest {

    @Test
    void majorityWins() {
        assertEquals("42", SelfConsistency.vote(List.of("41", "42", "42", "7")));
    }

    @Test
    void tieGoesToTheAnswerSeenFirst() {
        assertEquals("7", SelfConsistency.vote(List.of("7", "5", "5", "7")));
        assertEquals("5", SelfConsistency.vote(List.of("5", "7", "7", "5")));
        assertEquals("3", SelfConsistency.vote(List.of("3", "1", "2")));
    }

    @Test
    void unparsedSamplesDoNotVote() {
        assertEquals("9", SelfConsistency.vote(Arrays.asList(null, "9", " ", null)));
        assertNull(SelfConsistency.vote(Arrays.asList(null, null)));
        assertNull(SelfConsistency.vote(List.of()));
    }

    @Test
    void answersAreComparedStripped() {
        Map<String, Integer> t = SelfConsistency.tally(List.of(" 12", "12 ", "13"));
        assertEquals(Map.of("12", 2, "13", 1), t);
        assertEquals(List.of("12", "13"), List.copyOf(t.keySet()));
    }

    @Test
    void weightedVoteSumsWeightsAndKeepsTheTieRule() {
        List<String> answers = Arrays.asList("5", "7", "7", null, "5");
        assertEquals("5", SelfConsistency.weightedVote(answers,
                new double[] {0.9, 0.3, 0.3, 5.0, 0.1}), "1.0 for 5 beats 0.6 for 7");
        assertEquals("7", SelfConsistency.weightedVote(answers,
                new double[] {0.2, 0.3, 0.3, 5.0, 0.1}), "0.6 for 7 beats 0.3 for 5");
        assertEquals("5", SelfConsistency.weightedVote(answers,
                new double[] {0.25, 0.25, 0.25, 1, 0.25}), "a tie goes to the first seen");
        assertNull(SelfConsistency.weightedVote(Arrays.asList(null, null), new double[2]));
    }

    @Test
    void adaptiveStopMatchesTheBetaTail() {
        assertEquals(1 - Math.pow(0.5, 5), AdaptiveStop.leaderProbability(4, 0), 1e-12);
        assertEquals(1 - 7.0 / 64, AdaptiveStop.leaderProbability(4, 1), 1e-12);
        assertEquals(0.5, AdaptiveStop.leaderProbability(0, 0), 1e-12);
        assertEquals(0.5, AdaptiveStop.leaderProbability(3, 3), 1e-12);
        AdaptiveStop stop = AdaptiveStop.beta95();
        assertEquals(true, stop.decisive(Map.of("7", 4), 4));
        assertEquals(false, stop.decisive(Map.of("7", 3), 3));
        assertEquals(false, stop.decisive(Map.of("7", 4, "5", 1), 5));
        assertEquals(false, stop.decisive(Map.of(), 3), "no votes, no decision");
    }

    @Test
    void samplesAnswerFromTheirFirstN() {
        Samples s = new Samples(null, List.of("a", "b", "c", "d", "e"),
                Arrays.asList("3", "4", "4", null, "3"), new double[] {-1, -8, -8, -1, -1},
                new int[] {2, 4, 4, 3, 2}, 10);
        assertEquals("3", s.answer(Samples.Vote.MAJORITY, 1));
        assertEquals("4", s.answer(Samples.Vote.MAJORITY, 3));
        assertEquals("3", s.answer(Samples.Vote.MAJORITY, 5), "2 : 2, 3 seen first");
        assertEquals("3", s.answer(Samples.Vote.WEIGHTED, 3), "exp(-0.5) > 2 exp(-2)");
        assertEquals(10, s.generated(3));
        assertEquals(5, s.adaptiveCount(AdaptiveStop.beta95()), "never decisive: all k");
        Samples same = new Samples(null, List.of("a", "b", "c", "d", "e", "f"),
                List.of("9", "9", "9", "9", "9", "9"), new double[6], new int[] {1, 1, 1, 1, 1, 1},
                10);
        assertEquals(4, same.adaptiveCount(AdaptiveStop.beta95()), "four agreeing votes");
    }

    @Test
    void adaptiveReplayVotesOverTheSamplesItWouldHaveDrawn() {
        dev.tinyreason.tasks.Task arith = dev.tinyreason.tasks.Tasks.named("arith");
        dev.tinyreason.tasks.Example e = arith.example(0);
        String right = e.answer();
        String yes = "<think>\nsteps\n</think>\n\n" + right;
        String no = "<think>\nsteps\n</think>\n\n0";
        Samples agree = new Samples(e, List.of(yes, yes, yes, yes, no, no),
                List.of(right, right, right, right, "0", "0"), new double[6],
                new int[] {3, 3, 3, 3, 3, 3}, 10);
        Evaluation adaptive = SelfConsistency.evaluateAdaptive(arith, List.of(agree),
                AdaptiveStop.beta95());
        assertEquals("sc-adaptive", adaptive.method());
        assertEquals(1.0, adaptive.accuracy(), 0);
        assertEquals(12, adaptive.generatedTokens(), "four samples drawn, three tokens each");
        assertEquals(40, adaptive.promptTokens(), "the prompt read four times");
        Evaluation all = SelfConsistency.evaluate(arith, List.of(agree), Samples.Vote.MAJORITY, 6);
        assertEquals(18, all.generatedTokens());
    }
}
