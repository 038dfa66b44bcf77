package dev.tinyreason.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The forward pass: causality, padding, log-probs and the KV cache agree with each other. */
class LlamaModelTest {

    static final ModelConfig SMALL = ModelConfig.nano().withVocabSize(64).withMaxPositions(64);
    static LlamaModel model;

    @BeforeAll
    static void build() {
        model = LlamaModel.init(SMALL, 7);
    }

    @AfterAll
    static void free() {
        model.close();
    }

    static int[] randomIds(Random rng, int n, int vocab) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = 3 + rng.nextInt(vocab - 3);
        }
        return ids;
    }

    static void assertClose(float[] want, float[] got, double tol, String what) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            int at = i;
            assertEquals(want[i], got[i], tol, () -> what + " differs at " + at);
        }
    }

    @Test
    void logitsHaveTheRightShapeAndAreFinite() {
        float[][][] logits = model.logits(TokenBatch.of(new int[] {1, 5, 9, 11}));
        assertEquals(1, logits.length);
        assertEquals(4, logits[0].length);
        assertEquals(64, logits[0][0].length);
        java.util.Set<Float> distinct = new java.util.HashSet<>();
        for (float[] row : logits[0]) {
            for (float v : row) {
                assertTrue(Float.isFinite(v));
                distinct.add(v);
            }
        }
        // a model that ignored its weights (all zeros, one constant) would pass the shape checks
        assertTrue(distinct.size() > 100, "the logits vary: " + distinct.size() + " distinct values");
        assertTrue(!java.util.Arrays.equals(logits[0][0], logits[0][3]), "positions differ");
    }

    @Test
    void changingAFutureTokenNeverChangesEarlierLogits() {
        int[] a = randomIds(new Random(1), 12, 64);
        int[] b = a.clone();
        b[8] = (b[8] + 1) % 60 + 3;
        float[][] la = model.logits(TokenBatch.of(a))[0];
        float[][] lb = model.logits(TokenBatch.of(b))[0];
        for (int t = 0; t < 8; t++) {
            assertClose(la[t], lb[t], 1e-5, "position " + t);
        }
        boolean changed = false;
        for (int v = 0; v < 64; v++) {
            changed |= Math.abs(la[8][v] - lb[8][v]) > 1e-4;
        }
        assertTrue(changed, "the changed token must change its own position's logits");
    }

    @Test
    void paddingOnEitherSideGivesTheUnpaddedLogits() {
        Random rng = new Random(2);
        int[] shortSeq = randomIds(rng, 5, 64);
        int[] longSeq = randomIds(rng, 9, 64);
        float[][] alone = model.logits(TokenBatch.of(shortSeq))[0];
        float[][][] right = model.logits(TokenBatch.rightPadded(List.of(longSeq, shortSeq), 0));
        float[][][] left = model.logits(TokenBatch.leftPadded(List.of(longSeq, shortSeq), 0));
        for (int t = 0; t < 5; t++) {
            assertClose(alone[t], right[1][t], 1e-5, "right-padded position " + t);
            assertClose(alone[t], left[1][4 + t], 1e-5, "left-padded position " + t);
        }
        assertClose(model.logits(TokenBatch.of(longSeq))[0][8], right[0][8], 1e-5, "long row");
    }

    @Test
    void tokenLogProbsAreTheLogSoftmaxOfTheLogitsAtTheNextToken() {
        int[] ids = randomIds(new Random(3), 7, 64);
        float[][] logits = model.logits(TokenBatch.of(ids))[0];
        float[] lp = model.tokenLogProbs(TokenBatch.of(ids))[0];
        assertEquals(6, lp.length);
        double total = 0;
        for (int t = 0; t < 6; t++) {
            double max = Double.NEGATIVE_INFINITY;
            for (float v : logits[t]) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (float v : logits[t]) {
                sum += Math.exp(v - max);
            }
            double want = logits[t][ids[t + 1]] - max - Math.log(sum);
            assertEquals(want, lp[t], 1e-5, "position " + t);
            total += want;
        }
        assertEquals(total, model.sequenceLogProbs(TokenBatch.of(ids))[0], 1e-4);
    }

    @Test
    void paddedTargetsContributeNothingToSequenceLogProbs() {
        Random rng = new Random(4);
        int[] a = randomIds(rng, 4, 64);
        int[] b = randomIds(rng, 8, 64);
        double[] batched = model.sequenceLogProbs(TokenBatch.rightPadded(List.of(a, b), 0));
        assertEquals(model.sequenceLogProbs(TokenBatch.of(a))[0], batched[0], 1e-4);
        assertEquals(model.sequenceLogProbs(TokenBatch.of(b))[0], batched[1], 1e-4);
    }

    @Test
    void kvCacheDecodingGivesTheFullForwardLogProbs() {
        for (boolean qkNorm : new boolean[] {false, true}) {
            try (LlamaModel m = LlamaModel.init(SMALL.withQkNorm(qkNorm), 11)) {
                Random rng = new Random(5);
                int[] p0 = randomIds(rng, 6, 64);
                int[] p1 = randomIds(rng, 3, 64);
                int[][] next = {randomIds(rng, 4, 64), randomIds(rng, 4, 64)};
                try (DecodeSession s = new DecodeSession(m, 2, 10)) {
                    float[][] first = s.prefill(TokenBatch.leftPadded(List.of(p0, p1), 0));
                    float[][][] steps = new float[4][][];
                    for (int i = 0; i < 4; i++) {
                        steps[i] = s.step(new int[] {next[0][i], next[1][i]});
                    }
                    int[][] prompts = {p0, p1};
                    for (int b = 0; b < 2; b++) {
                        int[] full = concat(prompts[b], next[b]);
                        float[][] want = m.logits(TokenBatch.of(full))[0];
                        int n = prompts[b].length;
                        assertClose(logSoftmax(want[n - 1]), first[b], 1e-4, "prefill row " + b);
                        for (int i = 0; i < 4; i++) {
                            assertClose(logSoftmax(want[n + i]), steps[i][b], 1e-4, "qkNorm="
                                    + qkNorm + " step " + i + " row " + b);
                        }
                    }
                    assertThrows(IllegalStateException.class,
                            () -> s.step(new int[] {1, 1}));  // 6 + 4 = capacity 10
                }
            }
        }
    }

    @Test
    void weightsSurviveARoundTripThroughJavaArrays() {
        int[] ids = randomIds(new Random(6), 5, 64);
        try (LlamaModel copy = new LlamaModel(SMALL, model.weights())) {
            assertClose(model.logits(TokenBatch.of(ids))[0][4],
                    copy.logits(TokenBatch.of(ids))[0][4], 0, "copy");
        }
    }

    @Test
    void callsLeaveNoNativeArraysBehind() {
        int[] ids = randomIds(new Random(8), 9, 64);
        model.tokenLogProbs(TokenBatch.of(ids));
        int before = managed();
        for (int i = 0; i < 20; i++) {
            model.tokenLogProbs(TokenBatch.of(ids));
            model.logits(TokenBatch.of(ids));
            try (DecodeSession s = new DecodeSession(model, 1, 12)) {
                s.prefill(TokenBatch.of(ids));
                s.step(new int[] {4});
            }
        }
        assertEquals(before, managed());
    }

    @Test
    void aMismatchedWeightNamesTheTensor() {
        LlamaWeights w = LlamaWeights.init(SMALL.withVocabSize(65), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LlamaModel(SMALL, w));
        assertTrue(e.getMessage().contains("model.embed_tokens.weight"), e.getMessage());
        assertTrue(e.getMessage().contains("[64, 128]"), e.getMessage());
    }

    static float[] logSoftmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : logits) {
            sum += Math.exp(v - max);
        }
        float[] out = new float[logits.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (logits[i] - max - Math.log(sum));
        }
        return out;
    }

    private static int managed() {
        return ((BaseNDManager) model.manager()).getManagedArrays().size();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
