package dev.tinyreason.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.infer.Evaluation;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.TaskData;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link Notebook#problems}: a task's shipped split, spread over its levels. */
class NotebookProblemsTest {

    @Test
    void aLimitSpreadsTheShippedSplitOverEveryLevel() {
        List<Example> all = TaskData.read(Notebook.home().resolve("data/word/test.jsonl"));
        List<Example> some = Notebook.problems("word", "test", 40);
        assertEquals(Evaluation.spread(all, 40), some);
        Set<Integer> levels = all.stream().map(Example::difficulty).collect(Collectors.toSet());
        assertEquals(levels, some.stream().map(Example::difficulty).collect(Collectors.toSet()));
        assertEquals(all, Notebook.problems("word", "test", 0));
    }

    @Test
    void anUnknownSplitOrTaskSaysWhatIsAccepted() {
        var split = assertThrows(IllegalArgumentException.class,
                () -> Notebook.problems("word", "dev", 10));
        assertTrue(split.getMessage().contains("train, val or test"), split.getMessage());
        var task = assertThrows(IllegalArgumentException.class,
                () -> Notebook.problems("chess", "test", 10));
        assertTrue(task.getMessage().contains("chess"), task.getMessage());
    }
}
