package dev.tinyreason.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class VocabTest {

    private static final int A = Vocab.byteId('a');
    private static final int B = Vocab.byteId('b');
    private static final int C = Vocab.byteId('c');

    @Test
    void laysOutSpecialsThenBytesThenMerges() {
        Vocab vocab = new Vocab(List.of(new Vocab.Merge(A, B, 264)));
        assertEquals(265, vocab.size());
        assertArrayEquals("<think>".getBytes(StandardCharsets.UTF_8), vocab.bytes(SpecialTokens.THINK));
        assertArrayEquals(new byte[] {0}, vocab.bytes(8));
        assertArrayEquals(new byte[] {(byte) 0xFF}, vocab.bytes(263));
        assertArrayEquals("ab".getBytes(StandardCharsets.UTF_8), vocab.bytes(264));
    }

    /** "abc" built two ways: the second merge reuses the first one's id, as HF's trainer does. */
    @Test
    void aSecondRouteToTheSameBytesReusesTheId() {
        Vocab vocab = new Vocab(List.of(
                new Vocab.Merge(A, B, 264), new Vocab.Merge(264, C, 265),
                new Vocab.Merge(B, C, 266), new Vocab.Merge(A, 266, 265)));
        assertEquals(267, vocab.size());
        Tokenizer tokenizer = new Tokenizer(vocab);
        assertArrayEquals(new int[] {265}, tokenizer.encode("abc"));
        Tokenizer reloaded = TokenizerJson.fromJson(TokenizerJson.toJson(tokenizer));
        assertEquals(vocab.merges(), reloaded.vocab().merges());
    }

    @Test
    void rejectsMergesOutOfOrderOrUnknown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Vocab(List.of(new Vocab.Merge(A, B, 300))));
        assertTrue(e.getMessage().contains("must produce id 264"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Vocab(List.of(new Vocab.Merge(A, 264, 264))));
        assertTrue(e.getMessage().contains("right id 264"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Vocab(List.of(new Vocab.Merge(SpecialTokens.THINK, A, 264))));
        assertTrue(e.getMessage().contains("left id 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Vocab(List.of(new Vocab.Merge(A, B, 264), new Vocab.Merge(A, B, 265))));
        assertThrows(IllegalArgumentException.class, () -> new Vocab(null));
        assertThrows(IllegalArgumentException.class, () -> Vocab.bytesOnly().bytes(264));
    }
}
