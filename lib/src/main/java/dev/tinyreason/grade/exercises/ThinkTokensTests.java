package dev.tinyreason.grade.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tinyreason.grade.Hint;
import dev.tinyreason.grade.Submission;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests for {@link ThinkTokens}; run by the grader against any implementation. */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class ThinkTokensTests {

    static final int THINK = 4;
    static final int END = 5;
    static final int STOP = 7;

    @Test
    @Order(1)
    @Hint("Skip a leading <think>, then count up to the first </think>.")
    void countsTheReasoning(ThinkTokens impl) {
        assertEquals(2, impl.count(new int[] {4, 10, 11, 5, 12, 7}, THINK, END, STOP));
    }

    @Test
    @Order(2)
    @Hint("The turn may start without <think> (the prompt supplied it): count from the start.")
    void worksWithoutTheOpeningTag(ThinkTokens impl) {
        assertEquals(3, impl.count(new int[] {10, 11, 12, 5, 13}, THINK, END, STOP));
    }

    @Test
    @Order(3)
    @Hint("Only the first </think> ends the reasoning; later tokens are the answer.")
    void stopsAtTheFirstClose(ThinkTokens impl) {
        assertEquals(1, impl.count(new int[] {4, 10, 5, 11, 5, 12}, THINK, END, STOP));
    }

    @Test
    @Order(4)
    @Hint("A stop token before any </think>: the model quit mid-thought; count up to the stop.")
    void anUnclosedTurnCountsToTheStop(ThinkTokens impl) {
        assertEquals(2, impl.count(new int[] {10, 11, 7, 5}, THINK, END, STOP));
        assertEquals(4, impl.count(new int[] {4, 10, 11, 12, 13}, THINK, END, STOP),
                "no close and no stop: all of it was thinking");
    }

    @Test
    @Order(5)
    @Hint("An empty think block costs 0 tokens.")
    void anEmptyBlockIsZero(ThinkTokens impl) {
        assertEquals(0, impl.count(new int[] {4, 5, 12}, THINK, END, STOP), "thinking off");
        assertEquals(1, impl.count(new int[] {4, 10, 5}, THINK, END, STOP), "one token");
    }
}
