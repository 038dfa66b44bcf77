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

/** Tests for {@link GroupAdvantages}; run by the grader against any implementation. */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class GroupAdvantagesTests {

    @Test
    @Order(1)
    @Hint("(r - mean) / (std + 1e-4), with the unbiased std: divide the squares by n - 1.")
    void matchesTheWorkedExample(GroupAdvantages impl) {
        double a = 0.5 / (Math.sqrt(1.0 / 3) + 1e-4);
        assertArrayEquals(new double[] {a, -a, -a, a},
                impl.advantages(new double[] {1, 0, 0, 1}, 4), 1e-9);
    }

    @Test
    @Order(2)
    @Hint("Each group uses its own mean and std: the second group does not see the first.")
    void groupsAreNormalisedSeparately(GroupAdvantages impl) {
        double[] adv = impl.advantages(new double[] {1, 0, 0.1, 0.1, 1, 1}, 2);
        double a = 0.5 / (Math.sqrt(0.5) + 1e-4);
        assertEquals(a, adv[0], 1e-9, "group 0, completion 0");
        assertEquals(-a, adv[1], 1e-9, "group 0, completion 1");
        assertEquals(0, adv[2], 1e-9, "group 1 is flat");
        assertEquals(0, adv[5], 1e-9, "group 2 is flat");
    }

    @Test
    @Order(3)
    @Hint("A group of equal rewards has std 0: the 1e-4 keeps the division finite, and the "
            + "centred rewards are 0 anyway.")
    void flatGroupsGiveZero(GroupAdvantages impl) {
        assertArrayEquals(new double[] {0, 0, 0}, impl.advantages(new double[] {1, 1, 1}, 3),
                1e-12);
        double[] small = impl.advantages(new double[] {0.1, 0.1, 0.1, 1.0}, 4);
        assertEquals(1.5, small[3], 1e-3, "one success among four");
    }

    @Test
    @Order(4)
    @Hint("Check groupSize >= 2 and rewards.length % groupSize == 0 first.")
    void rejectsBadShapes(GroupAdvantages impl) {
        assertThrows(IllegalArgumentException.class,
                () -> impl.advantages(new double[] {1, 0, 1}, 2), "3 rewards in groups of 2");
        assertThrows(IllegalArgumentException.class,
                () -> impl.advantages(new double[] {1, 0}, 1), "groups of 1");
    }
}
