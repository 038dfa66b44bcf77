package dev.tinyreason.train.dpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.cli.CliRun;
import dev.tinyreason.cli.TrainDpo;
import dev.tinyreason.infer.Samples;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.ModelConfig;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tokenizer.BpeConfig;
import dev.tinyreason.tokenizer.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pairs from samples, their JSONL round trip, and a DPO run that learns a preference. */
class DpoTrainerTest {

    @TempDir
    Path dir;

    static Example problem(int a, int b) {
        return new Example("What is " + a + " + " + b + "?", Integer.toString(a + b), "",
                new Example.Meta("arith", 1, "1", a * 10L + b));
    }

    /**
     * Four samples: a long correct one (12 tokens), a short correct one (8), a wrong one and a
     * malformed one. The default mix gives a length pair (8 vs 12 ≥ 1.3 × 8) and a correctness
     * pair (the wrong answer before the malformed sample), both choosing the shortest correct.
     */
    @Test
    void pairsChooseTheShortestCorrectAndRejectLongerOrWrong() {
        Example e = problem(2, 3);
        Samples s = new Samples(e,
                List.of("<think>\n2+3=5 | 5 | 5\n</think>\n\n5", "<think>\n2+3=5\n</think>\n\n5",
                        "<think>\n2+3=6\n</think>\n\n6", "<think>\n2+3"),
                List.of("5", "5", "6", ""), new double[4], new int[] {12, 8, 8, 3}, 10);
        List<PreferencePair> both = PreferenceDataset.pairs(s, PreferenceDataset.Mix.DEFAULT);
        assertEquals(2, both.size());
        PreferencePair length = both.get(0);
        assertEquals(PreferencePair.Reason.LONGER, length.reason());
        assertEquals("2+3=5\n</think>\n\n5", length.chosen());
        assertEquals("2+3=5 | 5 | 5\n</think>\n\n5", length.rejected());
        assertEquals(8, length.chosenTokens());
        assertEquals(12, length.rejectedTokens());
        PreferencePair wrong = both.get(1);
        assertEquals(PreferencePair.Reason.WRONG_ANSWER, wrong.reason());
        assertEquals("2+3=6\n</think>\n\n6", wrong.rejected());

        assertEquals(List.of(PreferencePair.Reason.WRONG_ANSWER), PreferenceDataset.pairs(s,
                PreferenceDataset.Mix.DEFAULT.only(true)).stream().map(PreferencePair::reason).toList());
        assertTrue(PreferenceDataset.pairs(s, PreferenceDataset.Mix.DEFAULT.withLengthRatio(1.6)
                .only(false)).isEmpty(), "12 < 1.6 x 8: not long enough for a length pair");

        Samples malformedOnly = new Samples(e, List.of("<think>\n2+3=5\n</think>\n\n5", "<think>\n2+3"),
                List.of("5", ""), new double[2], new int[] {8, 3}, 10);
        assertEquals(PreferencePair.Reason.MALFORMED, PreferenceDataset.pairs(malformedOnly,
                PreferenceDataset.Mix.DEFAULT).get(0).reason());
        Samples allWrong = new Samples(e, List.of("<think>\nx\n</think>\n\n6"), List.of("6"),
                new double[1], new int[] {5}, 10);
        assertTrue(PreferenceDataset.pairs(allWrong, PreferenceDataset.Mix.DEFAULT).isEmpty(),
                "nothing correct: no pair");
        assertThrows(IllegalArgumentException.class, () -> new PreferenceDataset.Mix(0.9, true, true));
        assertThrows(IllegalArgumentException.class, () -> new PreferenceDataset.Mix(1.3, false, false));
    }

    @Test
    void pairsRoundTripThroughJsonl() {
        List<PreferencePair> pairs = List.of(new PreferencePair(problem(4, 5), "4+5=9\n</think>"
                + "\n\n9", "4+5=8\n</think>\n\n8", PreferencePair.Reason.WRONG_ANSWER, 7, 7));
        Path f = dir.resolve("pairs.jsonl");
        PreferenceDataset.save(pairs, f);
        List<PreferencePair> back = PreferenceDataset.load(f);
        assertEquals(1, back.size());
        assertEquals(pairs.get(0).chosen(), back.get(0).chosen());
        assertEquals("arith", back.get(0).example().task());
        assertEquals(PreferencePair.Reason.WRONG_ANSWER, back.get(0).reason());

        // the two splits side by side, as train dpo saves and --reuse-pairs reads them
        Path folder = dir.resolve("dpo");
        new PreferenceDataset.Pairs(pairs, List.of()).save(folder);
        assertTrue(Files.isRegularFile(folder.resolve("train.jsonl")));
        assertTrue(Files.isRegularFile(folder.resolve("val.jsonl")));
        PreferenceDataset.Pairs both = PreferenceDataset.Pairs.load(folder);
        assertEquals(back, both.train());
        assertEquals(List.of(), both.val());

        // later rounds of train dpo --rounds beside round 1, read back in order
        assertEquals(folder.resolve("round-2"), PreferenceDataset.Pairs.roundDir(folder, 2));
        new PreferenceDataset.Pairs(List.of(), pairs).save(
                PreferenceDataset.Pairs.roundDir(folder, 2));
        List<PreferenceDataset.Pairs> rounds = PreferenceDataset.Pairs.loadRounds(folder);
        assertEquals(2, rounds.size());
        assertEquals(back, rounds.get(0).train());
        assertEquals(back, rounds.get(1).val());
        assertThrows(IllegalArgumentException.class,
                () -> PreferenceDataset.Pairs.roundDir(folder, 0));
    }

    @Test
    void dpoLearnsToPreferTheChosenCompletions() {
        List<PreferencePair> pairs = new ArrayList<>();
        StringBuilder corpus = new StringBuilder();
        for (int a = 1; a < 7; a++) {
            for (int b = 1; b < 4; b++) {
                String good = a + "+" + b + "=" + (a + b) + "\n</think>\n\n" + (a + b);
                // the rejected traces share a visible flaw: the model can learn it untrained
                String bad = a + "+" + b + "=" + (a + b) + " ?? ?? ??\n</think>\n\n" + (a + b);
                pairs.add(new PreferencePair(problem(a, b), good, bad,
                        PreferencePair.Reason.LONGER, 6, 12));
                corpus.append(problem(a, b).prompt()).append(good).append(bad);
            }
        }
        Tokenizer tok = Tokenizer.train(corpus.toString(), new BpeConfig(300, 2));
        ModelConfig config = ModelConfig.nano().withVocabSize(tok.vocabSize()).withNumLayers(2);
        try (LlamaModel model = LlamaModel.init(config, 5)) {
            DpoTrainer t = new DpoTrainer(model, tok, pairs, new DpoTrainer.Config(0.1,
                    DpoLoss.SIGMOID, 3e-3, 1.0, 8, 60, 1, 0));
            DpoTrainer.StepResult first = t.step();
            assertEquals(Math.log(2), first.loss(), 1e-4, "policy = reference: loss ln 2");
            assertEquals(0, first.margin(), 1e-4);
            // the rest of the config's 60 steps, well inside the time budget
            assertEquals(59, t.trainFor(5, null));
            assertEquals(0, t.trainFor(5, null), "no steps past the config's count");
            assertThrows(IllegalArgumentException.class, () -> t.trainFor(0, null));
            DpoLoss.Values after = t.evaluate(pairs, tok);
            assertTrue(after.accuracy() > 0.9, "reward accuracy " + after.accuracy());
            assertTrue(after.margin() > 0.1, "margin " + after.margin());
            assertTrue(after.loss() < Math.log(2), "loss " + after.loss());
            assertEquals(60, t.log().steps("rewards/margins").length);
        }
    }

    @Test
    void aStepInSmallGroupsOfPairsIsTheSameUpdateAsOneWholeBatch() {
        List<PreferencePair> pairs = new ArrayList<>();
        StringBuilder corpus = new StringBuilder();
        for (int a = 1; a < 6; a++) {
            String good = a + "+1=" + (a + 1) + "\n</think>\n\n" + (a + 1);
            String bad = a + "+1=" + (a + 2) + " ??\n</think>\n\n" + (a + 2);
            pairs.add(new PreferencePair(problem(a, 1), good, bad,
                    PreferencePair.Reason.WRONG_ANSWER, 6, 8));
            corpus.append(problem(a, 1).prompt()).append(good).append(bad);
        }
        Tokenizer tok = Tokenizer.train(corpus.toString(), new BpeConfig(280, 2));
        ModelConfig config = ModelConfig.nano().withVocabSize(tok.vocabSize()).withNumLayers(2);
        DpoTrainer.Config cfg = new DpoTrainer.Config(0.1, DpoLoss.SIGMOID, 3e-3, 1.0, 6, 3, 1, 0.5);
        try (LlamaModel whole = LlamaModel.init(config, 5);
                LlamaModel grouped = LlamaModel.init(config, 5)) {
            DpoTrainer a = new DpoTrainer(whole, tok, pairs, cfg).withMicroPairs(6);
            DpoTrainer b = new DpoTrainer(grouped, tok, pairs, cfg).withMicroPairs(2);
            for (int i = 0; i < 3; i++) {
                DpoTrainer.StepResult x = a.step();
                DpoTrainer.StepResult y = b.step();
                assertEquals(x.loss(), y.loss(), 1e-5, "step " + i + " loss (with the NLL term)");
                assertEquals(x.margin(), y.margin(), 1e-5, "step " + i + " margin");
            }
            assertEquals(a.log().last("nll_loss"), b.log().last("nll_loss"), 1e-5);
        }
    }

    @Test
    void trainDpoRejectsBadInput() throws Exception {
        CliRun.Result loss = CliRun.capture(() -> TrainDpo.run(new String[] {"--loss", "kto"}));
        assertEquals(2, loss.code());
        assertTrue(loss.err().contains("apo_zero"), loss.err());
        CliRun.Result minutes = CliRun.capture(() -> TrainDpo.run(
                new String[] {"--minutes", "90"}));
        assertEquals(2, minutes.code());
        assertTrue(minutes.err().contains("(0, 30]"), minutes.err());
        CliRun.Result from = CliRun.capture(() -> TrainDpo.run(new String[] {"--from",
            dir.resolve("none").toString()}));
        assertEquals(2, from.code());
        assertTrue(from.err().contains("train sft-verify first"), from.err());
        CliRun.Result rounds = CliRun.capture(() -> TrainDpo.run(new String[] {"--reuse-pairs",
            "--rounds", "2"}));
        assertEquals(2, rounds.code());
        assertTrue(rounds.err().contains("--rounds 1"), rounds.err());
    }
}
