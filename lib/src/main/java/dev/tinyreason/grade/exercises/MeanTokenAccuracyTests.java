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

/** Tests for {@link MeanTokenAccuracy}; run by the grader against any implementation. */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class MeanTokenAccuracyTests {

    static final boolean T = true;
    static final boolean F = false;

    /** One-hot-ish rows whose argmax is {@code best}, over a vocabulary of {@code v}. */
    static float[][] rows(int v, int... best) {
        float[][] out = new float[best.length][v];
        for (int t = 0; t < best.length; t++) {
            for (int k = 0; k < v; k++) {
                out[t][k] = k == best[t] ? 2f : -1f + 0.1f * k;
            }
        }
        return out;
    }

    @Test
    @Order(1)
    @Hint("logits[t] guesses ids[t + 1]: compare argmax(logits[t - 1]) with ids[t].")
    void matchesTheWorkedExample(MeanTokenAccuracy impl) {
        double acc = impl.accuracy(rows(3, 2, 0, 1, 2), new int[] {0, 2, 1, 1},
                new boolean[] {F, T, T, T});
        assertEquals(2.0 / 3, acc, 1e-9, "the worked example");
    }

    @Test
    @Order(2)
    @Hint("Only tokens with lossMask[t] true count: a wrong guess at an untrained token "
            + "changes nothing.")
    void onlyTrainedTokensCount(MeanTokenAccuracy impl) {
        // guesses 1, 1, 2, 0 for targets 3, 2, 2, 0; the wrong guess at t = 2 is not trained
        double acc = impl.accuracy(rows(4, 1, 1, 2, 0, 3), new int[] {0, 3, 2, 2, 0},
                new boolean[] {F, T, F, T, T});
        assertEquals(2.0 / 3, acc, 1e-9, "trained targets 3 (guess 1), 2 (guess 2) and 0 "
                + "(guess 0): two of three right");
    }

    @Test
    @Order(3)
    @Hint("Don't compare argmax(logits[t]) with ids[t]: the output at t predicts the NEXT "
            + "token.")
    void scoresTheNextToken(MeanTokenAccuracy impl) {
        // shifted, every guess is right; unshifted, none is
        double acc = impl.accuracy(rows(5, 1, 2, 3, 4, 0), new int[] {0, 1, 2, 3, 4},
                new boolean[] {F, T, T, T, T});
        assertEquals(1.0, acc, 1e-9, "the model predicts each next token exactly");
    }

    @Test
    @Order(4)
    @Hint("On a tie the lowest index wins, as in greedy decoding.")
    void tiesGoToTheLowestIndex(MeanTokenAccuracy impl) {
        float[][] logits = {{1f, 3f, 3f}, {0f, 0f, 0f}, {0f, 0f, 0f}};
        double acc = impl.accuracy(logits, new int[] {0, 1, 0}, new boolean[] {F, T, T});
        assertEquals(1.0, acc, 1e-9, "argmax of [1, 3, 3] is 1 and of [0, 0, 0] is 0");
    }

    @Test
    @Order(5)
    @Hint("With no trained token the accuracy is undefined: throw IllegalArgumentException.")
    void noTrainedTokenIsAnError(MeanTokenAccuracy impl) {
        assertThrows(IllegalArgumentException.class, () -> impl.accuracy(rows(3, 0, 1),
                new int[] {0, 1}, new boolean[] {F, F}), "a mask with nothing trained");
    }
}
