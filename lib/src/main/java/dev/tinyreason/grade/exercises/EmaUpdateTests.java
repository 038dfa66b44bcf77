package dev.tinyreason.grade.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tinyreason.grade.Hint;
import dev.tinyreason.grade.Submission;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests for {@link EmaUpdate}; run by the grader against any implementation. */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class EmaUpdateTests {

    @Test
    @Order(1)
    @Hint("shadow' = decay * shadow + (1 - decay) * weights, element by element.")
    void matchesTheWorkedExample(EmaUpdate impl) {
        assertArrayEquals(new float[] {1.5f, 3f}, impl.ema(new float[] {1, 2}, new float[] {3, 6}, 0.75f),
                1e-6f, "ema([1,2], [3,6], 0.75)");
    }

    @Test
    @Order(2)
    @Hint("decay 0 forgets the past: the result is the current weights.")
    void decayZeroCopiesTheWeights(EmaUpdate impl) {
        assertArrayEquals(new float[] {3f, -6f}, impl.ema(new float[] {1, 2}, new float[] {3, -6}, 0f),
                1e-6f, "ema([1,2], [3,-6], 0)");
    }

    @Test
    @Order(3)
    @Hint("Return a new array; the caller keeps the old shadow.")
    void leavesTheInputsUnchanged(EmaUpdate impl) {
        float[] shadow = {1, 2};
        float[] weights = {3, 6};
        float[] out = impl.ema(shadow, weights, 0.5f);
        assertArrayEquals(new float[] {1, 2}, shadow, "shadow was modified");
        assertArrayEquals(new float[] {3, 6}, weights, "weights were modified");
        assertArrayEquals(new float[] {2f, 4f}, out, 1e-6f, "ema([1,2], [3,6], 0.5)");
    }

    @Test
    @Order(4)
    @Hint("Applied again and again to fixed weights, the average converges to them.")
    void convergesToFixedWeights(EmaUpdate impl) {
        float[] shadow = {0f};
        for (int i = 0; i < 2000; i++) {
            shadow = impl.ema(shadow, new float[] {5f}, 0.999f);
        }
        assertEquals(5f * (1 - Math.pow(0.999, 2000)), shadow[0], 1e-3, "after 2000 steps of decay 0.999");
    }

    @Test
    @Order(5)
    @Hint("Reject decay outside [0, 1] with IllegalArgumentException.")
    void rejectsABadDecay(EmaUpdate impl) {
        assertThrows(IllegalArgumentException.class, () -> impl.ema(new float[] {1}, new float[] {2}, 1.5f),
                "ema(..., decay=1.5) should throw IllegalArgumentException");
    }
}
