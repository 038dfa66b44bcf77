package dev.tinyreason.grade.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.grade.Hint;
import dev.tinyreason.grade.Submission;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests for {@link Softmax}; run by the grader against any implementation. */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class SoftmaxTests {

    private static final float TOL = 1e-4f;

    @Test
    @Order(1)
    @Hint("Divide every exp(...) by the sum of all of them.")
    void probabilitiesSumToOne(Softmax impl) {
        float[] p = impl.softmax(new float[] {0.5f, -1f, 3f, 2f}, 1f);
        double sum = 0;
        for (float x : p) {
            sum += x;
        }
        assertEquals(1.0, sum, 1e-5, "sum of softmax([0.5, -1, 3, 2], T=1)");
    }

    @Test
    @Order(2)
    @Hint("p_i = exp(l_i / T) / sum_j exp(l_j / T).")
    void matchesTheWorkedExample(Softmax impl) {
        assertArrayEquals(new float[] {0.0900f, 0.2447f, 0.6652f},
                impl.softmax(new float[] {1f, 2f, 3f}, 1f), TOL, "softmax([1, 2, 3], T=1)");
    }

    @Test
    @Order(3)
    @Hint("Subtract the largest logit before exp(): exp(1000) overflows to Infinity.")
    void stableForLargeLogits(Softmax impl) {
        float[] p = impl.softmax(new float[] {1000f, 1001f}, 1f);
        for (float x : p) {
            assertFalse(Float.isNaN(x) || Float.isInfinite(x), "softmax([1000, 1001]) gave " + x);
        }
        assertArrayEquals(new float[] {0.2689f, 0.7311f}, p, TOL, "softmax([1000, 1001], T=1)");
    }

    @Test
    @Order(4)
    @Hint("Divide the logits by the temperature before exp().")
    void temperatureScalesTheLogits(Softmax impl) {
        assertArrayEquals(new float[] {0.1863f, 0.3072f, 0.5065f},
                impl.softmax(new float[] {1f, 2f, 3f}, 2f), TOL, "softmax([1, 2, 3], T=2)");
        float sharp = impl.softmax(new float[] {1f, 2f, 3f}, 0.5f)[2];
        float flat = impl.softmax(new float[] {1f, 2f, 3f}, 2f)[2];
        assertTrue(sharp > flat, "lower T should put more mass on the top logit: p(T=0.5)="
                + sharp + ", p(T=2)=" + flat);
    }

    @Test
    @Order(5)
    @Hint("Throw IllegalArgumentException when temperature <= 0.")
    void rejectsNonPositiveTemperature(Softmax impl) {
        assertThrows(IllegalArgumentException.class, () -> impl.softmax(new float[] {1f, 2f}, 0f),
                "softmax(..., T=0) should throw IllegalArgumentException");
    }
}
