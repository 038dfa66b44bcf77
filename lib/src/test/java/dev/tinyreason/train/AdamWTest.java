package dev.tinyreason.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.ModelConfig;
import dev.tinyreason.model.TokenBatch;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AdamW against its written-out formula; decay groups; clipping. */
class AdamWTest {

    static final ModelConfig CONFIG = ModelConfig.nano().withVocabSize(32).withNumLayers(1)
            .withMaxPositions(16);
    static final TokenBatch BATCH = TokenBatch.of(new int[] {1, 5, 9, 3, 7, 12},
            new int[] {1, 8, 8, 20, 4, 2});

    /** Runs a backward pass of {@code scale} × the batch's summed log-probs. */
    static void backward(LlamaModel m, float scale) {
        try (NDManager scope = m.manager().newSubManager();
                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(m.tokenLogProbs(scope, BATCH).sum().mul(scale));
        }
    }

    static Map<String, float[]> host(Map<String, NDArray> arrays) {
        Map<String, float[]> out = new LinkedHashMap<>();
        arrays.forEach((k, v) -> out.put(k, v.toFloatArray()));
        return out;
    }

    @Test
    void twoStepsFollowTheFormulaAndOnlyBlockMatricesDecay() {
        double lr = 0.01;
        double wd = 0.5;
        double b1 = 0.9;
        double b2 = 0.95;
        double eps = 1e-8;
        try (LlamaModel m = LlamaModel.init(CONFIG, 3)) {
            AdamW opt = new AdamW(b1, b2, eps, wd);
            Map<String, float[]> w = host(m.parameters());
            Map<String, double[]> mean = new LinkedHashMap<>();
            Map<String, double[]> var = new LinkedHashMap<>();
            for (int t = 1; t <= 2; t++) {
                backward(m, -1f);
                Map<String, float[]> g = new LinkedHashMap<>();
                m.parameters().forEach((k, p) -> g.put(k, p.getGradient().toFloatArray()));
                opt.step(m, lr, 0);
                for (String name : w.keySet()) {
                    float[] wt = w.get(name);
                    float[] gt = g.get(name);
                    double[] mt = mean.computeIfAbsent(name, k -> new double[wt.length]);
                    double[] vt = var.computeIfAbsent(name, k -> new double[wt.length]);
                    double decay = LlamaModel.decays(name) ? wd : 0;
                    double stepSize = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
                    for (int i = 0; i < wt.length; i++) {
                        mt[i] = b1 * mt[i] + (1 - b1) * gt[i];
                        vt[i] = b2 * vt[i] + (1 - b2) * gt[i] * gt[i];
                        double x = wt[i] * (1 - lr * decay);
                        wt[i] = (float) (x - stepSize * mt[i] / (Math.sqrt(vt[i]) + eps));
                    }
                }
                Map<String, float[]> got = host(m.parameters());
                for (String name : w.keySet()) {
                    float[] want = w.get(name);
                    float[] have = got.get(name);
                    for (int i = 0; i < want.length; i += 7) {
                        int at = i;
                        int step = t;
                        assertEquals(want[i], have[i], 2e-6, () -> "step " + step + " " + name
                                + "[" + at + "]");
                    }
                }
            }
        }
    }

    @Test
    void clippingReturnsThePreClipNormAndScalesToTheLimit() {
        try (NDManager nd = NDManager.newBaseManager()) {
            NDList grads = new NDList(nd.create(new float[] {3, 0}), nd.create(new float[] {4}));
            assertEquals(5.0, AdamW.clip(grads, 1.0), 1e-6);
            assertEquals(1.0, AdamW.globalNorm(grads), 1e-5);
            assertEquals(0.6, grads.get(0).getFloat(0), 1e-5);
            assertEquals(1.0, AdamW.clip(grads, 2.0), 1e-5);  // under the limit: untouched
            assertEquals(0.8, grads.get(1).getFloat(0), 1e-5);
        }
    }

    @Test
    void theStepReturnsTheGlobalGradientNorm() {
        try (LlamaModel m = LlamaModel.init(CONFIG, 4)) {
            backward(m, 1f);
            double sum = 0;
            for (NDArray p : m.parameters().values()) {
                for (float v : p.getGradient().toFloatArray()) {
                    sum += v * v;
                }
            }
            assertEquals(Math.sqrt(sum), AdamW.of(0.1).step(m, 1e-3, 0.5), 1e-4 * Math.sqrt(sum));
            for (NDArray p : m.parameters().values()) {
                assertEquals(0f, p.getGradient().abs().max().getFloat(), "gradients are zeroed");
            }
        }
    }
}
