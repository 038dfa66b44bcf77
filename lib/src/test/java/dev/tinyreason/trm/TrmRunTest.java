package dev.tinyreason.trm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The train-trm run: periodic saves, the final scored checkpoint, the baselines section. */
class TrmRunTest {

    private static final SudokuDataset DATA = SudokuDataset.generate(SudokuDataset.Spec.sudoku4());

    private static TrmRun.Plan plan(Path out, int maxSteps, double saveEverySeconds) {
        return new TrmRun.Plan(TrmConfig.sudoku4(), TrmTrainConfig.tiny(), DATA, out, maxSteps,
                100, 10, saveEverySeconds);
    }

    /**
     * With a save interval shorter than one step, every chunk of training ends in a save: a
     * checkpoint read while a later step reports is an earlier one, marked unfinished and
     * without scores. The final one is marked finished and carries the held-out report.
     */
    @Test
    void savesAlongTheWayThenTheScoredModel(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("trm");
        List<JsonObject> seen = new ArrayList<>();
        TrmRun.Trained t = TrmRun.train(plan(out, 4, 1e-9), 60, p -> {
            if (p.step() >= 2 && seen.isEmpty()) {
                try {
                    JsonObject s = TrmCheckpoint.load(out).summary();
                    assertTrue(s.get("steps").getAsInt() < p.step(), s.toString());
                    seen.add(s);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        assertEquals(1, seen.size());
        assertFalse(seen.get(0).get("finished").getAsBoolean());
        assertFalse(seen.get(0).has("test"));

        JsonObject summary = TrmCheckpoint.load(out).summary();
        assertEquals(4, summary.get("steps").getAsInt());
        assertTrue(summary.get("finished").getAsBoolean());
        assertEquals(10, summary.getAsJsonObject("test").get("puzzles").getAsInt());
        assertEquals(10, t.test().atHalt().puzzles());
        assertEquals(List.of("steps", "train_seconds", "finished", "test"),
                List.copyOf(t.summary().keySet()));
    }

    @Test
    void baselinesAreSavedInsideAndSummarised(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("trm");
        TrmRun.Plan plan = plan(out, 2, TrmRun.SAVE_EVERY_SECONDS);
        TrmRun.Trained t = TrmRun.train(plan, 60, null);
        List<String> lines = new ArrayList<>();
        TrmRun.Trained withBaselines = TrmRun.withBaselines(plan, t, 60, null, lines::add);
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).startsWith("Baseline single-pass: "), lines.get(0));
        for (String name : TrmRun.BASELINES) {
            TrmCheckpoint.Loaded b = TrmCheckpoint.load(out.resolve("baselines").resolve(name));
            assertEquals(2, b.summary().get("steps").getAsInt());
            assertEquals(1, b.summary().getAsJsonObject("test").getAsJsonArray("by_step")
                    .size(), "a baseline is scored in one pass");
        }
        JsonObject summary = TrmCheckpoint.load(out).summary();
        assertTrue(summary.get("finished").getAsBoolean());
        assertEquals(2, summary.getAsJsonObject("baselines").getAsJsonObject("deep")
                .get("steps").getAsInt());
        assertTrue(withBaselines.summary().containsKey("baselines"));
        assertFalse(t.summary().containsKey("baselines"), "the run it extends is unchanged");
    }

    @Test
    void aPlanRefusesNonsense(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> plan(dir, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> plan(dir, 1, 0));
    }
}
