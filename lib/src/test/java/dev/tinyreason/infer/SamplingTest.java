package dev.tinyreason.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pure-Java sampler: exact rules, pinned draws, and the right distributions. */
class SamplingTest {

    static final float[] LOGITS = {1f, 3f, 2f, 0f, -1f};

    @Test
    void argmaxTakesTheLowestIndexOnATie() {
        assertEquals(1, Sampling.argmax(new float[] {0, 5, 5, 1}));
        assertEquals(0, Sampling.argmax(new float[] {-1}));
    }

    @Test
    void greedyDrawsNothingFromTheGenerator() {
        Random rng = new Random(1);
        assertEquals(1, Sampling.sample(LOGITS, 0, 0, 1, rng));
        assertEquals(1, Sampling.sampleTopK(LOGITS, 1.5f, 1, rng));
        assertEquals(new Random(1).nextLong(), rng.nextLong());
    }

    @Test
    void aPinnedExampleDrawsTheSameTokensEverywhere() {
        // weights over the top 2 (ids 1 and 2): e^0 = 1 and e^-1 = 0.368; walk in id order
        Random rng = new Random(42);
        int[] draws = new int[12];
        for (int i = 0; i < draws.length; i++) {
            draws[i] = Sampling.sampleTopK(LOGITS, 1f, 2, rng);
        }
        Random check = new Random(42);
        for (int i = 0; i < draws.length; i++) {
            double u = check.nextDouble() * (1 + Math.exp(-1));
            assertEquals(u < 1 ? 1 : 2, draws[i], "draw " + i);
        }
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 2, 1, 1, 1, 2, 2, 1}, draws);
    }

    @Test
    void topKTemperatureFrequenciesMatchTheSoftmax() {
        Random rng = new Random(7);
        int n = 40_000;
        int[] counts = new int[LOGITS.length];
        for (int i = 0; i < n; i++) {
            counts[Sampling.sampleTopK(LOGITS, 2f, 3, rng)]++;
        }
        double[] want = Sampling.softmax(new float[] {LOGITS[0], LOGITS[1], LOGITS[2]}, 2.0);
        assertEquals(want[0], counts[0] / (double) n, 0.01);
        assertEquals(want[1], counts[1] / (double) n, 0.01);
        assertEquals(want[2], counts[2] / (double) n, 0.01);
        assertEquals(0, counts[3] + counts[4], "tokens outside the top 3 never appear");
    }

    @Test
    void topPKeepsTheSmallestSetReachingP() {
        float[] logits = {(float) Math.log(0.5), (float) Math.log(0.3), (float) Math.log(0.15),
                (float) Math.log(0.05)};
        assertEquals(0b0011, support(logits, 0.8));
        assertEquals(0b0111, support(logits, 0.81));
        assertEquals(0b0001, support(logits, 0.2));
        assertEquals(0b1111, support(logits, 1.0));
    }

    private static int support(float[] logits, double p) {
        Random rng = new Random(3);
        int mask = 0;
        for (int i = 0; i < 3000; i++) {
            mask |= 1 << Sampling.sample(logits, 1.0, 0, p, rng);
        }
        return mask;
    }

    @Test
    void theExerciseMethodIsTheOneTheGeneratorUses() {
        SamplingConfig cfg = SamplingConfig.sampled(0.7, 10, 0).withTopK(3);
        Random a = new Random(5);
        Random b = new Random(5);
        for (int i = 0; i < 200; i++) {
            assertEquals(Sampling.sampleTopK(LOGITS, 0.7f, 3, a), Sampling.sample(LOGITS, cfg, b));
        }
    }

    @Test
    void logProbIsTheLogSoftmax() {
        double[] p = Sampling.softmax(LOGITS, 1);
        for (int i = 0; i < LOGITS.length; i++) {
            assertEquals(Math.log(p[i]), Sampling.logProb(LOGITS, i), 1e-6);
        }
    }

    @Test
    void descendingOrderHandlesNegativesAndTies() {
        assertArrayEquals(new int[] {2, 0, 3, 1}, Sampling.byDescendingLogit(
                new float[] {1f, -2f, 4f, 1f}, 4));
        assertArrayEquals(new int[] {1, 2}, Sampling.byDescendingLogit(
                new float[] {-0.5f, 0f, -0.25f}, 2));
    }

    @Test
    void configsRejectNonsenseWithAReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SamplingConfig.greedy(5).withTopP(0));
        assertTrue(e.getMessage().contains("topP"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SamplingConfig.greedy(0));
        assertThrows(IllegalArgumentException.class,
                () -> SamplingConfig.greedy(5).withTemperature(-1));
    }
}
