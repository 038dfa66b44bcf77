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

/** Tests for {@link RewardStats}; run by the grader against any implementation. */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class RewardStatsTests {

    @Test
    @Order(1)
    @Hint("reward = beta * (policy - reference), for each side of each pair; then the means.")
    void matchesTheWorkedExample(RewardStats impl) {
        RewardStats.Rewards r = impl.stats(new double[] {-10, -20}, new double[] {-12, -19},
                new double[] {-11, -20}, new double[] {-11, -20}, 0.1);
        assertEquals(0.05, r.chosen(), 1e-9, "rewards/chosen");
        assertEquals(0.0, r.rejected(), 1e-9, "rewards/rejected");
        assertEquals(0.05, r.margin(), 1e-9, "rewards/margins");
        assertEquals(0.5, r.accuracy(), 1e-9, "rewards/accuracies");
    }

    @Test
    @Order(2)
    @Hint("Both rewards can fall while the margin grows: that is normal in DPO.")
    void bothRewardsCanFallWhileTheMarginGrows(RewardStats impl) {
        RewardStats.Rewards r = impl.stats(new double[] {-12, -14}, new double[] {-20, -25},
                new double[] {-10, -10}, new double[] {-10, -10}, 0.5);
        assertEquals(-1.5, r.chosen(), 1e-9, "rewards/chosen");
        assertEquals(-6.25, r.rejected(), 1e-9, "rewards/rejected");
        assertEquals(4.75, r.margin(), 1e-9, "rewards/margins");
        assertEquals(1.0, r.accuracy(), 1e-9, "rewards/accuracies");
    }

    @Test
    @Order(3)
    @Hint("Accuracy counts chosen > rejected strictly: a tie is not a win.")
    void aTieIsNotAWin(RewardStats impl) {
        RewardStats.Rewards r = impl.stats(new double[] {-5, -5, -4}, new double[] {-5, -6, -5},
                new double[] {-5, -5, -5}, new double[] {-5, -5, -5}, 1.0);
        assertEquals(2.0 / 3, r.accuracy(), 1e-9, "one tie, two wins");
        assertEquals(2.0 / 3, r.margin(), 1e-9, "margins 0, 1, 1");
    }

    @Test
    @Order(4)
    @Hint("Four arrays of one length, at least one pair: else IllegalArgumentException.")
    void rejectsMismatchedArrays(RewardStats impl) {
        assertThrows(IllegalArgumentException.class, () -> impl.stats(new double[] {1, 2},
                new double[] {1}, new double[] {1}, new double[] {1}, 0.1), "lengths 2, 1, 1, 1");
        assertEquals(1.0, impl.stats(new double[] {0}, new double[] {-1}, new double[] {0},
                new double[] {0}, 1.0).accuracy(), 1e-9, "one pair, chosen ahead");
    }
}
