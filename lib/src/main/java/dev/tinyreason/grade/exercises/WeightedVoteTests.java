package dev.tinyreason.grade.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tinyreason.grade.Hint;
import dev.tinyreason.grade.Submission;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests for {@link WeightedVote}; run by the grader against any implementation. */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class WeightedVoteTests {

    @Test
    @Order(1)
    @Hint("Sum the weights per answer; the largest sum wins.")
    void heavyVotesBeatMany(WeightedVote impl) {
        assertEquals("5", impl.vote(List.of("5", "7", "7"), new double[] {0.9, 0.3, 0.3}),
                "0.9 for 5 against 0.6 for 7");
        assertEquals("7", impl.vote(List.of("5", "7", "7"), new double[] {0.5, 0.3, 0.3}),
                "0.5 for 5 against 0.6 for 7");
    }

    @Test
    @Order(2)
    @Hint("Equal sums: the answer seen first wins.")
    void tiesGoToTheAnswerSeenFirst(WeightedVote impl) {
        assertEquals("7", impl.vote(List.of("7", "5", "5"), new double[] {0.5, 0.25, 0.25}),
                "0.5 each");
    }

    @Test
    @Order(3)
    @Hint("A sample without an answer doesn't vote, however heavy its weight; compare "
            + "answers stripped.")
    void missingAnswersDoNotVote(WeightedVote impl) {
        assertEquals("4", impl.vote(Arrays.asList(null, " 4", "3", "4 "),
                new double[] {9, 0.2, 0.3, 0.2}), "null carries weight 9 but no answer");
    }

    @Test
    @Order(4)
    @Hint("One weight per answer: throw IllegalArgumentException otherwise.")
    void rejectsMismatchedWeights(WeightedVote impl) {
        assertThrows(IllegalArgumentException.class,
                () -> impl.vote(List.of("1", "2"), new double[] {1}), "2 answers, 1 weight");
        assertEquals("2", impl.vote(List.of("1", "2"), new double[] {1, 2}), "matched lengths");
    }
}
