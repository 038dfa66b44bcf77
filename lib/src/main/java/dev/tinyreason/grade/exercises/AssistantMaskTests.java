package dev.tinyreason.grade.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tinyreason.grade.Hint;
import dev.tinyreason.grade.Submission;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests for {@link AssistantMask}; run by the grader against any implementation. */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class AssistantMaskTests {

    static final int S = 6;   // <|im_start|>
    static final int E = 7;   // <|im_end|>
    static final int[] USER = {30, 9};
    static final int[] ASSISTANT = {31, 9};
    static final boolean T = true;
    static final boolean F = false;

    @Test
    @Order(1)
    @Hint("Train the assistant's content after its header, and its closing <|im_end|>; "
            + "nothing of the user turn.")
    void matchesTheWorkedExample(AssistantMask impl) {
        int[] ids = {S, 30, 9, 12, 13, E, 9, S, 31, 9, 20, 21, E, 9};
        boolean[] expected = {F, F, F, F, F, F, F, F, F, F, T, T, T, F};
        assertArrayEquals(expected, impl.mask(ids, S, E, ASSISTANT), "the worked example");
    }

    @Test
    @Order(2)
    @Hint("A conversation can have several assistant turns: mask each one, and keep the user "
            + "turn between them false.")
    void masksEveryAssistantTurn(AssistantMask impl) {
        int[] ids = {S, 30, 9, 12, E, 9, S, 31, 9, 20, E, 9, S, 30, 9, 13, E, 9, S, 31, 9, 21,
            22, E, 9};
        boolean[] expected = {F, F, F, F, F, F, F, F, F, T, T, F, F, F, F, F, F, F, F, F, F,
            T, T, T, F};
        assertArrayEquals(expected, impl.mask(ids, S, E, ASSISTANT), "two assistant turns");
    }

    @Test
    @Order(3)
    @Hint("Only <|im_start|> followed by the assistant header opens an assistant turn; the same "
            + "ids inside a user's message are just text.")
    void userTextThatLooksLikeAHeaderIsNotTrained(AssistantMask impl) {
        int[] ids = {S, 30, 9, 31, 9, 12, E, 9, S, 31, 9, 20, E, 9};
        boolean[] expected = {F, F, F, F, F, F, F, F, F, F, F, T, T, F};
        assertArrayEquals(expected, impl.mask(ids, S, E, ASSISTANT),
                "the user typed the assistant header's ids");
    }

    @Test
    @Order(4)
    @Hint("A turn cut off before its <|im_end|> (truncated to the maximum length) is trained "
            + "to the last token.")
    void aTruncatedTurnIsTrainedToTheEnd(AssistantMask impl) {
        int[] ids = {S, 30, 9, 12, E, 9, S, 31, 9, 20, 21};
        boolean[] expected = {F, F, F, F, F, F, F, F, F, T, T};
        assertArrayEquals(expected, impl.mask(ids, S, E, ASSISTANT), "truncated assistant turn");
    }

    @Test
    @Order(5)
    @Hint("The header can be any length; here it is three ids.")
    void worksForALongerHeader(AssistantMask impl) {
        int[] header = {31, 40, 9};
        int[] ids = {S, 30, 9, 12, E, 9, S, 31, 40, 9, 20, E, 9};
        boolean[] expected = {F, F, F, F, F, F, F, F, F, F, T, T, F};
        assertArrayEquals(expected, impl.mask(ids, S, E, header), "header [31, 40, 9]");
    }
}
