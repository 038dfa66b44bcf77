package dev.tinyreason.train.sft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.ModelConfig;
import dev.tinyreason.model.TokenBatch;
import dev.tinyreason.train.TrainConfig;
import dev.tinyreason.train.Trainer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The SFT options: DFT loss and NEFTune noise, against their formulas. */
class SftObjectivesTest {

    static final ModelConfig CONFIG = ModelConfig.nano().withVocabSize(40).withNumLayers(2);

    @Test
    void dftWeighsEachTokenByItsDetachedProbability() {
        float[] logp = {-0.1f, -1f, -3f};
        try (NDManager m = NDManager.newBaseManager()) {
            for (SftLoss loss : SftLoss.values()) {
                NDArray x = m.create(logp);
                x.setRequiresGradient(true);
                float[] value;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray l = loss.perToken(x);
                    value = l.toFloatArray();
                    gc.backward(l.sum());
                }
                float[] grad = x.getGradient().toFloatArray();
                for (int i = 0; i < logp.length; i++) {
                    double p = Math.exp(logp[i]);
                    double expectValue = loss == SftLoss.NLL ? -logp[i] : -p * logp[i];
                    double expectGrad = loss == SftLoss.NLL ? -1 : -p;  // p is not differentiated
                    assertEquals(expectValue, value[i], 1e-5, loss + " value at " + i);
                    assertEquals(expectGrad, grad[i], 1e-5, loss + " gradient at " + i);
                }
            }
        }
    }

    @Test
    void lossNamesParseAndTheErrorListsThem() {
        assertEquals(SftLoss.DFT, SftLoss.named("dft"));
        assertEquals(SftLoss.NLL, SftLoss.named("NLL"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SftLoss.named("mse"));
        assertTrue(e.getMessage().contains("nll or dft"), e.getMessage());
    }

    @Test
    void neftuneNoiseIsUniformWithinAlphaOverRootTD() {
        Neftune n = new Neftune(5);
        int b = 2;
        int t = 8;
        int d = 16;
        double bound = 5 / Math.sqrt(t * d);
        assertEquals(bound, n.magnitude(t, d), 1e-12);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(b, t, d));
            float[] noise = n.hook(new Random(3)).apply(x).sub(x).toFloatArray();
            double sum = 0;
            double max = 0;
            for (float v : noise) {
                sum += v;
                max = Math.max(max, Math.abs(v));
            }
            assertTrue(max <= bound + 1e-6, "noise stays in [-m, m]");
            assertTrue(max > 0.8 * bound, "noise uses its range");
            assertEquals(0, sum / noise.length, bound / 5, "mean near zero");
            float[] again = n.hook(new Random(3)).apply(x).sub(x).toFloatArray();
            assertArrayEquals(noise, again, "seeded: the same noise again");
            assertArrayEquals(x.toFloatArray(), Neftune.off().hook(new Random(3)).apply(x)
                    .toFloatArray(), "alpha 0 leaves embeddings as they are");
        }
        assertThrows(IllegalArgumentException.class, () -> new Neftune(-1));
    }

    @Test
    void neftuneChangesTrainingOnlyWhenOn() {
        double off = firstLoss(Neftune.off());
        assertEquals(off, firstLoss(new Neftune(0)), 0, "alpha 0 is exactly plain SFT");
        double noisy = firstLoss(new Neftune(50));
        assertNotEquals(off, noisy, "noise reaches the loss");
        assertEquals(off, noisy, 0.5, "small noise, small change");
    }

    @Test
    void heldOutEvaluationMatchesTheTrainersOwnNumbers() {
        List<Conversation> convs = List.of(
                new Conversation(new int[] {1, 5, 6, 7, 8, 2}, new boolean[] {F, F, F, T, T, T},
                        true),
                new Conversation(new int[] {1, 9, 8, 2}, new boolean[] {F, F, T, T}, false),
                new Conversation(new int[] {1, 3, 4, 5, 6, 7, 8, 2},
                        new boolean[] {F, T, T, T, T, T, T, T}, true));
        try (LlamaModel model = LlamaModel.init(CONFIG, 11)) {
            SftTrainer.HeldOutScore before = SftTrainer.evaluate(model, convs);
            assertEquals(12, before.tokens());
            SftTrainer t = new SftTrainer(model, TrainConfig.pretraining(10));
            SftTrainer.StepResult r = t.step(List.of(SftBatches.batch(convs, 64)));
            assertEquals(r.loss(), before.loss(), 1e-4, "same weights, same masked tokens");
            assertEquals(r.meanTokenAccuracy(), before.meanTokenAccuracy(), 1e-6);
        }
    }

    @Test
    void timedStepsCountOnlyTheTimedTokensAndReportTheirLosses() {
        List<Conversation> convs = List.of(
                new Conversation(new int[] {1, 5, 6, 7, 8, 2}, new boolean[] {F, F, F, T, T, T},
                        true),
                new Conversation(new int[] {1, 3, 4, 5, 6, 7, 8, 2},
                        new boolean[] {F, T, T, T, T, T, T, T}, true));
        Trainer.BatchSource data = (batchSize, rng) -> SftBatches.batch(convs, 64);
        try (LlamaModel model = LlamaModel.init(CONFIG, 5)) {
            SftTrainer t = new SftTrainer(model, TrainConfig.pretraining(10));
            SftTrainer.Timed r = t.timed(data, 2, 3);
            assertEquals(5, t.stepsDone(), "warm-up and timed steps");
            List<Double> losses = java.util.Arrays.stream(t.log().series("loss")).boxed().toList();
            assertEquals(losses.get(2), r.firstLoss(), 0);
            assertEquals(losses.get(4), r.lastLoss(), 0);
            assertTrue(r.trainedTokensPerSecond() > 0);
            assertThrows(IllegalArgumentException.class, () -> t.timed(data, 0, 0));
        }
    }

    static final boolean T = true;
    static final boolean F = false;

    private static double firstLoss(Neftune neftune) {
        TokenBatch tokens = TokenBatch.of(new int[] {1, 5, 6, 7, 8, 2}, new int[] {1, 9, 8, 7, 6, 2});
        try (LlamaModel model = LlamaModel.init(CONFIG, 7)) {
            SftTrainer t = new SftTrainer(model, TrainConfig.pretraining(10), SftLoss.NLL,
                    neftune);
            return t.step(List.of(Trainer.Batch.of(tokens))).loss();
        }
    }
}
