package dev.tinyreason.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskDataTest {

    @TempDir
    Path dir;

    @Test
    void lineFormatIsPinned() {
        Example e = new Example("What is 47 + 38?", "85", "7+8=15 c1 | 4+3+1=8 | 85",
                new Example.Meta("arith", 2, "1", 123456789));
        assertEquals("{\"prompt\":\"What is 47 + 38?\",\"answer\":\"85\",\"think\":\"7+8=15 c1 | 4+3+1=8 | 85\","
                + "\"difficulty\":2,\"_source_task\":\"arith\",\"_generator_version\":\"1\",\"_seed\":123456789}",
                TaskData.toJson(e));
        Example multiline = new Example("Use 4 8 15 23 to make 42.", "23+15+4", "a <b>\nc",
                new Example.Meta("countdown", 4, "1", 1));
        assertTrue(TaskData.toJson(multiline).contains("\"think\":\"a <b>\\nc\""), TaskData.toJson(multiline));
    }

    @Test
    void writeThenReadGivesTheSameExamples() {
        List<Example> all = new ArrayList<>();
        for (Task t : Tasks.all()) {
            for (int i = 0; i < 30; i++) {
                all.add(t.example(i));
            }
        }
        Path f = dir.resolve("mixed.jsonl");
        TaskData.write(f, all);
        assertEquals(all, TaskData.read(f));
    }

    @Test
    void taskFromTheFolderOrTheCaller() throws IOException {
        Path f = dir.resolve("arith").resolve("mine.jsonl");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "{\"prompt\":\"What is 2 + 3?\",\"answer\":\"5\"}\n\n");
        List<Example> read = TaskData.read(f);
        assertEquals(1, read.size());
        assertEquals(new Example("What is 2 + 3?", "5", "", new Example.Meta("arith", 0, "", 0)), read.get(0));
        Path g = dir.resolve("loose.jsonl");
        Files.writeString(g, "{\"prompt\":\"Use 1 4 7 8 to make 24.\",\"answer\":\"(8-4)*(7-1)\"}\n");
        assertEquals("game24", TaskData.read(g, Tasks.named("game24")).get(0).task());
    }

    @Test
    void badLinesNameFileLineAndFix() throws IOException {
        assertError("{\"prompt\":\"What is 2 + 3?\",\"answer\":\"5\",\"_source_task\":\"arith\"}\nnot json\n",
                "line 2", "is not valid JSON", "Fix:");
        assertError("[1,2]\n", "line 1", "is not a JSON object", "Fix:");
        assertError("{\"answer\":\"5\",\"_source_task\":\"arith\"}\n", "line 1", "has no \"prompt\"", "Fix: add");
        assertError("{\"prompt\":\"What is 2 + 3?\",\"answer\":5,\"_source_task\":\"arith\"}\n", "line 1",
                "not a string", "double quotes");
        assertError("{\"prompt\":\"What is 2 + 3?\",\"answer\":\"5\",\"difficulty\":\"two\","
                + "\"_source_task\":\"arith\"}\n",
                "line 1", "not a whole number", "without quotes");
        assertError("{\"prompt\":\"What is 2 + 3?\",\"answer\":\"6\",\"_source_task\":\"arith\"}\n", "line 1",
                "marks WRONG", "correct the answer");
        assertError("{\"prompt\":\"What is 2 + 3?\",\"answer\":\"five\",\"_source_task\":\"arith\"}\n", "line 1",
                "'five'", "plain integer");
        assertError("{\"prompt\":\"What is 2 + 3?\",\"answer\":\"5\",\"_source_task\":\"algebra\"}\n", "line 1",
                "not a task", "arith, word, countdown, game24");
        assertError("{\"prompt\":\"What is 2 + 3?\",\"answer\":\"5\"}\n", "line 1", "has no _source_task",
                "TaskData.read(path, Tasks.named");
        assertError("{\"prompt\":\"Make 24 from 1 4 7 8\",\"answer\":\"(8-4)*(7-1)\",\"_source_task\":\"game24\"}\n",
                "line 1", "does not fit task game24", "Use 3 5 7 9 to make 42.");
        assertError("{\"prompt\":\" \",\"answer\":\"5\",\"_source_task\":\"arith\"}\n", "line 1", "blank prompt",
                "Fix:");
    }

    @Test
    void missingFileSaysWhere() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> TaskData.read(dir.resolve("nope.jsonl")));
        assertTrue(e.getMessage().contains("nope.jsonl") && e.getMessage().contains("Fix:"), e.getMessage());
    }

    private void assertError(String content, String... parts) throws IOException {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, content);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TaskData.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
        }
    }
}
