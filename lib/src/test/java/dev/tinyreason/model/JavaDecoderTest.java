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
 * The plain-Java decoder against its oracle, DJL's {@link DecodeSession} on the same weights:
 * log-prob rows after the prompt and after every step, one sequence and a batch (left-padded
 * prompts of different lengths, shared prompts, dropped rows), greedy picks, and the errors.
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
    void aBatchMatchesTheDjlSessionRowForRowThroughPaddingSharedPromptsAndRetain() {
        for (ModelConfig c : List.of(NANO, NANO.withQkNorm(true), ODD)) {
            try (LlamaModel m = model(c, 11)) {
                Random rng = new Random(12);
                int[] shared = randomIds(rng, 6, c.vocabSize());
                List<int[]> prompts = List.of(randomIds(rng, 3, c.vocabSize()), shared,
                        randomIds(rng, 9, c.vocabSize()), shared.clone());
                TokenBatch padded = TokenBatch.leftPadded(prompts, 0);
                int capacity = 9 + 8;
                try (DecodeSession djl = new DecodeSession(m, 4, capacity);
                        JavaDecoder java = new JavaDecoder(m, 4, capacity,
                                DecodeKernels.best(), 2)) {
                    float[][] want = djl.prefill(padded);
                    float[][] got = java.prefill(padded);
                    assertRowsClose(want, got, c + " prefill");
                    assertArrayEquals(got[1], got[3], "a shared prompt gives the same row");
                    for (int i = 0; i < 6; i++) {
                        if (i == 3) {             // the second sequence finishes
                            djl.retain(new int[] {0, 2, 3});
                            java.retain(new int[] {0, 2, 3});
                        }
                        int[] tokens = randomIds(rng, java.batchSize(), c.vocabSize());
                        assertRowsClose(djl.step(tokens), java.step(tokens), c + " step " + i);
                    }
                    assertEquals(9 + 6, java.length(), "the longest sequence's tokens");
                }
            }
        }
    }

    /** Its neighbours change nothing; the batch's products sum in another order (rounding). */
    @Test
    void aSequenceInABatchGetsTheSameRowsAsDecodedAlone() {
        try (LlamaModel m = model(NANO, 13)) {
            Random rng = new Random(14);
            int[] mine = randomIds(rng, 5, NANO.vocabSize());
            int[] other = randomIds(rng, 8, NANO.vocabSize());
            int[] next = randomIds(rng, 4, NANO.vocabSize());
            try (JavaDecoder alone = new JavaDecoder(m, 16);
                    JavaDecoder batch = new JavaDecoder(m, 2, 16, DecodeKernels.best(), 1)) {
                float[] a = alone.prefill(TokenBatch.of(mine))[0];
                float[] b = batch.prefill(TokenBatch.leftPadded(List.of(other, mine), 0))[1];
                assertArrayEquals(a, b, 1e-5f, "prefill");
                for (int token : next) {
                    a = alone.step(new int[] {token})[0];
                    b = batch.step(new int[] {3, token})[1];
                    assertArrayEquals(a, b, 1e-5f, "step");
                }
            }
        }
    }

    /**
     * Each output row is summed by one thread in the same order either way; only the JIT's
     * tier can differ (the Vector API's interpreted fallback reduces lanes in another order),
     * so rows agree to float rounding.
     */
    @Test
    void splittingTheProductsOverThreadsGivesTheSameRows() {
        try (LlamaModel m = model(NANO, 15)) {
            Random rng = new Random(16);
            List<int[]> prompts = new java.util.ArrayList<>();
            for (int i = 0; i < 24; i++) {
                prompts.add(randomIds(rng, 20 + i % 5, NANO.vocabSize()));
            }
            TokenBatch padded = TokenBatch.leftPadded(prompts, 0);
            int[] tokens = randomIds(rng, 24, NANO.vocabSize());
            try (JavaDecoder one = new JavaDecoder(m, 24, 32, DecodeKernels.best(), 1);
                    JavaDecoder three = new JavaDecoder(m, 24, 32, DecodeKernels.best(), 3)) {
                float[][] a = one.prefill(padded);
                float[][] b = three.prefill(padded);
                assertRowsClose(a, b, "prefill");
                DecodeSession.Greedy ga = one.stepGreedy(tokens);
                DecodeSession.Greedy gb = three.stepGreedy(tokens);
                assertArrayEquals(ga.tokens(), gb.tokens());
                assertArrayEquals(ga.logProbs(), gb.logProbs(), 1e-5f);
            }
        }
    }

    static void assertRowsClose(float[][] want, float[][] got, String what) {
        assertEquals(want.length, got.length, what + ": rows");
        for (int r = 0; r < want.length; r++) {
            double d = maxAbsDiff(want[r], got[r]);
            assertTrue(d < 1e-4, what + " row " + r + ": max |diff| " + d);
        }
    }

    @Test
    void openPicksJavaWithTheVectorModuleUnlessTheSystemPropertySaysDjl() {
        try (LlamaModel m = model(NANO, 8)) {
            try (Decoder one = Decoder.open(m, 1, 4); Decoder two = Decoder.open(m, 2, 4)) {
                assertInstanceOf(JavaDecoder.class, one);   // the tests run with the module
                assertInstanceOf(JavaDecoder.class, two);
                assertEquals(2, two.batchSize());
            }
            String old = System.getProperty(Decoder.PATH_PROPERTY);
            try {
                System.setProperty(Decoder.PATH_PROPERTY, "djl");
                try (Decoder one = Decoder.open(m, 1, 4); Decoder two = Decoder.open(m, 2, 4)) {
                    assertInstanceOf(DecodeSession.class, one);
                    assertInstanceOf(DecodeSession.class, two);
                }
                System.setProperty(Decoder.PATH_PROPERTY, "java");
                try (Decoder two = Decoder.open(m, 2, 4)) {
                    assertInstanceOf(JavaDecoder.class, two);
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
