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

/** Tests for {@link UctScore}; run by the grader against any implementation. */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class UctScoreTests {

    @Test
    @Order(1)
    @Hint("Q + c * Math.sqrt(Math.log(N) / n): natural log, parent visits over child visits.")
    void matchesTheWorkedExample(UctScore impl) {
        assertEquals(0.5 + Math.sqrt(Math.log(10)), impl.uct(0.5, 1, 10, 1.0), 1e-9);
    }

    @Test
    @Order(2)
    @Hint("ln 1 = 0: a parent visited once gives no bonus; c = 0 is pure exploitation.")
    void noBonusWithoutHistoryOrWithCZero(UctScore impl) {
        assertEquals(0.5, impl.uct(0.5, 1, 1, 1.0), 1e-12);
        assertEquals(0.3, impl.uct(0.3, 2, 50, 0.0), 1e-12);
    }

    @Test
    @Order(3)
    @Hint("The bonus shrinks as the child is visited more: a rarely tried child can win.")
    void rarelyTriedChildrenGetABonus(UctScore impl) {
        double rare = impl.uct(0.2, 1, 20, 1.4);
        double often = impl.uct(0.6, 15, 20, 1.4);
        assertTrue(rare > often, "rare " + rare + " vs often " + often);
    }

    @Test
    @Order(4)
    @Hint("A child with 0 visits scores +infinity; N < 1, n < 0 or c < 0 are errors.")
    void unvisitedAndBadArguments(UctScore impl) {
        assertEquals(Double.POSITIVE_INFINITY, impl.uct(0, 0, 5, 1.0));
        assertThrows(IllegalArgumentException.class, () -> impl.uct(0.5, 1, 0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> impl.uct(0.5, -1, 3, 1.0));
        assertThrows(IllegalArgumentException.class, () -> impl.uct(0.5, 1, 3, -1.0));
    }
}
