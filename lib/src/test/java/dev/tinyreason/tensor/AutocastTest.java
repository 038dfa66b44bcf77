package dev.tinyreason.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.ModelConfig;
import dev.tinyreason.model.TokenBatch;
import dev.tinyreason.train.TokenWindows;
import dev.tinyreason.train.TrainConfig;
import dev.tinyreason.train.Trainer;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AutocastTest {

    /** bf16 keeps 8 significant bits: one rounding of each input costs up to 2^-8 relative. */
    private static final double BF16_RELATIVE = 2e-2;

    @Test
    void insideTheBlockLinearRoundsItsInputsToBf16AndReturnsFloat32() {
        try (NDManager nd = NDManager.newBaseManager()) {
            NDArray x = nd.randomNormal(new Shape(3, 5, 64));
            NDArray w = nd.randomNormal(new Shape(48, 64));
            NDArray exact = Ops.linear(x, w);
            NDArray half;
            try (Autocast bf16 = Autocast.of(Precision.BF16)) {
                half = Ops.linear(x, w);
            }
            assertEquals(DataType.FLOAT32, half.getDataType());
            assertEquals(exact.getShape(), half.getShape());
            float err = half.sub(exact).abs().max().getFloat();
            float scale = exact.abs().max().getFloat();
            assertTrue(err > 0, "bf16 products differ from float32 ones");
            assertTrue(err < BF16_RELATIVE * scale, "error " + err + " at scale " + scale);
            // float32 arithmetic on bf16-rounded inputs, its result rounded to bf16 once more:
            // the kernel's result is that, to within one bf16 step (2^-8 relative)
            float[] want = Ops.linear(roundToBf16(x), roundToBf16(w)).toFloatArray();
            float[] got = half.toFloatArray();
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 0x1p-7 * Math.abs(want[i]) + 1e-3 * scale,
                        "element " + i);
            }
        }
    }

    @Test
    void gradientsReachTheFloat32WeightsThroughTheKernel() {
        try (NDManager nd = NDManager.newBaseManager()) {
            NDArray x = nd.randomNormal(new Shape(4, 16));
            NDArray w = nd.randomNormal(new Shape(8, 16));
            w.setRequiresGradient(true);
            try (NDManager step = nd.newSubManager();
                    Autocast bf16 = Autocast.of(Precision.BF16);
                    GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(Ops.linear(x, w).sum());
            }
            NDArray grad = w.getGradient();
            assertEquals(DataType.FLOAT32, grad.getDataType());
            // d sum(x w^T) / dw[o, i] = sum over rows of x[., i], the same for every o
            float[] expected = x.sum(new int[] {0}).toFloatArray();
            float[] got = grad.toFloatArray();
            for (int o = 0; o < 8; o++) {
                for (int i = 0; i < 16; i++) {
                    assertEquals(expected[i], got[o * 16 + i], 0.05,
                            "gradient of w[" + o + ", " + i + "]");
                }
            }
        }
    }

    @Test
    void closingRestoresThePreviousSettingAndOtherThreadsAreUntouched() throws Exception {
        assertEquals(Precision.FP32, Autocast.current());
        AtomicReference<Precision> seenElsewhere = new AtomicReference<>();
        try (Autocast outer = Autocast.of(Precision.BF16)) {
            Thread t = new Thread(() -> seenElsewhere.set(Autocast.current()));
            t.start();
            t.join();
            try (Autocast inner = Autocast.of(Precision.FP32)) {
                assertEquals(Precision.FP32, Autocast.current());
            }
            assertEquals(Precision.BF16, Autocast.current());
            outer.close();
            outer.close();  // a second close changes nothing
            assertEquals(Precision.FP32, Autocast.current());
        }
        assertEquals(Precision.FP32, seenElsewhere.get());
        assertEquals(Precision.FP32, Autocast.current());
    }

    @Test
    void aBf16ModelForwardStaysCloseToFloat32() {
        ModelConfig config = ModelConfig.nano().withVocabSize(64).withMaxPositions(32);
        try (LlamaModel model = LlamaModel.init(config, 3)) {
            TokenBatch batch = TokenBatch.of(new int[] {1, 5, 9, 13, 2, 40}, new int[] {1, 7, 7});
            float[][] exact = model.tokenLogProbs(batch);
            float[][] half;
            try (Autocast bf16 = Autocast.of(Precision.BF16)) {
                half = model.tokenLogProbs(batch);
            }
            double worst = 0;
            for (int b = 0; b < exact.length; b++) {
                for (int t = 0; t < exact[b].length; t++) {
                    worst = Math.max(worst, Math.abs(exact[b][t] - half[b][t]));
                }
            }
            assertTrue(worst > 0 && worst < 0.05, "max |Δ log p| = " + worst);
        }
    }

    @Test
    void bf16TrainingFollowsTheFloat32LossCurveAndKeepsFloat32Weights() {
        ModelConfig config = ModelConfig.nano().withVocabSize(48).withNumLayers(2)
                .withMaxPositions(64);
        int[] corpus = corpus(4000);
        double[][] curves = new double[2][];
        for (Precision p : Precision.values()) {
            try (LlamaModel model = LlamaModel.init(config, 1)) {
                Trainer trainer = new Trainer(model, TrainConfig.pretraining(40)
                        .withLearningRate(1e-2).withBatch(4, 1).withPrecision(p));
                List<Trainer.StepResult> r = trainer.train(new TokenWindows(corpus, 24), 40,
                        null);
                curves[p.ordinal()] = r.stream().mapToDouble(Trainer.StepResult::loss).toArray();
                model.parameters().values().forEach(w ->
                        assertEquals(DataType.FLOAT32, w.getDataType()));
            }
        }
        double[] fp32 = curves[Precision.FP32.ordinal()];
        double[] bf16 = curves[Precision.BF16.ordinal()];
        assertTrue(bf16[39] < bf16[0] - 1.0, "bf16 loss " + bf16[0] + " -> " + bf16[39]);
        assertEquals(fp32[39], bf16[39], 0.15, "final loss, fp32 vs bf16");
        assertEquals(Precision.FP32, Autocast.current(), "the trainer restored the setting");
    }

    @Test
    void precisionNamesParseAndAnUnknownOneSaysWhatToUse() {
        assertEquals(Precision.BF16, Precision.parse("bf16"));
        assertEquals(Precision.FP32, Precision.parse("FP32"));
        assertEquals("bf16", Precision.BF16.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Precision.parse("fp16"));
        assertTrue(e.getMessage().contains("fp32 or bf16"), e.getMessage());
    }

    /** float32 values rounded to the nearest bf16 (with Float16, our reference rounding). */
    private static NDArray roundToBf16(NDArray a) {
        float[] v = a.toFloatArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = Float16.bf16ToFloat(Float16.floatToBf16(v[i]));
        }
        return a.getManager().create(v, a.getShape());
    }

    private static int[] corpus(int n) {
        Random rng = new Random(1);
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = rng.nextInt(10) == 0 ? 3 + rng.nextInt(45) : 3 + (i % 20);
        }
        return t;
    }
}
