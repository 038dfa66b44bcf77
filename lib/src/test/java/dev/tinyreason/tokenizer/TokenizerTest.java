package dev.tinyreason.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    private final Tokenizer tokenizer = TestTexts.tokenizer();

    @Test
    void roundTripsTheTrickyTexts() {
        for (String s : TestTexts.TRICKY) {
            assertEquals(s, tokenizer.decode(tokenizer.encode(s)), "text: " + s);
            assertEquals(s, tokenizer.decode(tokenizer.encode(s, true)), "text with specials: " + s);
        }
    }

    @Test
    void compressesTheTextItWasTrainedOn() {
        String text = TestTexts.corpus(40, 99);
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(tokenizer.encode(text).length < bytes * 0.6,
                "a trained vocabulary should shorten its own kind of text");
    }

    @Test
    void digitsStayOneTokenEach() {
        int[] ids = tokenizer.encode("142");
        assertArrayEquals(new int[] {Vocab.byteId('1'), Vocab.byteId('4'), Vocab.byteId('2')}, ids);
    }

    @Test
    void loneSurrogatesComeBackAsReplacementCharacters() {
        assertEquals("a\uFFFDb", tokenizer.decode(tokenizer.encode("a\uD800b")));
        assertEquals("\uFFFD🙂\uFFFD", tokenizer.decode(tokenizer.encode("\uDC00🙂\uD83D")));
    }

    @Test
    void decodingHalfACharacterDoesNotThrow() {
        int[] ids = tokenizer.encode("日");   // three UTF-8 bytes
        int[] firstByte = {Vocab.byteId(0xE6)};
        assertEquals("\uFFFD", tokenizer.decode(firstByte));
        assertEquals("日", tokenizer.decode(ids));
        int[] garbled = {Vocab.byteId(0xFF), Vocab.byteId('a'), Vocab.byteId(0x80)};
        assertEquals("\uFFFDa\uFFFD", tokenizer.decode(garbled));
    }

    @Test
    void specialTokensAreTextUnlessAllowed() {
        String text = "<think>2+2</think><|im_end|>";
        int[] plain = tokenizer.encode(text);
        assertTrue(Arrays.stream(plain).noneMatch(SpecialTokens::isSpecial), Arrays.toString(plain));
        int[] special = tokenizer.encode(text, true);
        assertEquals(SpecialTokens.THINK, special[0]);
        assertEquals(SpecialTokens.IM_END, special[special.length - 1]);
        assertEquals(SpecialTokens.END_THINK, special[special.length - 2]);
        assertEquals(text, tokenizer.decode(plain));
        assertEquals(text, tokenizer.decode(special));
    }

    @Test
    void specialTokensHaveFixedIds() {
        assertEquals(SpecialTokens.CONTENTS, List.of(
                "<|pad|>", "<|bos|>", "<|eos|>", "<|reserved|>", "<think>", "</think>", "<|im_start|>", "<|im_end|>"));
        for (int id = 0; id < SpecialTokens.COUNT; id++) {
            assertArrayEquals(new int[] {id}, tokenizer.encode(SpecialTokens.content(id), true));
        }
        assertEquals(4, SpecialTokens.THINK);
        assertEquals(5, SpecialTokens.END_THINK);
        assertEquals(Vocab.FIRST_BYTE_ID, SpecialTokens.COUNT);
    }

    @Test
    void badInputGivesClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tokenizer.encode(null));
        assertTrue(e.getMessage().contains("pass \"\""), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tokenizer.decode(new int[] {1, tokenizer.vocabSize()}));
        assertTrue(e.getMessage().contains("outside the vocabulary"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tokenizer.decode(new int[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> tokenizer.decode(null));
        assertThrows(IllegalArgumentException.class, () -> new Tokenizer(null));
    }

    @Test
    void hugeTextIsRefusedWithAFix() {
        String huge = "a".repeat(Tokenizer.MAX_TEXT_LENGTH + 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tokenizer.encode(huge));
        assertTrue(e.getMessage().contains("document by document"), e.getMessage());
    }

    @Test
    void longWordsEncodeAndRoundTrip() {
        String longWord = "ab".repeat(50_000) + " " + "\n".repeat(10_000) + "7".repeat(1000);
        assertEquals(longWord, tokenizer.decode(tokenizer.encode(longWord)));
    }
}
