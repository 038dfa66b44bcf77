package dev.tinyreason.grade.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.grade.Hint;
import dev.tinyreason.grade.Submission;
import java.util.Random;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests for {@link Q8Block}; run by the grader against any implementation. */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class Q8BlockTests {

    @Test
    @Order(1)
    @Hint("d = max|x| / 127; q[i] = x[i] / d rounded, halves away from zero (-63.5 -> -64).")
    void matchesTheWorkedExample(Q8Block impl) {
        float[] x = new float[32];
        x[0] = 2.54f;
        x[1] = -1.27f;
        x[2] = 0.005f;
        byte[] q = impl.quantize(x);
        assertEquals(32, q.length, "one byte per weight");
        assertEquals(127, q[0], "the largest weight becomes 127");
        assertEquals(-64, q[1], "-63.5 rounds away from zero");
        assertEquals(0, q[2]);
    }

    @Test
    @Order(2)
    @Hint("The scale is the largest |x| of the block, whatever its sign: a negative extreme "
            + "becomes -127.")
    void theLargestMagnitudeSetsTheScale(Q8Block impl) {
        float[] x = new float[32];
        for (int i = 0; i < 32; i++) {
            x[i] = (i - 16) / 100f;
        }
        x[5] = -3f;
        byte[] q = impl.quantize(x);
        assertEquals(-127, q[5]);
        assertEquals(0, q[16]);
        assertEquals(Math.round(0.15 / (3.0 / 127)), q[31], "0.15 / (3/127) = 6.35 -> 6");
    }

    @Test
    @Order(3)
    @Hint("Dequantised, every weight is within half a step (d / 2) of where it started.")
    void everyWeightIsWithinHalfAStep(Q8Block impl) {
        Random rng = new Random(9);
        for (int trial = 0; trial < 20; trial++) {
            float[] x = new float[32];
            float max = 0;
            for (int i = 0; i < 32; i++) {
                x[i] = (float) rng.nextGaussian() * 0.05f;
                max = Math.max(max, Math.abs(x[i]));
            }
            float d = max / 127;
            byte[] q = impl.quantize(x);
            assertArrayEquals(Q8Block.REFERENCE.quantize(x), q, "block " + trial);
            for (int i = 0; i < 32; i++) {
                assertTrue(Math.abs(q[i] * d - x[i]) <= d / 2 + 1e-7, "weight " + i);
            }
        }
    }

    @Test
    @Order(4)
    @Hint("A block of zeros has d = 0: return zeros instead of dividing by zero. Check the "
            + "length first.")
    void zerosAndBadLengths(Q8Block impl) {
        assertArrayEquals(new byte[32], impl.quantize(new float[32]));
        assertThrows(IllegalArgumentException.class, () -> impl.quantize(new float[31]));
    }
}
