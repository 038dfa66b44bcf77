package dev.tinyreason.tokenizer;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes ids one at a time, as a sampler produces them, and returns only complete characters.
 *
 * <p>A byte-level token can end in the middle of a character: "é" is two bytes, an emoji four,
 * and each may be spread over several tokens. Decoding each token alone would print U+FFFD
 * garbage; this decoder holds the unfinished bytes back until the character is complete.
 * Bytes that can never become a character (e.g. a stray continuation byte) come out as U+FFFD
 * at once, so the text never stalls. Concatenating every {@link #feed} and the final
 * {@link #finish} gives exactly {@link Tokenizer#decode} of all the ids.
 *
 * <p>One decoder per generated sequence; not thread-safe.
 */
public final class StreamingDecoder {

    private final Tokenizer tokenizer;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(64); // in write mode between calls

    StreamingDecoder(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Adds one id; returns the characters it completes (often "", never a split character). */
    public String feed(int id) {
        tokenizer.checkId(id);
        byte[] bytes = tokenizer.vocab().bytesView(id);
        if (pending.remaining() < bytes.length) {
            int capacity = Math.max(pending.capacity() * 2, pending.position() + bytes.length);
            ByteBuffer bigger = ByteBuffer.allocate(capacity);
            pending.flip();
            bigger.put(pending);
            pending = bigger;
        }
        pending.put(bytes);
        return drain(false);
    }

    /** Ends the sequence: any incomplete character left becomes U+FFFD. Resets the decoder. */
    public String finish() {
        String rest = drain(true);
        utf8.reset();
        pending.clear();
        return rest;
    }

    private String drain(boolean endOfInput) {
        pending.flip();
        // Each byte yields at most one char (a 4-byte character yields two), so this always fits.
        CharBuffer out = CharBuffer.allocate(pending.remaining() + 1);
        utf8.decode(pending, out, endOfInput);
        if (endOfInput) {
            utf8.flush(out);
        }
        pending.compact(); // keeps the bytes of an unfinished character for the next call
        return out.flip().toString();
    }
}
