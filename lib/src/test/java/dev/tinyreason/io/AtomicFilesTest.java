package dev.tinyreason.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aWriteReplacesTheFileAndLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("log.csv");
        AtomicFiles.writeString(f, "old\n");
        AtomicFiles.writeString(f, "new\n");
        assertEquals("new\n", Files.readString(f));
        assertEquals(List.of("log.csv"), names());
    }

    @Test
    void aFailedWriteKeepsTheOldFile() throws IOException {
        Path f = dir.resolve("weights.bin");
        AtomicFiles.writeString(f, "good");
        assertThrows(IOException.class, () -> AtomicFiles.write(f, ch -> {
            throw new IOException("disk full");
        }));
        assertEquals("good", Files.readString(f));
        assertEquals(List.of("weights.bin"), names());
    }

    @Test
    void aFolderIsReplacedWholeAndTheOldOneDeleted() throws IOException {
        Path target = dir.resolve("ckpt");
        Files.createDirectories(target);
        Files.writeString(target.resolve("stale.txt"), "x");
        Path tmp = Files.createDirectories(dir.resolve(".ckpt.tmp"));
        Files.writeString(tmp.resolve("config.json"), "{}");
        AtomicFiles.replaceFolder(tmp, target);
        assertEquals(List.of("ckpt"), names());
        assertEquals("{}", Files.readString(target.resolve("config.json")));
        assertFalse(Files.exists(target.resolve("stale.txt")));
        AtomicFiles.deleteTree(target);
        assertEquals(List.of(), names());
        AtomicFiles.deleteTree(target);  // nothing there: nothing happens
    }
}
