package dev.tinyreason.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.cli.Data;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./tinyreason data}: deterministic, and the committed files are exactly what it writes. */
class DataCommandTest {

    @TempDir
    Path dir;

    private static final String[] SMALL = {"--train-size", "60", "--val-size", "5", "--test-size", "5"};

    @Test
    void twoRunsAreByteIdentical() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(0, Data.run(args(a, SMALL)));
        assertEquals(0, Data.run(args(b, SMALL)));
        List<Path> files = files(a);
        assertEquals(11, files.size(), files.toString()); // 3 + 3 + 3 + game24's test, and the card
        assertEquals(files.stream().map(a::relativize).toList(), files(b).stream().map(b::relativize).toList());
        for (Path f : files) {
            assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(b.resolve(a.relativize(f))), f.toString());
        }
        assertEquals(60, TaskData.read(a.resolve("word/train.jsonl")).size());
        assertEquals(8 * 5, TaskData.read(a.resolve("word/test.jsonl")).size());
    }

    @Test
    void validationAndTestDoNotDependOnTrainSize() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(0, Data.run(args(a, "--tasks", "arith,countdown", "--train-size", "10")));
        assertEquals(0, Data.run(args(b, "--tasks", "arith,countdown", "--train-size", "40")));
        for (String f : List.of("arith/val.jsonl", "arith/test.jsonl", "countdown/val.jsonl", "countdown/test.jsonl")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        assertEquals(10, TaskData.read(a.resolve("arith/train.jsonl")).size());
        assertEquals(40, TaskData.read(b.resolve("arith/train.jsonl")).size());
        assertTrue(Files.readString(a.resolve("README.md")).contains("`arith/train.jsonl` | 10 |"));
    }

    @Test
    void usageErrorsReturnTwo() throws Exception {
        assertEquals(2, Data.run(new String[] {"--train-size"}));
        assertEquals(2, Data.run(new String[] {"--train-size", "-1"}));
        assertEquals(2, Data.run(new String[] {"--frobnicate", "1"}));
        assertEquals(2, Data.run(new String[] {"--tasks", "algebra"}));
    }

    /**
     * The files in {@code data/} are what the generators make today: a generator changed without
     * rerunning {@code ./tinyreason data} (and bumping its version) fails here.
     */
    @Test
    void committedDataMatchesTheGenerators() throws Exception {
        Path committed = projectRoot().resolve("data");
        Path fresh = dir.resolve("fresh");
        assertEquals(0, Data.run(args(fresh)));
        for (Path f : files(fresh)) {
            Path mine = committed.resolve(fresh.relativize(f));
            assertTrue(Files.isRegularFile(mine), mine + " is missing. Fix: run ./tinyreason data");
            assertEquals(Files.readString(f), Files.readString(mine),
                    mine + " differs from what the generators make. Fix: run ./tinyreason data");
        }
    }

    private static String[] args(Path out, String... rest) {
        String[] a = new String[rest.length + 2];
        a[0] = "--out";
        a[1] = out.toString();
        System.arraycopy(rest, 0, a, 2, rest.length);
        return a;
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static Path projectRoot() {
        return dev.tinyreason.viz.Notebook.home();  // the library's own search
    }
}
