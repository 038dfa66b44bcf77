package dev.tinyreason.grade.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tinyreason.grade.Hint;
import dev.tinyreason.grade.Submission;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests for {@link TopB}; run by the grader against any implementation. */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class TopBTests {

    @Test
    @Order(1)
    @Hint("Sort the indices by value, largest first, and keep the first b.")
    void matchesTheWorkedExample(TopB impl) {
        assertArrayEquals(new int[] {1, 3}, impl.topB(new double[] {1, 20, 0.001, 20}, 2));
    }

    @Test
    @Order(2)
    @Hint("Largest first: the result is ordered by value, not by index.")
    void largestFirst(TopB impl) {
        assertArrayEquals(new int[] {2, 0, 3}, impl.topB(new double[] {5, 0.001, 22, 1, 0.5},
                3));
    }

    @Test
    @Order(3)
    @Hint("On equal values the lower index wins: a stable sort keeps that order for you.")
    void tiesGoToTheFirstProposed(TopB impl) {
        assertArrayEquals(new int[] {0, 1, 2}, impl.topB(new double[] {1, 1, 1, 1}, 3));
        assertArrayEquals(new int[] {3, 1}, impl.topB(new double[] {0.001, 1, 0.001, 20}, 2));
    }

    @Test
    @Order(4)
    @Hint("Fewer values than b: return them all; b = 0 keeps none; b < 0 is an error.")
    void edges(TopB impl) {
        assertArrayEquals(new int[] {0, 1}, impl.topB(new double[] {3, 1}, 5));
        assertArrayEquals(new int[] {}, impl.topB(new double[] {3, 1}, 0));
        assertArrayEquals(new int[] {}, impl.topB(new double[] {}, 5));
        assertThrows(IllegalArgumentException.class, () -> impl.topB(new double[] {1}, -1));
    }
}
