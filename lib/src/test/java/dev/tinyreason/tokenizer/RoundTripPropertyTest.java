package dev.tinyreason.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random strings: decode(encode(s)) is s, up to the documented lone-surrogate rule. */
class RoundTripPropertyTest {

    private static final int CASES = 3000;
    private final Tokenizer tokenizer = TestTexts.tokenizer();

    @Test
    void decodeInvertsEncode() {
        Random rng = new Random(20240601);
        for (int i = 0; i < CASES; i++) {
            String s = TestTexts.randomText(rng, false);
            assertEquals(s, tokenizer.decode(tokenizer.encode(s)), () -> "case " + TestTexts.escape(s));
            assertEquals(s, tokenizer.decode(tokenizer.encode(s, true)),
                    () -> "case with specials " + TestTexts.escape(s));
        }
    }

    @Test
    void loneSurrogatesFollowTheReplacementRule() {
        Random rng = new Random(7);
        for (int i = 0; i < CASES; i++) {
            String s = TestTexts.randomText(rng, true);
            assertEquals(PreTokenizer.wellFormed(s), tokenizer.decode(tokenizer.encode(s)),
                    () -> "case " + TestTexts.escape(s));
        }
    }

    @Test
    void streamingGivesTheSameTextAsDecode() {
        Random rng = new Random(99);
        for (int i = 0; i < CASES; i++) {
            int[] ids = i % 2 == 0
                    ? tokenizer.encode(TestTexts.randomText(rng, false), true)
                    : rng.ints(rng.nextInt(20), 0, tokenizer.vocabSize()).toArray(); // arbitrary ids, broken UTF-8
            StreamingDecoder stream = tokenizer.streamingDecoder();
            StringBuilder out = new StringBuilder();
            for (int id : ids) {
                String piece = stream.feed(id);
                if (!piece.isEmpty()) {
                    assertFalse(Character.isHighSurrogate(piece.charAt(piece.length() - 1)), "a character was split");
                }
                out.append(piece);
            }
            out.append(stream.finish());
            assertEquals(tokenizer.decode(ids), out.toString(), "ids " + Arrays.toString(ids));
        }
    }
}
