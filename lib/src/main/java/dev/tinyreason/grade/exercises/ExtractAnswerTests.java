package dev.tinyreason.grade.exercises;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tinyreason.grade.Hint;
import dev.tinyreason.grade.Submission;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests for {@link ExtractAnswer}; run by the grader against any implementation. */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class ExtractAnswerTests {

    @Test
    @Order(1)
    @Hint("The answer is what follows </think>, stripped of whitespace.")
    void readsTheAnswerAfterTheThinkBlock(ExtractAnswer impl) {
        assertEquals("4", impl.extract("<think>\n2+2=4\n</think>\n\n4"), "a well-formed turn");
        assertEquals("114", impl.extract("7+7=14 c1 | 114\n</think>\n\n114"),
                "the prompt opened <think>, the model only closed it");
    }

    @Test
    @Order(2)
    @Hint("Cut at the first <|im_end|> or <|eos|>: the text after a stop token is not "
            + "the answer.")
    void stopsAtTheEndOfTheTurn(ExtractAnswer impl) {
        assertEquals("85", impl.extract("<think>x</think>85<|im_end|>\n<|im_start|>user"),
                "text after <|im_end|>");
        assertEquals("12", impl.extract("<think>y</think> 12 <|eos|>13"), "text after <|eos|>");
    }

    @Test
    @Order(3)
    @Hint("With several </think>, the answer follows the LAST one.")
    void usesTheLastCloseTag(ExtractAnswer impl) {
        assertEquals("9", impl.extract("<think>a</think>5</think>\n9"), "two close tags");
    }

    @Test
    @Order(4)
    @Hint("An open <think> that is never closed means the model never answered: null. "
            + "So does an empty answer.")
    void unfinishedReasoningHasNoAnswer(ExtractAnswer impl) {
        assertNull(impl.extract("<think>\n7+8=15 | 15"), "reasoning never closed");
        assertNull(impl.extract("<think>7+8=15</think>\n\n"), "nothing after </think>");
        assertEquals("15", impl.extract("15"), "no tags at all: a direct answer");
    }

    @Test
    @Order(5)
    @Hint("Never throw: null and odd strings give null or their stripped text.")
    void neverThrows(ExtractAnswer impl) {
        assertDoesNotThrow(() -> impl.extract(null), "null");
        assertNull(impl.extract(null), "null has no answer");
        assertNull(impl.extract("   "), "only whitespace");
        assertEquals("</thin", impl.extract(" </thin "), "not a tag");
    }
}
