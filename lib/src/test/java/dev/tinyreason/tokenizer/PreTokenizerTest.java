package dev.tinyreason.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PreTokenizerTest {

    @Test
    void everyDigitIsItsOwnPiece() {
        assertEquals(List.of("1", "4", "2"), PreTokenizer.split("142"));
        assertEquals(List.of(" costs", " ", "1", "4", "2", ".", "5", "0", "$"), PreTokenizer.split(" costs 142.50$"));
        assertEquals(List.of("x", "2", "y"), PreTokenizer.split("x2y"));
    }

    @Test
    void splitsLikeGpt4() {
        assertEquals(List.of("Hello", ",", " world", "!"), PreTokenizer.split("Hello, world!"));
        assertEquals(List.of("I", "'m", " sure", " they", "'ll", " say", " WE", "'VE"),
                PreTokenizer.split("I'm sure they'll say WE'VE"));
        assertEquals(List.of("a", "  ", " b"), PreTokenizer.split("a   b"));   // last space joins the word
        assertEquals(List.of("x", ":\r\n", "  ", " y"), PreTokenizer.split("x:\r\n   y"));
        assertEquals(List.of("end", "\n\n"), PreTokenizer.split("end\n\n"));
        assertEquals(List.of(" <", "think", ">"), PreTokenizer.split(" <think>"));
    }

    @Test
    void piecesConcatenateToTheInput() {
        Random rng = new Random(1);
        for (int i = 0; i < 500; i++) {
            String s = TestTexts.randomText(rng, false);
            assertEquals(s, String.join("", PreTokenizer.split(s)));
        }
    }

    @Test
    void loneSurrogatesBecomeReplacementCharacters() {
        assertEquals("a\uFFFDb\uFFFD", PreTokenizer.wellFormed("a\uD800b\uDC00"));
        assertEquals("\uFFFD\uD83D\uDE42", PreTokenizer.wellFormed("\uD83D\uD83D\uDE42")); // high, then a pair
        String fine = "emoji 🙂 ok";
        assertSame(fine, PreTokenizer.wellFormed(fine));
    }
}
