package dev.tinyreason.grade.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tinyreason.grade.Hint;
import dev.tinyreason.grade.Submission;
import java.util.Random;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests for {@link Argmax}; run by the grader against any implementation. */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class ArgmaxTests {

    @Test
    @Order(1)
    @Hint("Keep the index of the best value seen so far while you scan the array.")
    void picksTheLargest(Argmax impl) {
        assertEquals(1, impl.argmax(new float[] {0.1f, 2.5f, -1f}), "argmax([0.1, 2.5, -1])");
    }

    @Test
    @Order(2)
    @Hint("Start from the first element, not from 0.0: every logit may be negative.")
    void allNegativeLogits(Argmax impl) {
        assertEquals(1, impl.argmax(new float[] {-3f, -1f, -2f}), "argmax([-3, -1, -2])");
    }

    @Test
    @Order(3)
    @Hint("Ties go to the first index: replace the best only when strictly greater (>).")
    void tiesPickTheFirstIndex(Argmax impl) {
        assertEquals(1, impl.argmax(new float[] {1f, 5f, 5f}), "argmax([1, 5, 5])");
    }

    @Test
    @Order(4)
    @Hint("One element: its index is 0.")
    void singleElement(Argmax impl) {
        assertEquals(0, impl.argmax(new float[] {7f}), "argmax([7])");
    }

    @Test
    @Order(5)
    @Hint("Throw IllegalArgumentException for an empty array; there is no answer to return.")
    void emptyArrayIsAnError(Argmax impl) {
        assertThrows(IllegalArgumentException.class, () -> impl.argmax(new float[0]),
                "argmax([]) should throw IllegalArgumentException");
    }

    @Test
    @Order(6)
    @Hint("Scan the whole array: the maximum can be anywhere, including the last element.")
    void largeRandomVocabulary(Argmax impl) {
        Random random = new Random(24);
        for (int trial = 0; trial < 20; trial++) {
            float[] logits = new float[32_000];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = (float) random.nextGaussian();
            }
            int where = trial == 0 ? logits.length - 1 : random.nextInt(logits.length);
            logits[where] = 100f;
            assertEquals(where, impl.argmax(logits), "the 100.0 logit sits at index " + where);
        }
    }
}
