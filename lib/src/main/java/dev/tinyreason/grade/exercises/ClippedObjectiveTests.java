package dev.tinyreason.grade.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tinyreason.grade.Hint;
import dev.tinyreason.grade.Submission;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests for {@link ClippedObjective}; run by the grader against any implementation. */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class ClippedObjectiveTests {

    @Test
    @Order(1)
    @Hint("ratio = exp(logp - oldLogp); loss_t = -min(ratio * A, clip(ratio) * A); then the "
            + "mean over tokens.")
    void matchesTheWorkedExample(ClippedObjective impl) {
        assertEquals(-0.89, impl.loss(new double[] {Math.log(1.5), Math.log(0.5)},
                new double[] {0, 0}, 1, 0.2, 0.28), 1e-9);
    }

    @Test
    @Order(2)
    @Hint("At ratio 1 (the first pass over fresh rollouts) nothing is clipped: the loss is -A.")
    void ratioOneGivesMinusTheAdvantage(ClippedObjective impl) {
        assertEquals(0.7, impl.loss(new double[] {-2, -0.5, -1}, new double[] {-2, -0.5, -1},
                -0.7, 0.2, 0.28), 1e-9);
    }

    @Test
    @Order(3)
    @Hint("With A < 0 the min picks the larger penalty: a ratio below 1 - epsLow is clipped, "
            + "one above 1 + epsHigh is not.")
    void negativeAdvantagesClipAtTheLowerBound(ClippedObjective impl) {
        // ratios 0.5 and 2, A = -1: -min(-0.5, -0.8) = 0.8 and -min(-2, -1.28) = 2
        assertEquals(1.4, impl.loss(new double[] {Math.log(0.5), Math.log(2)},
                new double[] {0, 0}, -1, 0.2, 0.28), 1e-9);
    }

    @Test
    @Order(4)
    @Hint("epsHigh only moves the upper bound: 1.5 is clipped to 1.2 with PPO's symmetric clip.")
    void symmetricClip(ClippedObjective impl) {
        assertEquals(-1.2 * 2, impl.loss(new double[] {Math.log(1.5)}, new double[] {0}, 2,
                0.2, 0.2), 1e-9);
    }

    @Test
    @Order(5)
    @Hint("Check that both arrays have one equal, positive length.")
    void rejectsMismatchedArrays(ClippedObjective impl) {
        assertThrows(IllegalArgumentException.class,
                () -> impl.loss(new double[] {0, 0}, new double[] {0}, 1, 0.2, 0.28));
        assertThrows(IllegalArgumentException.class,
                () -> impl.loss(new double[0], new double[0], 1, 0.2, 0.28));
    }
}
