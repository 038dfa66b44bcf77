package dev.tinyreason.trm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tinyreason.cli.CliRun;
import dev.tinyreason.cli.EvalTrm;
import dev.tinyreason.cli.TrainTrm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The train-trm and eval-trm commands, end to end on 4×4 puzzles. */
class TrmCliTest {

    @Test
    void trainThenEvaluateOnTheTestSplitAndOnAFile(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("trm-sudoku4");
        CliRun.Result train = CliRun.capture(() -> TrainTrm.run(new String[] {"--preset", "sudoku4",
            "--out", ckpt.toString(), "--steps", "30", "--log-every", "10", "--threads", "1",
            "--eval-puzzles", "20"}));
        assertEquals(0, train.code(), train.err());
        assertTrue(Files.isRegularFile(ckpt.resolve("model.safetensors")));
        assertEquals(4, Files.readAllLines(ckpt.resolve("training_log.csv")).size());

        CliRun.Result split = CliRun.capture(() -> EvalTrm.run(new String[] {"--checkpoint",
            ckpt.toString(), "--split", "test", "--limit", "25"}));
        assertEquals(0, split.code(), split.err());
        JsonObject json = JsonParser.parseString(split.out()).getAsJsonObject();
        assertEquals(25, json.get("puzzles").getAsInt());
        double exact = json.get("exact_solve_rate").getAsDouble();
        assertTrue(exact >= 0 && exact <= 1);
        assertTrue(json.get("cell_accuracy").getAsDouble() > 0);
        assertEquals(TrmConfig.sudoku4().nSup(), json.getAsJsonArray("by_step").size());

        Path input = dir.resolve("puzzles.txt");
        Files.writeString(input, "....42...12....1\n0000420001200001\n");
        CliRun.Result file = CliRun.capture(() -> EvalTrm.run(new String[] {"--checkpoint",
            ckpt.toString(), "--input", input.toString()}));
        assertEquals(0, file.code(), file.err());
        JsonObject fj = JsonParser.parseString(file.out()).getAsJsonObject();
        assertEquals(2, fj.get("puzzles").getAsInt());
        assertEquals(2, fj.getAsJsonArray("answers").size());
    }

    @Test
    void badInputNamesTheLineAndTheFix(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("c");
        TrmCheckpoint.save(ckpt, TrmModel.init(TrmConfig.sudoku4(), 0), TrmTrainConfig.tiny(),
                SudokuDataset.Spec.sudoku4(), List.of(), Map.of());
        Path input = dir.resolve("bad.txt");
        Files.writeString(input, "....42...12....1\n....42..x12....1\n");
        CliRun.Result r = CliRun.capture(() -> EvalTrm.run(new String[] {"--checkpoint", ckpt.toString(),
            "--input", input.toString()}));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bad.txt line 2: character 9 is 'x'"), r.err());
        assertTrue(r.err().contains("use 1-4 for a given digit and 0 or . for a blank"), r.err());

        Files.writeString(input, "1..2............................5.\n");
        r = CliRun.capture(() -> EvalTrm.run(new String[] {"--checkpoint", ckpt.toString(),
            "--input", input.toString()}));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bad.txt line 1: expected 16, 36 or 81 characters"),
                r.err());

        r = CliRun.capture(() -> EvalTrm.run(new String[] {"--checkpoint", ckpt.toString()}));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Give exactly one of --split test and --input FILE."),
                r.err());
    }
}
