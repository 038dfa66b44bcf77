package dev.tinyreason.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ByteLevelTest {

    @Test
    void mapsEveryByteToADistinctPrintableCharacter() {
        Set<Character> seen = new HashSet<>();
        for (int b = 0; b < 256; b++) {
            char c = ByteLevel.toChar(b);
            assertTrue(seen.add(c), "byte " + b + " shares its character");
            assertTrue(!Character.isWhitespace(c) && !Character.isISOControl(c), "byte " + b + " maps to " + (int) c);
            assertEquals(b, ByteLevel.toByte(c));
        }
    }

    @Test
    void matchesGpt2() {
        assertEquals('Ġ', ByteLevel.toChar(' '));   // U+0120, GPT-2's famous space
        assertEquals('Ċ', ByteLevel.toChar('\n'));  // U+010A
        assertEquals('Ā', ByteLevel.toChar(0));     // U+0100: the first shifted byte
        assertEquals('a', ByteLevel.toChar('a'));
        assertEquals('ÿ', ByteLevel.toChar(0xFF));
        assertEquals('Ń', ByteLevel.toChar(0xAD));  // U+0143: soft hyphen, the last shifted byte
    }

    @Test
    void encodesAndDecodesBytes() {
        byte[] utf8 = " héllo\n".getBytes(StandardCharsets.UTF_8);
        String printable = ByteLevel.encode(utf8);
        assertEquals("ĠhÃ©lloĊ", printable);
        assertArrayEquals(utf8, ByteLevel.decode(printable));
    }

    @Test
    void rejectsCharactersOutsideTheMap() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteLevel.decode("a b"));
        assertTrue(e.getMessage().contains("U+0020"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ByteLevel.toChar(256));
    }
}
