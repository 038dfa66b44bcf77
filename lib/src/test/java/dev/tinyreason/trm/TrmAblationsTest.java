package dev.tinyreason.trm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ablation runner, end to end on 4×4 puzzles with about two seconds per variant. */
class TrmAblationsTest {

    private static final List<String> VARIANTS = List.of("default", "ema-off", "T1", "n1",
            "nsup2");

    @Test
    void everyVariantIsTrainedScoredAndWritten(@TempDir Path dir) throws Exception {
        List<TrmAblations.Row> rows = TrmAblations.run(TrmAblations.Options.sudoku4(dir, 2.0));
        assertEquals(VARIANTS, rows.stream().map(TrmAblations.Row::variant).toList());
        List<TrmAblations.Row> loaded = TrmAblations.load(dir.resolve("ablations.json"));
        assertEquals(VARIANTS, loaded.stream().map(TrmAblations.Row::variant).toList());
        assertEquals(rows.get(1).steps(), loaded.get(1).steps());
        assertEquals(rows.get(1).testExactAllSteps(), loaded.get(1).testExactAllSteps(), 1e-3);

        JsonObject summary = JsonParser.parseString(Files.readString(
                dir.resolve("ablations.json"), StandardCharsets.UTF_8)).getAsJsonObject();
        assertTrue(summary.get("complete").getAsBoolean());
        assertEquals(0, summary.getAsJsonArray("skipped").size());
        JsonArray variants = summary.getAsJsonArray("variants");
        List<String> names = new ArrayList<>();
        for (JsonElement e : variants) {
            JsonObject v = e.getAsJsonObject();
            String name = v.get("variant").getAsString();
            names.add(name);
            assertTrue(v.get("changed").getAsString().length() > 0, name);
            double minutes = v.get("minutes").getAsDouble();
            assertTrue(minutes > 0 && minutes < 0.2, name + " minutes " + minutes);
            assertTrue(v.get("steps").getAsInt() > 0, name);
            for (String field : List.of("test_exact_at_halt", "test_exact_all_steps",
                    "cell_accuracy", "cell_accuracy_all_steps")) {
                double x = v.get(field).getAsDouble();
                assertTrue(x >= 0 && x <= 1, name + " " + field + " = " + x);
            }
            // Train exact counts halted puzzles; on a loaded machine two seconds may be too few
            // steps for any puzzle to halt, and then it is NaN (undefined), never out of range.
            double trainExact = v.get("train_exact").getAsDouble();
            assertTrue(Double.isNaN(trainExact) || (trainExact >= 0 && trainExact <= 1),
                    name + " train_exact = " + trainExact);
            // Even a barely trained model gets a fair share of cells (chance is 1/4).
            assertTrue(v.get("cell_accuracy").getAsDouble() > 0.1, name);
            assertEquals(60, v.get("eval_puzzles").getAsInt(), name);
            double halt = v.get("mean_halt_step").getAsDouble();
            assertTrue(halt >= 1 && halt <= v.get("N_sup").getAsInt(), name);
            assertEquals(v.get("N_sup").getAsInt(), v.get("eval_steps").getAsInt(), name);

            Path variantDir = dir.resolve(name);
            List<String> log = Files.readAllLines(variantDir.resolve("training_log.csv"));
            assertEquals(TrmTrainer.Progress.csvHeader(), log.get(0));
            assertTrue(log.size() >= 2, name);
            JsonObject result = JsonParser.parseString(Files.readString(
                    variantDir.resolve("result.json"))).getAsJsonObject();
            assertEquals(v.get("N_sup").getAsInt(),
                    result.getAsJsonArray("test_by_step").size(), name);
            assertTrue(Files.notExists(variantDir.resolve(TrmCheckpoint.WEIGHTS)), name);
        }
        assertEquals(VARIANTS, names);

        // Each variant changes exactly the one setting it names.
        TrmConfig base = TrmConfig.sudoku4();
        JsonObject byName = new JsonObject();
        variants.forEach(e -> byName.add(e.getAsJsonObject().get("variant").getAsString(), e));
        assertEquals(0f, byName.getAsJsonObject("ema-off").get("ema_decay").getAsFloat());
        assertEquals(TrmTrainConfig.tiny().emaDecay(),
                byName.getAsJsonObject("default").get("ema_decay").getAsFloat());
        assertEquals(1, byName.getAsJsonObject("T1").get("T").getAsInt());
        assertEquals(base.n(), byName.getAsJsonObject("T1").get("n").getAsInt());
        assertEquals(1, byName.getAsJsonObject("n1").get("n").getAsInt());
        assertEquals(base.T(), byName.getAsJsonObject("n1").get("T").getAsInt());
        assertEquals(2, byName.getAsJsonObject("nsup2").get("N_sup").getAsInt());
        assertEquals(base.nSup(), byName.getAsJsonObject("default").get("N_sup").getAsInt());
    }

    @Test
    void aVariantEqualToTheBaseIsSkippedWithAReason() {
        TrmConfig base = TrmConfig.sudoku4().withRecursion(1, 2, 2);
        List<Object> all = TrmAblations.variants(base, TrmTrainConfig.tiny().withEmaDecay(0f));
        List<String> run = all.stream().filter(TrmAblations.Variant.class::isInstance)
                .map(v -> ((TrmAblations.Variant) v).name()).toList();
        List<String> skipped = all.stream().filter(TrmAblations.Skipped.class::isInstance)
                .map(v -> ((TrmAblations.Skipped) v).name()).toList();
        assertEquals(List.of("default", "n1"), run);
        assertEquals(List.of("ema-off", "T1", "nsup2"), skipped);
    }
}
