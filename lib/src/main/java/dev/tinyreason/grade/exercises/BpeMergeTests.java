package dev.tinyreason.grade.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tinyreason.grade.Hint;
import dev.tinyreason.grade.Submission;
import java.util.Random;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests for {@link BpeMerge}; run by the grader against any implementation. */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class BpeMergeTests {

    @Test
    @Order(1)
    @Hint("Walk i over ids: if ids[i], ids[i+1] is the pair, emit newId and skip two; else emit ids[i].")
    void mergesTheWorkedExample(BpeMerge impl) {
        assertArrayEquals(new int[] {5, 6, 99, 9, 1},
                impl.merge(new int[] {5, 6, 6, 7, 9, 1}, 6, 7, 99), "merge([5,6,6,7,9,1], 6, 7, 99)");
    }

    @Test
    @Order(2)
    @Hint("Keep scanning after a merge: the pair can occur many times.")
    void mergesEveryOccurrence(BpeMerge impl) {
        assertArrayEquals(new int[] {99, 3, 99, 99},
                impl.merge(new int[] {1, 2, 3, 1, 2, 1, 2}, 1, 2, 99), "merge([1,2,3,1,2,1,2], 1, 2, 99)");
    }

    @Test
    @Order(3)
    @Hint("After merging at i, continue at i + 2: a token belongs to one merge only.")
    void overlapsResolveToTheLeft(BpeMerge impl) {
        assertArrayEquals(new int[] {99, 7}, impl.merge(new int[] {7, 7, 7}, 7, 7, 99),
                "merge([7,7,7], 7, 7, 99)");
        assertArrayEquals(new int[] {99, 99}, impl.merge(new int[] {7, 7, 7, 7}, 7, 7, 99),
                "merge([7,7,7,7], 7, 7, 99)");
    }

    @Test
    @Order(4)
    @Hint("The order matters: (6, 7) is not (7, 6).")
    void pairsAreOrdered(BpeMerge impl) {
        assertArrayEquals(new int[] {7, 99, 7}, impl.merge(new int[] {7, 6, 7, 7}, 6, 7, 99),
                "merge([7,6,7,7], 6, 7, 99)");
    }

    @Test
    @Order(5)
    @Hint("Build a new array (or list) for the result; do not write into the input.")
    void leavesTheInputUnchanged(BpeMerge impl) {
        int[] ids = {4, 2, 4, 2};
        int[] merged = impl.merge(ids, 4, 2, 50);
        assertArrayEquals(new int[] {4, 2, 4, 2}, ids, "the input array was modified");
        assertArrayEquals(new int[] {50, 50}, merged, "merge([4,2,4,2], 4, 2, 50)");
    }

    @Test
    @Order(6)
    @Hint("Check long inputs against a careful left-to-right scan; the last pair counts too.")
    void agreesWithTheLibraryOnRandomIds(BpeMerge impl) {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int[] ids = random.ints(1 + random.nextInt(60), 0, 4).toArray();
            ids[ids.length - 1] = 1;
            if (ids.length > 1) {
                ids[ids.length - 2] = 0;
            }
            int[] expected = BpeMerge.REFERENCE.merge(ids, 0, 1, 9);
            assertArrayEquals(expected, impl.merge(ids, 0, 1, 9),
                    "merge(" + java.util.Arrays.toString(ids) + ", 0, 1, 9)");
        }
    }
}
