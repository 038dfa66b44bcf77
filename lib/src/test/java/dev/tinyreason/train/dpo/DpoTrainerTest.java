package dev.tinyreason.train.dpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void pairsPreferTheShortestCorrectAndRejectWrongFirst() {
        Example e = problem(2, 3);
        Samples s = new Samples(e,
                List.of("<think>\n2+3=5 | 5 | 5\n</think>\n\n5", "<think>\n2+3=5\n</think>\n\n5",
                        "<think>\n2+3=6\n</think>\n\n6", "<think>\n2+3"),
                List.of("5", "5", "6", ""), new double[4], new int[] {12, 8, 8, 3}, 10);
        PreferencePair p = PreferenceDataset.pair(s);
        assertNotNull(p);
        assertEquals("2+3=5\n</think>\n\n5", p.chosen());
        assertEquals(PreferencePair.Reason.WRONG_ANSWER, p.reason());
        assertEquals("2+3=6\n</think>\n\n6", p.rejected());

        Samples rambling = new Samples(e,
                List.of("<think>\n2+3=5\n</think>\n\n5", "<think>\n2+3=5 | 5 | 5 | 5\n</think>\n\n5"),
                List.of("5", "5"), new double[2], new int[] {8, 14}, 10);
        assertEquals(PreferencePair.Reason.RAMBLING, PreferenceDataset.pair(rambling).reason());
        Samples allWrong = new Samples(e, List.of("<think>\nx\n</think>\n\n6"), List.of("6"),
                new double[1], new int[] {5}, 10);
        assertNull(PreferenceDataset.pair(allWrong), "nothing correct: no pair");
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
                        PreferencePair.Reason.RAMBLING, 6, 12));
                corpus.append(problem(a, b).prompt()).append(good).append(bad);
            }
        }
        Tokenizer tok = Tokenizer.train(corpus.toString(), new BpeConfig(300, 2));
        ModelConfig config = ModelConfig.nano().withVocabSize(tok.vocabSize()).withNumLayers(2);
        try (LlamaModel model = LlamaModel.init(config, 5)) {
            DpoTrainer t = new DpoTrainer(model, tok, pairs, new DpoTrainer.Config(0.1,
                    DpoLoss.SIGMOID, 3e-3, 1.0, 8, 60, 1));
            DpoTrainer.StepResult first = t.step();
            assertEquals(Math.log(2), first.loss(), 1e-4, "policy = reference: loss ln 2");
            assertEquals(0, first.margin(), 1e-4);
            t.train(59, null);
            DpoLoss.Values after = t.evaluate(pairs, tok);
            assertTrue(after.accuracy() > 0.9, "reward accuracy " + after.accuracy());
            assertTrue(after.margin() > 0.1, "margin " + after.margin());
            assertTrue(after.loss() < Math.log(2), "loss " + after.loss());
            assertEquals(60, t.log().steps("rewards/margins").length);
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
        assertTrue(from.err().contains("train sft-think first"), from.err());
    }
}
