package dev.tinyreason.grade.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.grade.Hint;
import dev.tinyreason.grade.Submission;
import java.util.Random;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests for {@link SampleTopK}; run by the grader against any implementation. */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class SampleTopKTests {

    @Test
    @Order(1)
    @Hint("Temperature 0 means greedy: return the index of the largest logit.")
    void temperatureZeroIsGreedy(SampleTopK impl) {
        assertEquals(1, impl.sample(new float[] {0.1f, 3f, 2f}, 0f, 0, new Random(1)),
                "sample([0.1, 3, 2], T=0)");
    }

    @Test
    @Order(2)
    @Hint("k = 1 keeps only the most likely token, whatever the temperature.")
    void kOfOneIsGreedy(SampleTopK impl) {
        Random rng = new Random(2);
        for (int i = 0; i < 50; i++) {
            assertEquals(2, impl.sample(new float[] {-1f, 0.5f, 4f, 2f}, 1.5f, 1, rng),
                    "sample([-1, 0.5, 4, 2], T=1.5, k=1)");
        }
    }

    @Test
    @Order(3)
    @Hint("Give every token outside the k largest logits weight 0.")
    void staysInsideTheTopK(SampleTopK impl) {
        Random rng = new Random(3);
        float[] logits = {-5f, 1f, 3f, 2f, 0.5f};
        for (int i = 0; i < 500; i++) {
            int t = impl.sample(logits, 1f, 2, rng);
            assertTrue(t == 2 || t == 3, "with k=2 only tokens 2 and 3 may be drawn, got " + t);
        }
    }

    @Test
    @Order(4)
    @Hint("Weights exp((l - max) / T), then one uniform draw over their sum.")
    void frequenciesFollowTheSoftmax(SampleTopK impl) {
        float[] logits = {-9f, 1f, 2f, 3f};
        double[] p = dev.tinyreason.infer.Sampling.softmax(logits, 1.0);
        int[] counts = new int[logits.length];
        Random rng = new Random(4);
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            counts[impl.sample(logits, 1f, 0, rng)]++;
        }
        for (int t = 0; t < logits.length; t++) {
            assertEquals(p[t], counts[t] / (double) n, 0.02,
                    "frequency of token " + t + " over " + n + " draws");
        }
    }

    @Test
    @Order(5)
    @Hint("Follow the pinned procedure: one rng.nextDouble() per call, running sum in index order.")
    void drawsMatchTheLibraryDrawForDraw(SampleTopK impl) {
        Random shape = new Random(5);
        for (int trial = 0; trial < 200; trial++) {
            float[] logits = new float[2 + shape.nextInt(30)];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = (float) (shape.nextGaussian() * 2);
            }
            float temperature = 0.3f + shape.nextFloat() * 1.5f;
            int k = shape.nextInt(logits.length + 1);
            long seed = shape.nextLong();
            assertEquals(SampleTopK.REFERENCE.sample(logits, temperature, k, new Random(seed)),
                    impl.sample(logits, temperature, k, new Random(seed)),
                    "trial " + trial + ": T=" + temperature + ", k=" + k + ", " + logits.length + " logits");
        }
    }
}
