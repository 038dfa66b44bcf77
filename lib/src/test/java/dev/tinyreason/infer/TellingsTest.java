package dev.tinyreason.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.Task;
import dev.tinyreason.tasks.Tasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TellingsTest {

    private final Task word = Tasks.named("word");

    /** Tellings of one problem whose answers are {@code answers}, in order. */
    private Samples told(Example e, String... answers) {
        List<String> turns = new ArrayList<>();
        for (String a : answers) {
            turns.add("<think>\nx\n</think>\n\n" + a);
        }
        return new Samples(e, turns, List.of(answers), new double[answers.length],
                new int[answers.length], 10);
    }

    @Test
    void theVoteAndItsPairedGainOverTellingZeroRoundTripThroughTheFile(@TempDir Path dir)
            throws Exception {
        Example a = word.example(0);
        Example b = word.example(1);
        String wrongA = a.answer() + "1";
        // a: telling 0 wrong, the next two right (the vote fixes it); b: right throughout
        List<Samples> told = List.of(told(a, wrongA, a.answer(), a.answer()),
                told(b, b.answer(), b.answer(), b.answer()));
        var json = Tellings.measure(word, told);
        assertEquals(List.of(1, 3), json.stream().map(o -> o.get("k").getAsInt()).toList());
        Path file = dir.resolve("t.jsonl");
        Files.write(file, json.stream().map(Object::toString).toList());
        List<Tellings.Row> rows = Tellings.read(file);
        assertEquals(0.5, rows.get(0).accuracy(), 1e-12);
        assertEquals(1.0, rows.get(1).accuracy(), 1e-12);
        assertEquals(0.5, rows.get(1).pairedGain(), 1e-12);
        assertEquals(1, rows.get(1).fixes());
        assertEquals(0, rows.get(1).breaks());
        assertEquals(0.5, rows.get(0).passAtK(), 1e-12);
        assertEquals(1.0, rows.get(1).passAtK(), 1e-12);
        assertEquals(List.of(1, 3, 5, 9, 17), Tellings.ks(20));
        Files.writeString(file, "{\"task\":\"word\"}\n");
        var e = assertThrows(IllegalArgumentException.class, () -> Tellings.read(file));
        assertTrue(e.getMessage().contains("--method tellings"), e.getMessage());
    }
}
