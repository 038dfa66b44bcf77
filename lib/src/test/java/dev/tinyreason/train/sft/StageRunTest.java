package dev.tinyreason.train.sft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.cli.CliRun;
import dev.tinyreason.cli.Eval;
import dev.tinyreason.cli.Train;
import dev.tinyreason.tokenizer.BpeConfig;
import dev.tinyreason.tokenizer.Tokenizer;
import dev.tinyreason.train.MetricLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stage run on the nano model: metrics, checkpoint, and resumption. */
class StageRunTest {

    @TempDir
    Path dir;

    @Test
    void resumeContinuesTheStepCount() throws Exception {
        Path tok = dir.resolve("tokenizer").resolve("tokenizer.json");
        Files.createDirectories(tok.getParent());
        Tokenizer.train(CourseTokenizer.corpus(Corpus.examples(StageRun.trainingTasks(), 30, 0)),
                new BpeConfig(300, 2)).save(tok);
        StageOptions o = StageOptions.defaults(dir).withPreset("nano")
                .withExamplesPerTask(20);
        StageRun.Result first = StageRun.run(Stage.PRETRAIN, o.withSteps(2), null);
        assertEquals(0, first.firstStep());
        assertEquals(2, first.lastStep());
        Path ckpt = dir.resolve("checkpoints").resolve("pretrain");
        assertTrue(Files.exists(ckpt.resolve("training_log.csv")));
        assertTrue(Files.exists(ckpt.resolve(StageRun.STATE_FILE)));

        StageRun.Result second = StageRun.run(Stage.PRETRAIN, o.withSteps(4).withResume(true),
                null);
        assertEquals(2, second.firstStep());
        assertEquals(4, second.lastStep());
        MetricLog log = second.log();
        assertArrayEquals(new int[] {1, 2, 3, 4}, log.steps(MetricLog.LOSS));
        for (String key : List.of("loss", "mean_token_accuracy", "entropy", "num_tokens")) {
            assertEquals(4, log.series(key).length, key);
        }
        double[] tokens = log.series(MetricLog.NUM_TOKENS);
        assertTrue(tokens[3] > tokens[1], "num_tokens keeps counting after resume");
    }

    /**
     * With evalEvery, an SFT run measures itself on validation problems at the start and every
     * N steps (eval_loss, eval_entropy, ...) and keeps a snapshot each time.
     */
    @Test
    void sftMeasuresItselfOnHeldOutProblemsAndKeepsSnapshots() throws Exception {
        Path tok = dir.resolve("tokenizer").resolve("tokenizer.json");
        Files.createDirectories(tok.getParent());
        Tokenizer.train(CourseTokenizer.corpus(Corpus.examples(StageRun.trainingTasks(), 30, 0)),
                new BpeConfig(300, 2)).save(tok);
        for (dev.tinyreason.tasks.Task t : StageRun.trainingTasks()) {
            dev.tinyreason.tasks.TaskData.write(dir.resolve(t.name()).resolve("val.jsonl"),
                    dev.tinyreason.tasks.TaskData.generate(t, dev.tinyreason.tasks.Split.VAL, 1));
        }
        StageOptions o = StageOptions.defaults(dir).withPreset("nano").withExamplesPerTask(20);
        StageRun.run(Stage.PRETRAIN, o.withSteps(2), null);
        StageRun.Result r = StageRun.run(Stage.SFT_THINK, o.withSteps(4).withEvalEvery(2), null);
        MetricLog log = r.log();
        assertArrayEquals(new int[] {0, 2, 4}, log.steps(HeldOutMonitor.EVAL_ENTROPY));
        for (String key : List.of(HeldOutMonitor.EVAL_LOSS, HeldOutMonitor.EVAL_TOKEN_ACCURACY,
                HeldOutMonitor.EVAL_SAMPLE_ACCURACY)) {
            assertEquals(3, log.series(key).length, key);
        }
        for (double e : log.series(HeldOutMonitor.EVAL_ENTROPY)) {
            assertTrue(e > 0 && Double.isFinite(e), "sampled entropy " + e);
        }
        Path snapshots = dir.resolve("checkpoints").resolve("sft-think-snapshots");
        for (String step : List.of("step-0", "step-2", "step-4")) {
            assertTrue(Files.exists(snapshots.resolve(step).resolve("model.safetensors")), step);
        }
        assertTrue(Files.readString(dir.resolve("checkpoints").resolve("sft-think")
                .resolve(StageRun.STATE_FILE)).contains("\"eval_every\":2"));
    }

    @Test
    void everyStageTrainsOnCanonicalTracesUnlessTold() {
        // the checkpoint card's commands must rebuild the shipped models, which learned these
        for (Stage stage : Stage.values()) {
            assertEquals(stage == Stage.SFT_VERIFY ? new dev.tinyreason.tasks.TraceVariety(1, 0.7,
                    0) : dev.tinyreason.tasks.TraceVariety.NONE, stage.traces(), stage.id());
        }
        assertEquals(Stage.SFT_THINK, Stage.SFT_VERIFY.parent());
        assertEquals(3e-4, Stage.SFT_VERIFY.trainConfig(100, 42).learningRate(), 0);
    }

    @Test
    void trainCliRejectsBadInput() throws Exception {
        assertEquals(2, runCapturing(new String[] {}).code());
        CliRun.Result c = runCapturing(new String[] {"sft-thinking"});
        assertEquals(2, c.code());
        assertTrue(c.err().contains("pretrain, sft-nothink, sft-think"), c.err());
        c = runCapturing(new String[] {"pretrain", "--minutes", "90"});
        assertEquals(2, c.code());
        assertTrue(c.err().contains("(0, 30]"), c.err());
        c = runCapturing(new String[] {"pretrain", "--steps"});
        assertTrue(c.err().contains("Missing required parameter for option '--steps' (N)"),
                c.err());
        c = runCapturing(new String[] {"pretrain", "--preset", "huge"});
        assertTrue(c.err().contains("nano, tiny and small"), c.err());
        CliRun.Result report = CliRun.capture(() -> Eval.run(new String[] {"--report"}));
        assertEquals(2, report.code());
        assertTrue(report.err().contains("--report needs --checkpoint"), report.err());
        c = runCapturing(new String[] {"sft-think", "--loss", "mse"});
        assertEquals(2, c.code());
        assertTrue(c.err().contains("nll or dft"), c.err());
    }

    static CliRun.Result runCapturing(String[] args) throws Exception {
        return CliRun.capture(() -> Train.run(args));
    }
}
