package dev.tinyreason.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesTest {

    @TempDir
    Path dir;

    private List<Integer> read(String text) throws IOException {
        Path f = dir.resolve("f.jsonl");
        Files.writeString(f, text);
        return JsonLines.read(f, "make it", "write it again",
                (o, where) -> o.get("x").getAsInt());
    }

    private void assertError(String text, String... parts) {
        var e = assertThrows(IllegalArgumentException.class, () -> read(text));
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), e.getMessage());
        }
    }

    @Test
    void readsEveryObjectInOrderAndSkipsBlankLines() throws IOException {
        assertEquals(List.of(3, 1, 2), read("{\"x\":3}\n\n{\"x\":1}\n  \n{\"x\":2}"));
        assertEquals(List.of(), read(""));
    }

    @Test
    void aBadLineNamesTheFileItsNumberAndTheFix() {
        assertError("{\"x\":1}\n{\"x\":", "f.jsonl line 2", "is not valid JSON",
                "Fix: write it again.");
        assertError("[1,2]\n", "line 1", "is not a JSON object", "Fix: write it again.");
        // the parser's own mistake (a missing field) is named with the line too
        assertError("{\"x\":1}\n\n{\"y\":1}\n", "line 3", "Fix: write it again.");
    }

    @Test
    void theParsersOwnMessagePassesThrough() throws IOException {
        Path f = dir.resolve("g.jsonl");
        Files.writeString(f, "{}\n");
        var own = new IllegalArgumentException("g.jsonl line 1 has no x. Fix: add one.");
        var e = assertThrows(IllegalArgumentException.class, () -> JsonLines.read(f, "a", "b",
                (o, where) -> {
                    throw own;
                }));
        assertSame(own, e);
    }

    @Test
    void aMissingFileSaysHowToMakeIt() {
        var e = assertThrows(UncheckedIOException.class, () -> JsonLines.read(
                dir.resolve("nope.jsonl"), "make it", "b", (o, where) -> o));
        assertTrue(e.getMessage().contains("nope.jsonl") && e.getMessage().endsWith("Fix: make it."),
                e.getMessage());
    }
}
