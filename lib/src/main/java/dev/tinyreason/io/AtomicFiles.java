package dev.tinyreason.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes that a crash cannot leave half done: a file or folder is written under a hidden
 * temporary name beside its target, flushed to the disk, then renamed onto the target in one
 * step. A reader sees the old version or the new one, never a mix; a training run killed while
 * saving leaves its last checkpoint intact. The one place the library does this.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    /** What fills a temporary file's channel. */
    @FunctionalInterface
    public interface Writer {
        void write(FileChannel channel) throws IOException;
    }

    /** Writes {@code file} through {@code writer}, then flushes and renames it into place. */
    public static void write(Path file, Writer writer) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writer.write(ch);
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        move(tmp, file);
    }

    /** Writes {@code text} as UTF-8 to {@code file}, atomically. */
    public static void writeString(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(file, ch -> writeFully(ch, java.nio.ByteBuffer.wrap(bytes)));
    }

    /** Writes all of {@code b} (a channel may take a buffer in several pieces). */
    public static void writeFully(FileChannel ch, java.nio.ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Renames {@code from} onto {@code to} in one step where the file system allows it. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Puts the finished folder {@code tmp} in the place of {@code target}: every file in it is
     * flushed to the disk, the old {@code target} (if any) is renamed aside, {@code tmp} renamed
     * onto {@code target}, and the old one deleted.
     */
    public static void replaceFolder(Path tmp, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(tmp)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
        }
        if (!Files.exists(target)) {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path old = Files.createTempDirectory(target.toAbsolutePath().getParent(),
                "." + target.getFileName() + ".old-");
        Files.delete(old);
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
    }

    /** Deletes {@code dir} and everything in it; nothing if it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
