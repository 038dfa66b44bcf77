package dev.tinyreason.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.tensor.SafeTensors.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The plain-Java batch-1 decoder against its oracle, DJL's {@link DecodeSession} on the same
 * weights: log-prob rows after the prompt and after every step, greedy picks, and the errors.
 */
class JavaDecoderTest {

    static final ModelConfig NANO = ModelConfig.nano().withMaxPositions(64);

    /** Widths that are no multiple of any vector width: every kernel's tail loop runs. */
    static final ModelConfig ODD = new ModelConfig(101, 72, 2, 6, 3, 12, 100, 64, 10000, 1e-5,
            true, false);

    static final List<ModelConfig> CONFIGS = List.of(NANO, NANO.withQkNorm(true),
            NANO.withTieEmbeddings(false), ODD);

    /**
     * Seeded weights whose norm weights are not all 1 (as after training), so that a norm
     * weight applied to the wrong slot, or not at all, changes the log-probs.
     */
    static LlamaModel model(ModelConfig c, long seed) {
        Random rng = new Random(seed);
        Map<String, Tensor> t = new LinkedHashMap<>(LlamaWeights.init(c, seed).tensors());
        t.replaceAll((name, w) -> {
            if (!LlamaWeights.isNorm(name)) {
                return w;
            }
            float[] v = new float[w.values().length];
            for (int i = 0; i < v.length; i++) {
                v[i] = 1f + 0.5f * (float) rng.nextGaussian();
            }
            return Tensor.f32(w.shape(), v);
        });
        return new LlamaModel(c, new LlamaWeights(t));
    }

    static int[] randomIds(Random rng, int n, int vocab) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = 3 + rng.nextInt(vocab - 3);
        }
        return ids;
    }

    static double maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }

    @Test
    void logProbRowsMatchTheDjlSessionAfterPrefillAndEveryStep() {
        for (ModelConfig c : CONFIGS) {
            for (DecodeKernels kernels : List.of(DecodeKernels.best(), DecodeKernels.scalar())) {
                try (LlamaModel m = model(c, 3)) {
                    Random rng = new Random(9);
                    int[] prompt = randomIds(rng, 7, c.vocabSize());
                    int[] next = randomIds(rng, 6, c.vocabSize());
                    try (DecodeSession djl = new DecodeSession(m, 1, 13);
                            JavaDecoder java = new JavaDecoder(m, 13, kernels)) {
                        String what = c + " " + kernels.name();
                        double d = maxAbsDiff(djl.prefill(TokenBatch.of(prompt))[0],
                                java.prefill(TokenBatch.of(prompt))[0]);
                        assertTrue(d < 1e-4, what + " prefill: max |diff| " + d);
                        for (int i = 0; i < next.length; i++) {
                            int[] token = {next[i]};
                            d = maxAbsDiff(djl.step(token)[0], java.step(token)[0]);
                            assertTrue(d < 1e-4, what + " step " + i + ": max |diff| " + d);
                        }
                        assertEquals(13, java.length());
                    }
                }
            }
        }
    }

    @Test
    void greedyPicksTheArgmaxOfItsOwnRowsWithTheirLogProb() {
        try (LlamaModel m = model(NANO, 4);
                JavaDecoder rows = new JavaDecoder(m, 10);
                JavaDecoder greedy = new JavaDecoder(m, 10)) {
            int[] prompt = randomIds(new Random(2), 5, NANO.vocabSize());
            float[] row = rows.prefill(TokenBatch.of(prompt))[0];
            DecodeSession.Greedy g = greedy.prefillGreedy(TokenBatch.of(prompt));
            for (int i = 0; i < 4; i++) {
                int best = argmax(row);
                assertArrayEquals(new int[] {best}, g.tokens(), "step " + i);
                assertEquals(row[best], g.logProbs()[0], 1e-6, "step " + i);
                row = rows.step(new int[] {best})[0];
                g = greedy.stepGreedy(new int[] {best});
            }
        }
    }

    @Test
    void paddingInAOneRowBatchIsSkippedAsTheDjlMaskSkipsIt() {
        try (LlamaModel m = model(NANO, 5);
                JavaDecoder padded = new JavaDecoder(m, 8);
                DecodeSession djl = new DecodeSession(m, 1, 8)) {
            int[] prompt = randomIds(new Random(3), 4, NANO.vocabSize());
            TokenBatch left = new TokenBatch(new int[][] {{0, 0, prompt[0], prompt[1],
                prompt[2], prompt[3]}}, new int[][] {{0, 0, 1, 1, 1, 1}});
            double d = maxAbsDiff(djl.prefill(left)[0], padded.prefill(left)[0]);
            assertTrue(d < 1e-4, "max |diff| " + d);
            assertEquals(4, padded.length());
        }
    }

    @Test
    void misuseFailsWithASentenceThatSaysWhy() {
        try (LlamaModel m = model(NANO, 6); JavaDecoder java = new JavaDecoder(m, 3)) {
            IllegalStateException early = assertThrows(IllegalStateException.class,
                    () -> java.step(new int[] {5}));
            assertTrue(early.getMessage().contains("prefill"), early.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> java.prefill(TokenBatch.of(new int[] {1, 2}, new int[] {1, 3})));
            java.prefill(TokenBatch.of(new int[] {1, 7}));
            assertThrows(IllegalArgumentException.class, () -> java.step(new int[] {5, 6}));
            assertThrows(IllegalArgumentException.class,
                    () -> java.step(new int[] {NANO.vocabSize()}));
            java.step(new int[] {9});
            IllegalStateException full = assertThrows(IllegalStateException.class,
                    () -> java.step(new int[] {9}));
            assertTrue(full.getMessage().contains("holds 3 tokens"), full.getMessage());
        }
    }

    @Test
    void openPicksJavaForOneSequenceUnlessTheSystemPropertySaysDjl() {
        try (LlamaModel m = model(NANO, 8)) {
            try (Decoder one = Decoder.open(m, 1, 4); Decoder two = Decoder.open(m, 2, 4)) {
                assertInstanceOf(JavaDecoder.class, one);   // the tests run with the module
                assertInstanceOf(DecodeSession.class, two);
            }
            String old = System.getProperty(Decoder.PATH_PROPERTY);
            try {
                System.setProperty(Decoder.PATH_PROPERTY, "djl");
                try (Decoder one = Decoder.open(m, 1, 4)) {
                    assertInstanceOf(DecodeSession.class, one);
                }
                System.setProperty(Decoder.PATH_PROPERTY, "java");
                try (Decoder one = Decoder.open(m, 1, 4); Decoder two = Decoder.open(m, 2, 4)) {
                    assertInstanceOf(JavaDecoder.class, one);
                    assertInstanceOf(DecodeSession.class, two);   // Java holds one sequence
                }
                System.setProperty(Decoder.PATH_PROPERTY, "jni");
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> Decoder.open(m, 1, 4));
                assertTrue(e.getMessage().contains("auto, djl or java"), e.getMessage());
            } finally {
                restore(old);
            }
        }
    }

    @Test
    void theJvmUnderTestHasTheVectorModuleSoTheVectorKernelsRunHere() {
        assertTrue(DecodeKernels.vectorModulePresent(), "The tests must run with --add-modules "
                + "jdk.incubator.vector (lib/pom.xml's surefire argLine), or the vector kernels "
                + "go untested.");
        assertTrue(DecodeKernels.best().name().startsWith("vector"), DecodeKernels.best().name());
    }

    static void restore(String old) {
        if (old == null) {
            System.clearProperty(Decoder.PATH_PROPERTY);
        } else {
            System.setProperty(Decoder.PATH_PROPERTY, old);
        }
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
