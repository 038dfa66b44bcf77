package dev.tinyreason.train.sft;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tinyreason.model.Checkpoint;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.ModelConfig;
import dev.tinyreason.tasks.Countdown;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.ProblemStream;
import dev.tinyreason.tasks.Split;
import dev.tinyreason.tasks.Task;
import dev.tinyreason.tasks.Tasks;
import dev.tinyreason.tokenizer.ChatTemplate;
import dev.tinyreason.tokenizer.Tokenizer;
import dev.tinyreason.train.MetricLog;
import dev.tinyreason.train.TokenWindows;
import dev.tinyreason.train.TrainConfig;
import dev.tinyreason.train.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs one {@link Stage} end to end: tokenizer, starting weights, data, a time- or step-bounded
 * training loop with periodic checkpoints, and resumption from the last checkpoint.
 *
 * <pre>{@code
 * StageRun.Result r = StageRun.run(Stage.SFT_THINK,
 *         StageOptions.defaults(Path.of("data")).withMinutes(3), bar::update);
 * }</pre>
 *
 * <p>A time budget is turned into a step count once, from the speed of a few calibration steps
 * on a throwaway copy of the model, so the cosine schedule ends when the time does. The count
 * is stored in {@code train_state.json} next to the checkpoint; {@code --resume} continues to
 * it with the same schedule.
 */
public final class StageRun {

    /** File in a checkpoint folder with what a resumed run needs beyond the weights. */
    public static final String STATE_FILE = "train_state.json";

    /** What a run did: where it saved, its steps, its log, its measured speed. */
    public record Result(Path checkpoint, int firstStep, int lastStep, int maxSteps,
            double minutes, double tokensPerSecond, MetricLog log) {}

    /** Longest SFT row: every conversation of the tasks fits. */
    static final int ROW_LENGTH = 384;
    /** Save a checkpoint at least this often, so a killed run loses little. */
    static final double SAVE_EVERY_SECONDS = 120;
    /** Re-fit the schedule to the measured speed this often (time-budgeted runs only). */
    static final double REPLAN_SECONDS = 30;

    private StageRun() {}

    /** The tasks trained on: all that have a training split (game24 is evaluation only). */
    public static List<Task> trainingTasks() {
        return Tasks.all().stream().filter(t -> t.splits().contains(
                dev.tinyreason.tasks.Split.TRAIN)).toList();
    }

    /** The course tokenizer at {@code options.tokenizerFile()}, trained there if missing. */
    public static Tokenizer tokenizer(StageOptions o) {
        Path file = o.tokenizerFile();
        if (Files.exists(file)) {
            return Tokenizer.load(file);
        }
        Tokenizer t = CourseTokenizer.train(o.dataDir(), CourseTokenizer.VOCAB_SIZE);
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + file.getParent(), e);
        }
        t.save(file);
        return t;
    }

    /** Runs {@code stage}; {@code onStep} (may be null) sees every step. */
    public static Result run(Stage stage, StageOptions o, Consumer<SftTrainer.StepResult> onStep) {
        Tokenizer tokenizer = tokenizer(o);
        Path out = o.outDir(stage);
        LlamaModel model;
        MetricLog log = new MetricLog();
        int maxSteps = o.steps();
        if (o.resume()) {
            if (!Files.exists(out.resolve("config.json"))) {
                throw new IllegalArgumentException("--resume found no checkpoint in " + out
                        + "; run the stage once without --resume first.");
            }
            Checkpoint c = Checkpoint.load(out);
            model = c.model();
            log = MetricLog.fromCsv(c.trainingLog());
            maxSteps = o.steps() > 0 ? o.steps() : readState(out);
        } else if (stage.isSft()) {
            Path parent = o.fromDir(stage);
            if (!Files.exists(parent.resolve("config.json"))) {
                throw new IllegalArgumentException(stage.id() + " starts from the "
                        + stage.parent().id() + " checkpoint, but " + parent + " has none. Fix: "
                        + "./tinyreason train " + stage.parent().id() + " first, or name a "
                        + "checkpoint folder with --from.");
            }
            model = Checkpoint.load(parent).model();
        } else {
            ModelConfig config = ModelConfig.preset(o.preset())
                    .withVocabSize(tokenizer.vocabSize()).withMaxPositions(512);
            model = LlamaModel.init(config, o.seed());
        }
        try (model) {
            Trainer.BatchSource data = data(stage, o, tokenizer);
            if (maxSteps == 0) {
                maxSteps = calibrate(stage, model, data, o);
            }
            TrainConfig config = trainConfig(stage, maxSteps, o);
            SftTrainer trainer = SftTrainer.resume(model, config, log, o.loss(),
                    stage.neftune());
            int first = trainer.stepsDone();
            HeldOutMonitor monitor = o.evalEvery() > 0 && stage.isSft() && stage != Stage.VALUE
                    ? HeldOutMonitor.of(o.dataDir(), trainingTasks(), tokenizer, MONITOR_PER_TASK,
                            stage.thinkingFraction() > 0)
                    : null;
            if (monitor != null && first == 0) {
                monitor(trainer, monitor, tokenizer, out, o);
            }
            long t0 = System.nanoTime();
            long lastSave = t0;
            double budget = o.steps() > 0 ? Double.POSITIVE_INFINITY : o.minutes() * 60;
            long tokens0 = Double.isNaN(log.last(MetricLog.NUM_TOKENS)) ? 0
                    : (long) log.last(MetricLog.NUM_TOKENS);
            long lastPlan = t0;
            while (trainer.stepsDone() < maxSteps && (System.nanoTime() - t0) / 1e9 < budget) {
                if (o.steps() == 0 && (System.nanoTime() - lastPlan) / 1e9 > REPLAN_SECONDS) {
                    // a shared machine changes speed: fit the cosine to the time that is left
                    double elapsed = (System.nanoTime() - t0) / 1e9;
                    double perStep = elapsed / (trainer.stepsDone() - first);
                    maxSteps = trainer.stepsDone() + (int) ((budget - elapsed) / perStep);
                    trainer.replan(maxSteps);
                    lastPlan = System.nanoTime();
                }
                SftTrainer.StepResult r = trainer.step(data);
                if (onStep != null) {
                    onStep.accept(r);
                }
                if (monitor != null && trainer.stepsDone() % o.evalEvery() == 0) {
                    monitor(trainer, monitor, tokenizer, out, o);
                }
                if ((System.nanoTime() - lastSave) / 1e9 > SAVE_EVERY_SECONDS) {
                    save(trainer, tokenizer, out, maxSteps, stage, o);
                    lastSave = System.nanoTime();
                }
            }
            save(trainer, tokenizer, out, maxSteps, stage, o);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long tokens = (long) trainer.log().last(MetricLog.NUM_TOKENS) - tokens0;
            return new Result(out, first, trainer.stepsDone(), maxSteps, seconds / 60,
                    tokens / Math.max(seconds, 1e-9), trainer.log());
        }
    }

    /** Validation problems per task that an SFT run with {@code evalEvery} measures itself on. */
    static final int MONITOR_PER_TASK = 64;

    /**
     * Where a run that saves to {@code out} keeps its snapshots: a sibling folder
     * {@code <out>-snapshots} (a checkpoint folder is replaced whole on every save).
     */
    public static Path snapshots(Path out) {
        Path abs = out.toAbsolutePath();
        return abs.resolveSibling(abs.getFileName() + "-snapshots");
    }

    /**
     * Held-out numbers into the run's log (at the current step) and a snapshot of the weights
     * in {@code <out>-snapshots/step-N}.
     */
    private static void monitor(SftTrainer trainer, HeldOutMonitor monitor, Tokenizer tokenizer, Path out,
            StageOptions o) {
        int step = trainer.stepsDone();
        java.util.Map<String, Double> m = monitor.measure(trainer.model(), tokenizer, o.seed() + step);
        trainer.log().log(step, m);
        trainer.saveCheckpoint(snapshots(out).resolve("step-" + step), tokenizer);
        System.err.println(String.format(java.util.Locale.ROOT,
                "[eval] step %d · eval_loss %.4f · eval_entropy %.4f · eval_sample_accuracy %.3f", step,
                m.get(HeldOutMonitor.EVAL_LOSS), m.get(HeldOutMonitor.EVAL_ENTROPY),
                m.get(HeldOutMonitor.EVAL_SAMPLE_ACCURACY)));
    }

    /** The training data of {@code stage}: token windows, or SFT conversations. */
    static Trainer.BatchSource data(Stage stage, StageOptions o, Tokenizer tokenizer) {
        List<Task> tasks = Tasks.training(o.traces() != null ? o.traces() : stage.traces());
        if (!stage.isSft()) {
            List<Example> examples = Corpus.examples(tasks, o.examplesPerTask(), 0);
            return new TokenWindows(Corpus.pretrainTokens(tokenizer, examples), 256);
        }
        if (stage == Stage.VALUE) {
            return valueData(stage, o, tokenizer);
        }
        // SFT draws the next examples of the stream: not the ones pretraining saw
        List<Example> examples = Corpus.examples(tasks, o.examplesPerTask(),
                o.examplesPerTask());
        List<Conversation> conversations = Corpus.conversations(new ChatTemplate(tokenizer),
                examples, stage.thinkingFraction(), o.seed());
        return o.packing() ? PackedBatches.of(conversations, ROW_LENGTH, o.seed())
                : new SftBatches(conversations, ROW_LENGTH);
    }

    /**
     * The value stage's data, three equal parts of {@code examplesPerTask} each: judged
     * Countdown states ({@link ValueData}), next steps that keep the target reachable
     * ({@link ProposeData}), and fresh Countdown traces with thinking on, so the model learns
     * to judge and to propose good steps and keeps its search traces.
     */
    static Trainer.BatchSource valueData(Stage stage, StageOptions o, Tokenizer tokenizer) {
        ChatTemplate chat = new ChatTemplate(tokenizer);
        List<Conversation> conversations = new ArrayList<>(ValueData.conversations(chat,
                ValueData.states(Split.TRAIN, o.examplesPerTask(), o.seed())));
        conversations.addAll(ProposeData.conversations(chat, tokenizer,
                ProposeData.examples(Split.TRAIN, o.examplesPerTask(), o.seed())));
        List<Example> traces = Corpus.examples(List.of(Tasks.named(Countdown.NAME)),
                o.examplesPerTask(), ProblemStream.VALUE_TRACES.first());
        conversations.addAll(Corpus.conversations(chat, traces, stage.thinkingFraction(),
                o.seed()));
        return o.packing() ? PackedBatches.of(conversations, ROW_LENGTH, o.seed())
                : new SftBatches(conversations, ROW_LENGTH);
    }

    private static TrainConfig trainConfig(Stage stage, int maxSteps, StageOptions o) {
        TrainConfig c = stage.trainConfig(maxSteps, o.seed()).withPrecision(o.precision());
        return Double.isNaN(o.learningRate()) ? c : c.withLearningRate(o.learningRate());
    }

    /** Steps that fit the time budget, measured on a throwaway copy of the model. */
    private static int calibrate(Stage stage, LlamaModel model, Trainer.BatchSource data,
            StageOptions o) {
        try (LlamaModel copy = new LlamaModel(model.config(), model.weights())) {
            SftTrainer probe = new SftTrainer(copy, trainConfig(stage, 1000, o), o.loss(),
                    stage.neftune());
            probe.step(data);  // warm-up: native code paths, allocator
            long t0 = System.nanoTime();
            int n = 4;
            for (int i = 0; i < n; i++) {
                probe.step(data);
            }
            double perStep = (System.nanoTime() - t0) / 1e9 / n;
            return Math.max(1, (int) (o.minutes() * 60 / perStep));
        }
    }

    private static void save(SftTrainer trainer, Tokenizer tokenizer, Path out, int maxSteps,
            Stage stage, StageOptions o) {
        trainer.saveCheckpoint(out, tokenizer);
        JsonObject s = new JsonObject();
        s.addProperty("stage", stage.id());
        s.addProperty("max_steps", maxSteps);
        s.addProperty("step", trainer.stepsDone());
        s.addProperty("seed", o.seed());
        s.addProperty("examples_per_task", o.examplesPerTask());
        s.addProperty("loss", o.loss().name().toLowerCase(java.util.Locale.ROOT));
        s.addProperty("neftune_noise_alpha", stage.neftune().alpha());
        s.addProperty("packing", o.packing());
        if (o.evalEvery() > 0) {
            s.addProperty("eval_every", o.evalEvery());
        }
        if (stage.isSft()) {
            s.addProperty("from", o.fromDir(stage).toString());
        }
        try {
            Files.writeString(out.resolve(STATE_FILE), s + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + out.resolve(STATE_FILE), e);
        }
    }

    private static int readState(Path out) {
        Path f = out.resolve(STATE_FILE);
        try {
            return JsonParser.parseString(Files.readString(f)).getAsJsonObject()
                    .get("max_steps").getAsInt();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("--resume needs " + f + " (written by every "
                    + "run); it is missing or unreadable: " + e.getMessage());
        }
    }
}
