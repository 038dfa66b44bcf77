package dev.tinyreason.tokenizer;

import java.util.Arrays;

/**
 * GPT-2's reversible map between the 256 byte values and 256 printable Unicode characters
 * ({@code bytes_to_unicode} in openai/gpt-2 {@code encoder.py}, Radford et al. 2019).
 *
 * <p>A byte-level BPE works on bytes, but a {@code tokenizer.json} stores tokens as JSON strings.
 * Raw bytes such as {@code 0x20} (space) or {@code 0x0A} (newline) would make those strings
 * unreadable, and a byte like {@code 0xE6} alone is not valid UTF-8 at all. So every byte gets a
 * visible stand-in: printable Latin-1 bytes stand for themselves, the other 68 are shifted to
 * U+0100..U+0143. That is why a space shows up as {@code Ġ} (U+0120) and a newline as {@code Ċ}
 * in every GPT-2-style vocabulary, including the ones Hugging Face {@code tokenizers} writes.
 */
public final class ByteLevel {

    /** The stand-in characters are U+0021..U+0143, so a table this long covers them all. */
    private static final int CHAR_LIMIT = 256 + 68;

    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[CHAR_LIMIT];

    static {
        int shifted = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE);
            BYTE_TO_CHAR[b] = (char) (printable ? b : shifted++);
        }
        Arrays.fill(CHAR_TO_BYTE, -1);
        for (int b = 0; b < 256; b++) {
            CHAR_TO_BYTE[BYTE_TO_CHAR[b]] = b;
        }
    }

    private ByteLevel() {}

    /** The stand-in character for one byte value (0..255). */
    public static char toChar(int b) {
        if (b < 0 || b > 255) {
            throw new IllegalArgumentException("a byte value must be in 0..255, got " + b);
        }
        return BYTE_TO_CHAR[b];
    }

    /** The byte value a stand-in character represents. */
    public static int toByte(char c) {
        int b = c < CHAR_LIMIT ? CHAR_TO_BYTE[c] : -1;
        if (b < 0) {
            throw new IllegalArgumentException(String.format(
                    "character U+%04X is not one of GPT-2's 256 byte stand-ins; "
                            + "was this string written by a byte-level tokenizer?", (int) c));
        }
        return b;
    }

    /** Bytes to their printable form, e.g. the UTF-8 of {@code " hi"} to {@code "Ġhi"}. */
    public static String encode(byte[] bytes) {
        char[] chars = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            chars[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        }
        return new String(chars);
    }

    /** The inverse of {@link #encode}: {@code "Ġhi"} back to the bytes of {@code " hi"}. */
    public static byte[] decode(String printable) {
        byte[] bytes = new byte[printable.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) toByte(printable.charAt(i));
        }
        return bytes;
    }
}
