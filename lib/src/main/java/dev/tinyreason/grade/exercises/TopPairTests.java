package dev.tinyreason.grade.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tinyreason.grade.Hint;
import dev.tinyreason.grade.Submission;
import dev.tinyreason.tokenizer.Bpe;
import java.util.Random;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests for {@link TopPair}; run by the grader against any implementation. */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class TopPairTests {

    @Test
    @Order(1)
    @Hint("Count every adjacent pair (ids[i], ids[i+1]) in a map, then take the largest count.")
    void findsTheMostFrequentPair(TopPair impl) {
        assertEquals(new Bpe.Pair(1, 2), impl.topPair(new int[] {1, 2, 3, 1, 2}), "topPair([1,2,3,1,2])");
    }

    @Test
    @Order(2)
    @Hint("On equal counts pick the smallest pair: compare left ids, then right ids.")
    void tiesGoToTheSmallestPair(TopPair impl) {
        assertEquals(new Bpe.Pair(4, 3), impl.topPair(new int[] {5, 4, 3}), "topPair([5,4,3])");
        assertEquals(new Bpe.Pair(2, 8), impl.topPair(new int[] {2, 9, 9, 2, 8, 8, 2, 8, 2, 9}),
                "topPair([2,9,9,2,8,8,2,8,2,9])");
    }

    @Test
    @Order(3)
    @Hint("Overlapping pairs all count: [7,7,7,7] holds (7,7) three times.")
    void overlappingPairsCount(TopPair impl) {
        // (7,7) x3 beats (1,2) x2; counting without overlaps would tie them and pick (1,2).
        assertEquals(new Bpe.Pair(7, 7), impl.topPair(new int[] {7, 7, 7, 7, 1, 2, 1, 2}),
                "topPair([7,7,7,7,1,2,1,2])");
    }

    @Test
    @Order(4)
    @Hint("Fewer than two ids hold no pair: throw IllegalArgumentException.")
    void tooFewIdsIsAnError(TopPair impl) {
        assertThrows(IllegalArgumentException.class, () -> impl.topPair(new int[] {3}),
                "topPair([3]) should throw IllegalArgumentException");
    }

    @Test
    @Order(5)
    @Hint("Check the tie rule and the counting on longer inputs too.")
    void agreesWithTheLibraryOnRandomIds(TopPair impl) {
        Random random = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            int[] ids = random.ints(2 + random.nextInt(40), 0, 5).toArray();
            assertEquals(TopPair.REFERENCE.topPair(ids), impl.topPair(ids),
                    "topPair(" + java.util.Arrays.toString(ids) + ")");
        }
    }
}
