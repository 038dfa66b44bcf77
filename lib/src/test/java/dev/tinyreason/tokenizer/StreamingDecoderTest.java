package dev.tinyreason.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamingDecoderTest {

    private final Tokenizer tokenizer = new Tokenizer(Vocab.bytesOnly()); // one token per byte

    @Test
    void holdsBackBytesUntilTheCharacterIsComplete() {
        byte[] emoji = "🙂".getBytes(StandardCharsets.UTF_8);  // F0 9F 99 82
        StreamingDecoder stream = tokenizer.streamingDecoder();
        assertEquals("", stream.feed(Vocab.byteId(emoji[0])));
        assertEquals("", stream.feed(Vocab.byteId(emoji[1])));
        assertEquals("", stream.feed(Vocab.byteId(emoji[2])));
        assertEquals("🙂", stream.feed(Vocab.byteId(emoji[3])));
        assertEquals("!", stream.feed(Vocab.byteId('!')));
        assertEquals("", stream.finish());
    }

    @Test
    void specialTokensComeOutWhole() {
        StreamingDecoder stream = tokenizer.streamingDecoder();
        assertEquals("<think>", stream.feed(SpecialTokens.THINK));
        assertEquals("x", stream.feed(Vocab.byteId('x')));
    }

    @Test
    void strayBytesBecomeReplacementCharactersWithoutStalling() {
        StreamingDecoder stream = tokenizer.streamingDecoder();
        assertEquals("\uFFFD", stream.feed(Vocab.byteId(0x80)));     // a continuation byte alone: hopeless at once
        assertEquals("", stream.feed(Vocab.byteId(0xE6)));           // could still start "日"
        assertEquals("\uFFFDa", stream.feed(Vocab.byteId('a')));     // it did not
        assertEquals("", stream.feed(Vocab.byteId(0xE6)));
        assertEquals("\uFFFD", stream.finish());                     // the sequence ended mid-character
        assertEquals("b", stream.feed(Vocab.byteId('b')));           // finish() reset the decoder
    }
}
