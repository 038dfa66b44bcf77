package dev.tinyreason.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.LlamaWeights;
import dev.tinyreason.model.ModelConfig;
import dev.tinyreason.model.TokenBatch;
import dev.tinyreason.tensor.SafeTensors.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Training: learning happens, accumulation is exact, seeds reproduce, masks are honoured. */
class TrainerTest {

    static final ModelConfig CONFIG = ModelConfig.nano().withVocabSize(48).withNumLayers(2)
            .withMaxPositions(64);

    /** A corpus with structure to learn: counting 3, 4, 5, ... wrapped, with noise. */
    static int[] corpus(int n, long seed) {
        Random rng = new Random(seed);
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = rng.nextInt(10) == 0 ? 3 + rng.nextInt(45) : 3 + (i % 20);
        }
        return t;
    }

    static TrainConfig fast(int steps) {
        return TrainConfig.pretraining(steps).withLearningRate(1e-2).withBatch(4, 1);
    }

    @Test
    void theLossFallsOnAPatternedCorpus() {
        try (LlamaModel model = LlamaModel.init(CONFIG, 1)) {
            Trainer trainer = new Trainer(model, fast(40));
            List<Trainer.StepResult> r = trainer.train(new TokenWindows(corpus(4000, 1), 24), 40,
                    null);
            double first = r.get(0).loss();
            double last = r.get(39).loss();
            assertEquals(Math.log(48), first, 0.3, "a fresh model is near-uniform");
            assertTrue(last < first - 1.0, "loss " + first + " -> " + last);
            assertEquals(40, trainer.log().series(MetricLog.LOSS).length);
        }
    }

    @Test
    void theSameSeedGivesTheSameLossCurveAndAnotherSeedAnother() {
        double[] a = lossCurve(5, 42);
        double[] b = lossCurve(5, 42);
        double[] c = lossCurve(5, 43);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b, 0.0);
        assertNotEquals(a[4], c[4]);
    }

    private static double[] lossCurve(long modelSeed, long dataSeed) {
        try (LlamaModel model = LlamaModel.init(CONFIG, modelSeed)) {
            Trainer trainer = new Trainer(model, fast(6).withSeed(dataSeed));
            return trainer.train(new TokenWindows(corpus(2000, 3), 16), 6, null).stream()
                    .mapToDouble(Trainer.StepResult::loss).toArray();
        }
    }

    @Test
    void accumulatingTwoHalvesEqualsOneFullBatch() {
        TokenWindows data = new TokenWindows(corpus(2000, 4), 16);
        Trainer.Batch full = data.next(6, new Random(9));
        int[][] ids = full.tokens().ids();
        int[][] mask = full.tokens().attentionMask();
        Trainer.Batch first = Trainer.Batch.of(new TokenBatch(
                java.util.Arrays.copyOfRange(ids, 0, 2), java.util.Arrays.copyOfRange(mask, 0, 2)));
        Trainer.Batch rest = Trainer.Batch.of(new TokenBatch(
                java.util.Arrays.copyOfRange(ids, 2, 6), java.util.Arrays.copyOfRange(mask, 2, 6)));
        try (LlamaModel a = LlamaModel.init(CONFIG, 2); LlamaModel b = LlamaModel.init(CONFIG, 2)) {
            TrainConfig cfg = fast(3).withWeightDecay(0.1);
            Trainer ta = new Trainer(a, cfg);
            Trainer tb = new Trainer(b, cfg);
            for (int s = 0; s < 2; s++) {
                Trainer.StepResult ra = ta.step(full);
                Trainer.StepResult rb = tb.step(List.of(first, rest));
                assertEquals(ra.loss(), rb.loss(), 1e-5);
                assertEquals(ra.gradNorm(), rb.gradNorm(), 1e-4 * ra.gradNorm());
            }
            assertSameWeights(a.weights(), b.weights(), 2e-5);
        }
    }

    @Test
    void theLossMaskDecidesWhichTokensTrain() {
        TokenWindows data = new TokenWindows(corpus(2000, 5), 12);
        TokenBatch tokens = data.next(2, new Random(1)).tokens();
        boolean[][] nothing = new boolean[2][12];
        try (LlamaModel model = LlamaModel.init(CONFIG, 1)) {
            assertThrows(IllegalArgumentException.class,
                    () -> new Trainer(model, fast(2)).step(new Trainer.Batch(tokens, nothing)));
        }
        boolean[][] someMask = new boolean[2][12];
        someMask[0][5] = true;
        someMask[1][11] = true;
        assertEquals(2, new Trainer.Batch(tokens, someMask).targets());
        try (LlamaModel m = LlamaModel.init(CONFIG, 1)) {
            float[][] lp = m.tokenLogProbs(tokens);
            double want = -(lp[0][4] + lp[1][10]) / 2;
            double got = new Trainer(m, fast(2)).step(new Trainer.Batch(tokens, someMask)).loss();
            assertEquals(want, got, 1e-5);
        }
    }

    @Test
    void aDivergedLossStopsTheRunNamingTheStepAndTheFix() {
        Trainer.requireFinite(2.5, "loss", 3, 1e-3);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Trainer.requireFinite(Double.NaN, "DPO loss", 7, 3e-4));
        assertEquals("The DPO loss became NaN at step 7; lower the learning rate (now 3.00e-04).",
                e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> Trainer.requireFinite(Double.NEGATIVE_INFINITY, "loss", 0, 1e-2));
    }

    static void assertSameWeights(LlamaWeights a, LlamaWeights b, double tol) {
        for (Map.Entry<String, Tensor> e : a.tensors().entrySet()) {
            float[] x = e.getValue().values();
            float[] y = b.get(e.getKey()).values();
            for (int i = 0; i < x.length; i++) {
                int at = i;
                assertEquals(x[i], y[i], tol, () -> e.getKey() + "[" + at + "]");
            }
        }
    }
}
