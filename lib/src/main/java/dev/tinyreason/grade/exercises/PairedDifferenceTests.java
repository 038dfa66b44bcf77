package dev.tinyreason.grade.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.grade.Hint;
import dev.tinyreason.grade.Submission;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests for {@link PairedDifference}; run by the grader against any implementation. */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class PairedDifferenceTests {

    @Test
    @Order(1)
    @Hint("d[i] = (a[i] ? 1 : 0) - (b[i] ? 1 : 0); the difference is the mean of d.")
    void matchesTheWorkedExample(PairedDifference impl) {
        double[] r = impl.compare(new boolean[] {true, true, false, true, false},
                new boolean[] {true, false, false, false, false});
        assertEquals(0.4, r[0], 1e-12, "difference");
        assertEquals(Math.sqrt(0.3) / Math.sqrt(5), r[1], 1e-9, "standard error");
    }

    @Test
    @Order(2)
    @Hint("Swapping the methods flips the sign of the difference, not its standard error.")
    void swappingTheMethodsFlipsTheSign(PairedDifference impl) {
        boolean[] a = {true, false, true, true, false, false, true};
        boolean[] b = {false, false, true, false, true, false, false};
        double[] ab = impl.compare(a, b);
        double[] ba = impl.compare(b, a);
        assertEquals(-ab[0], ba[0], 1e-12);
        assertEquals(ab[1], ba[1], 1e-12);
        assertEquals(2.0 / 7, ab[0], 1e-12, "3 wins, 1 loss over 7 problems");
    }

    @Test
    @Order(3)
    @Hint("Problems both methods solve (or both miss) have d = 0: identical outcomes give "
            + "difference 0 and standard error 0.")
    void agreementAddsNoNoise(PairedDifference impl) {
        boolean[] a = {true, false, true, false, true, true};
        double[] r = impl.compare(a, a.clone());
        assertEquals(0, r[0], 1e-12);
        assertEquals(0, r[1], 1e-12);
        // 1 win in 40 problems that otherwise agree: far less noise than two independent
        // accuracies of 0.5 (whose difference has standard error ~0.11)
        boolean[] x = new boolean[40];
        boolean[] y = new boolean[40];
        for (int i = 0; i < 40; i++) {
            x[i] = i % 2 == 0;
            y[i] = x[i];
        }
        x[1] = true;
        double[] one = impl.compare(x, y);
        assertEquals(1.0 / 40, one[0], 1e-12);
        assertEquals(Math.sqrt((1 - 1.0 / 40) / 39.0) / Math.sqrt(40), one[1], 1e-9);
        assertTrue(one[1] < 0.03, "paired standard error " + one[1]);
    }

    @Test
    @Order(4)
    @Hint("Check a.length == b.length and a.length >= 2 first: the sample sd divides by n - 1.")
    void rejectsUnpairedOrTooFewProblems(PairedDifference impl) {
        assertThrows(IllegalArgumentException.class,
                () -> impl.compare(new boolean[] {true, false}, new boolean[] {true}),
                "different lengths");
        assertThrows(IllegalArgumentException.class,
                () -> impl.compare(new boolean[] {true}, new boolean[] {false}),
                "one problem");
    }
}
