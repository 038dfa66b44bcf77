package dev.tinyreason.grade.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tinyreason.grade.Hint;
import dev.tinyreason.grade.Submission;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests for {@link MajorityVote}; run by the grader against any implementation. */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class MajorityVoteTests {

    @Test
    @Order(1)
    @Hint("Count each answer's votes and return the most voted.")
    void theMostVotedAnswerWins(MajorityVote impl) {
        assertEquals("42", impl.vote(List.of("41", "42", "42", "7")));
    }

    @Test
    @Order(2)
    @Hint("On a tie, the answer whose first vote came earliest wins; keep first-seen order "
            + "(a LinkedHashMap does).")
    void tiesGoToTheAnswerSeenFirst(MajorityVote impl) {
        assertEquals("7", impl.vote(List.of("7", "5", "5", "7")), "[7, 5, 5, 7]");
        assertEquals("5", impl.vote(List.of("5", "7", "7", "5")), "[5, 7, 7, 5]");
        assertEquals("3", impl.vote(List.of("3", "1", "2")), "[3, 1, 2]");
    }

    @Test
    @Order(3)
    @Hint("Samples with no parsable answer (null or blank) don't vote.")
    void missingAnswersDoNotVote(MajorityVote impl) {
        assertEquals("9", impl.vote(Arrays.asList(null, "9", " ", null, "4")), "null and blank");
        assertNull(impl.vote(Arrays.asList(null, null)), "no votes at all");
    }

    @Test
    @Order(4)
    @Hint("Compare answers after strip(): \" 12\" and \"12 \" are the same vote.")
    void answersAreComparedStripped(MajorityVote impl) {
        assertEquals("12", impl.vote(List.of("13", " 12", "12 ")), "two votes for 12");
    }
}
