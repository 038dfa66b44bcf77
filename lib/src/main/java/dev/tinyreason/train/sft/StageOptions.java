package dev.tinyreason.train.sft;

import dev.tinyreason.tasks.TraceVariety;
import dev.tinyreason.tensor.Precision;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What one run of a pipeline stage ({@link StageRun}) does: where, how long, from what, with
 * which loss, data and learning rate. Immutable; each {@code withX} returns a changed copy.
 *
 * @param dataDir   the data folder: tasks, {@code tokenizer/}, {@code checkpoints/}
 * @param out       checkpoint folder of this run (null: {@code dataDir/checkpoints/<stage>})
 * @param minutes   time budget (used when {@code steps} is 0)
 * @param steps     optimizer steps (0: from the time budget)
 * @param resume    continue from the checkpoint in {@code out}
 * @param preset    model preset of a fresh pretraining run
 * @param seed      seeds weights, data and order
 * @param examplesPerTask training examples drawn per task
 * @param loss      the per-token loss: cross-entropy or DFT
 * @param packing   SFT rows pack several conversations ({@link PackedBatches}) instead of
 *                  one per row grouped by length ({@link SftBatches})
 * @param from      the checkpoint an SFT stage starts from (null: its parent stage's, in
 *                  {@code dataDir/checkpoints})
 * @param precision the matmuls' number format (bf16: mixed precision, float32 weights)
 * @param evalEvery an SFT stage measures itself on held-out problems every this many steps
 *                  ({@link HeldOutMonitor}) and keeps a snapshot of the weights then, in
 *                  {@code <out>-snapshots/step-N}, to stop early or average from (0: never)
 * @param learningRate peak learning rate (NaN: the stage's own, {@link Stage#trainConfig})
 * @param traces    which traces the training examples show (null: the stage's own,
 *                  {@link Stage#traces()})
 */
public record StageOptions(Path dataDir, Path out, double minutes, int steps, boolean resume,
        String preset, long seed, int examplesPerTask, SftLoss loss, boolean packing,
        Path from, Precision precision, int evalEvery, double learningRate,
        TraceVariety traces) {

    public StageOptions {
        if (evalEvery < 0) {
            throw new IllegalArgumentException("evalEvery must be 0 (no held-out checks) or a positive "
                    + "number of steps, got " + evalEvery + ".");
        }
        Objects.requireNonNull(precision, "precision");
        if (!Double.isNaN(learningRate) && !(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("The learning rate must be in (0, 1), got "
                    + learningRate + ".");
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be 0 (use minutes) or positive, "
                    + "got " + steps + ".");
        }
        Objects.requireNonNull(loss, "loss");
        if (steps == 0 && !(minutes > 0)) {
            throw new IllegalArgumentException("Give a positive time budget (--minutes) or "
                    + "a step count (--steps), got minutes=" + minutes + ".");
        }
    }

    /** 15 minutes of the {@code tiny} preset, seed 42. */
    public static StageOptions defaults(Path dataDir) {
        return new StageOptions(dataDir, null, 15, 0, false, "tiny", 42, 12_000, SftLoss.NLL,
                false, null, Precision.FP32, 0, Double.NaN, null);
    }

    public StageOptions withMinutes(double m) {
        return with(e -> {
            e.minutes = m;
            e.steps = 0;
        });
    }

    public StageOptions withSteps(int n) {
        return with(e -> e.steps = n);
    }

    public StageOptions withOut(Path dir) {
        return with(e -> e.out = dir);
    }

    public StageOptions withResume(boolean r) {
        return with(e -> e.resume = r);
    }

    public StageOptions withPreset(String p) {
        return with(e -> e.preset = p);
    }

    public StageOptions withExamplesPerTask(int n) {
        return with(e -> e.examplesPerTask = n);
    }

    public StageOptions withLoss(SftLoss l) {
        return with(e -> e.loss = l);
    }

    public StageOptions withPacking(boolean p) {
        return with(e -> e.packing = p);
    }

    public StageOptions withSeed(long s) {
        return with(e -> e.seed = s);
    }

    public StageOptions withFrom(Path checkpoint) {
        return with(e -> e.from = checkpoint);
    }

    public StageOptions withPrecision(Precision p) {
        return with(e -> e.precision = p);
    }

    public StageOptions withEvalEvery(int n) {
        return with(e -> e.evalEvery = n);
    }

    public StageOptions withLearningRate(double lr) {
        return with(e -> e.learningRate = lr);
    }

    public StageOptions withTraces(TraceVariety t) {
        return with(e -> e.traces = t);
    }

    public Path outDir(Stage stage) {
        return out != null ? out
                : dataDir.resolve("checkpoints").resolve(stage.checkpointName());
    }

    /** The checkpoint an SFT stage starts from. */
    public Path fromDir(Stage stage) {
        return from != null ? from
                : dataDir.resolve("checkpoints").resolve(stage.parent().checkpointName());
    }

    public Path tokenizerFile() {
        return dataDir.resolve("tokenizer").resolve("tokenizer.json");
    }

    /** These options with one change: {@code change} edits a mutable copy of the fields. */
    private StageOptions with(Consumer<Edit> change) {
        Edit e = new Edit(this);
        change.accept(e);
        return new StageOptions(e.dataDir, e.out, e.minutes, e.steps, e.resume, e.preset, e.seed,
                e.examplesPerTask, e.loss, e.packing, e.from, e.precision, e.evalEvery,
                e.learningRate, e.traces);
    }

    /** The fields as variables, so each {@code withX} names only the one it changes. */
    private static final class Edit {
        Path dataDir;
        Path out;
        double minutes;
        int steps;
        boolean resume;
        String preset;
        long seed;
        int examplesPerTask;
        SftLoss loss;
        boolean packing;
        Path from;
        Precision precision;
        int evalEvery;
        double learningRate;
        TraceVariety traces;

        Edit(StageOptions o) {
            dataDir = o.dataDir;
            out = o.out;
            minutes = o.minutes;
            steps = o.steps;
            resume = o.resume;
            preset = o.preset;
            seed = o.seed;
            examplesPerTask = o.examplesPerTask;
            loss = o.loss;
            packing = o.packing;
            from = o.from;
            precision = o.precision;
            evalEvery = o.evalEvery;
            learningRate = o.learningRate;
            traces = o.traces;
        }
    }
}
