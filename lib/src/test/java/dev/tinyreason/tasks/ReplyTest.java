package dev.tinyreason.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReplyTest {

    @Test
    void rawThinkingGenerationHasTraceAndAnswer() {
        // what a model writes after the template's "<think>\n"
        Reply c = Reply.parse("7+8=15 c1 | 4+3+1=8 | 85\n</think>\n\n85");
        assertEquals("7+8=15 c1 | 4+3+1=8 | 85", c.think());
        assertEquals("85", c.answer());
        assertTrue(c.wellFormed());
    }

    @Test
    void fullAssistantContentAndStopTokens() {
        Reply c = Reply.parse("<think>\nx\n</think>\n\n85<|im_end|>junk after the turn");
        assertEquals("x", c.think());
        assertEquals("85", c.answer());
        assertTrue(c.wellFormed());
        assertEquals("85", Reply.parse("<think>x</think>85<|eos|>").answer());
    }

    @Test
    void directAnswerIsTheWholeText() {
        Reply c = Reply.parse("  85\n");
        assertNull(c.think());
        assertEquals("85", c.answer());
        assertFalse(c.wellFormed());
    }

    @Test
    void emptyThinkBlockIsWellFormed() {
        // the chat template's thinking-off block
        Reply c = Reply.parse("<think>\n\n</think>\n\n85");
        assertEquals("", c.think());
        assertEquals("85", c.answer());
        assertTrue(c.wellFormed());
    }

    @Test
    void unclosedThinkingHasNoAnswer() {
        assertNull(Reply.parse("<think>7+8=15 c1 | 4+3+1=8 | 85").answer());
        assertFalse(Reply.parse("<think>7+8=15").hasAnswer());
    }

    @Test
    void answerFollowsTheLastCloseTagButTwoAreMalformed() {
        Reply c = Reply.parse("a</think>84</think>85");
        assertEquals("85", c.answer());
        assertFalse(c.wellFormed());
    }

    @Test
    void thinkOpenedInsideTheTraceIsMalformed() {
        assertFalse(Reply.parse("a<think>b</think>85").wellFormed());
        assertFalse(Reply.parse("<think><think>b</think>85").wellFormed());
    }

    @Test
    void nothingAfterCloseIsNoAnswer() {
        Reply c = Reply.parse("<think>x</think>  \n");
        assertNull(c.answer());
        assertFalse(c.wellFormed());
    }

    @Test
    void nullAndEmptyAreNoAnswer() {
        assertFalse(Reply.parse(null).hasAnswer());
        assertFalse(Reply.parse("").hasAnswer());
        assertFalse(Reply.parse("   ").hasAnswer());
    }
}
