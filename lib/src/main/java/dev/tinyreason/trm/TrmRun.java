package dev.tinyreason.trm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A TRM training run as {@code ./tinyreason train trm} does it, shared by the CLI and notebooks:
 * train for a time budget, saving the checkpoint every {@link Plan#saveEverySeconds()} of
 * training so that a crash or Ctrl-C loses at most that much; score the final (EMA) model on
 * the held-out puzzles and save it with its scores; then, if asked, train the single-pass and
 * matched-compute baselines of the same config ({@link TrmConfig#singlePassBaseline()},
 * {@link TrmConfig#deepBaseline()}) for a budget each, into {@code baselines/<name>/} inside
 * the checkpoint.
 *
 * <p>The summary saved in the checkpoint's {@code config.json} holds {@code steps},
 * {@code train_seconds}, {@code finished} (false in the periodic saves), {@code test} (the
 * held-out report, {@link TrmEvaluator.Report#toJson()}) and, once the baselines ran,
 * {@code baselines}.
 */
public final class TrmRun {

    /** The course's save interval: five minutes of training. */
    public static final double SAVE_EVERY_SECONDS = 300;

    /** The baselines {@link #withBaselines} trains, in order. */
    public static final List<String> BASELINES = List.of("single-pass", "deep");

    private TrmRun() {}

    /**
     * What to run.
     *
     * @param config           the model to train
     * @param train            the training recipe (its seed also seeds the baselines)
     * @param data             the puzzles; its spec is saved with every checkpoint
     * @param out              the checkpoint directory
     * @param maxSteps         stop a training run after this many steps even if time is left
     * @param logEvery         steps between progress reports
     * @param evalPuzzles      held-out puzzles to score (the first N of the test split)
     * @param saveEverySeconds training seconds between periodic saves
     */
    public record Plan(TrmConfig config, TrmTrainConfig train, SudokuDataset data, Path out,
            int maxSteps, int logEvery, int evalPuzzles, double saveEverySeconds) {

        public Plan {
            if (maxSteps < 1 || logEvery < 1 || evalPuzzles < 1) {
                throw new IllegalArgumentException("maxSteps, logEvery and evalPuzzles must be "
                        + "positive, got maxSteps=" + maxSteps + ", logEvery=" + logEvery
                        + ", evalPuzzles=" + evalPuzzles + ".");
            }
            if (!(saveEverySeconds > 0)) {
                throw new IllegalArgumentException("saveEverySeconds must be positive, got "
                        + saveEverySeconds + ".");
            }
        }

        /** The held-out puzzles scored: the first {@code evalPuzzles} of the test split. */
        public List<Sudoku> test() {
            return data.test().subList(0, Math.min(evalPuzzles, data.test().size()));
        }
    }

    /**
     * A trained model as saved: its progress log, its held-out report and the summary written
     * next to it.
     */
    public record Trained(TrmModel model, List<TrmTrainer.Progress> history,
            TrmEvaluator.Report test, Map<String, Object> summary) {

        public Trained {
            history = List.copyOf(history);
            summary = Collections.unmodifiableMap(new LinkedHashMap<>(summary));
        }
    }

    /**
     * Trains {@code plan.config()} for {@code seconds} (or {@code plan.maxSteps()}), saving
     * to {@code plan.out()} along the way as described above, then scores it on
     * {@link Plan#test()} and saves the final checkpoint. {@code onProgress} gets every report.
     */
    public static Trained train(Plan plan, double seconds,
            Consumer<TrmTrainer.Progress> onProgress) throws IOException {
        Map<String, Object> summary = new LinkedHashMap<>();
        TrmModel model;
        List<TrmTrainer.Progress> log;
        try (TrmTrainer trainer = new TrmTrainer(plan.config(), plan.train(), plan.data())) {
            double nextSave = plan.saveEverySeconds();
            while (trainer.stepsDone() < plan.maxSteps() && trainer.secondsSpent() < seconds) {
                double chunk = Math.min(seconds - trainer.secondsSpent(),
                        nextSave - trainer.secondsSpent());
                trainer.train(plan.maxSteps(), Math.max(chunk, 1e-3), plan.logEvery(),
                        onProgress);
                if (trainer.secondsSpent() >= nextSave) {
                    summary.put("steps", trainer.stepsDone());
                    summary.put("train_seconds", round(trainer.secondsSpent()));
                    summary.put("finished", false);
                    save(plan, plan.out(), trainer.model(), trainer.history(), summary);
                    nextSave += plan.saveEverySeconds();
                }
            }
            model = trainer.model();
            log = trainer.history();
            summary.put("steps", trainer.stepsDone());
            summary.put("train_seconds", round(trainer.secondsSpent()));
            summary.put("finished", true);
        }
        TrmEvaluator.Report report = TrmEvaluator.evaluate(model, plan.test(),
                plan.config().nSup());
        summary.put("test", report.toJson());
        save(plan, plan.out(), model, log, summary);
        return new Trained(model, log, report, summary);
    }

    /**
     * Trains each of {@link #BASELINES} for {@code seconds} (or {@code plan.maxSteps()}), scores
     * it on {@link Plan#test()} in one pass and saves it to {@code baselines/<name>/}; then
     * resaves {@code main} with a {@code baselines} section that compares them, and returns it.
     * {@code report} gets a line before and after each baseline.
     */
    public static Trained withBaselines(Plan plan, Trained main, double seconds,
            Consumer<TrmTrainer.Progress> onProgress, Consumer<String> report)
            throws IOException {
        Map<String, Object> baselines = new LinkedHashMap<>();
        for (String name : BASELINES) {
            TrmConfig bc = name.equals("deep") ? plan.config().deepBaseline()
                    : plan.config().singlePassBaseline();
            report.accept(String.format(Locale.ROOT, "Baseline %s: %d blocks, %,d parameters",
                    name, bc.numLayers(), TrmModel.init(bc, 0).parameterCount()));
            TrmTrainer.Result r = TrmTrainer.trainFor(bc, plan.train(), plan.data(), seconds,
                    plan.maxSteps(), plan.logEvery(), onProgress);
            TrmEvaluator.Report br = TrmEvaluator.evaluate(r.model(), plan.test(), 1);
            Map<String, Object> bs = new LinkedHashMap<>();
            bs.put("steps", r.steps());
            bs.put("train_seconds", round(r.seconds()));
            bs.put("test", br.toJson());
            save(plan, plan.out().resolve("baselines").resolve(name), r.model(), r.history(),
                    bs);
            baselines.put(name, Map.of("parameters", r.model().parameterCount(),
                    "blocks", bc.numLayers(), "exact", br.atHalt().exactAccuracy(),
                    "cell", br.atHalt().cellAccuracy(), "steps", r.steps()));
            report.accept(String.format(Locale.ROOT, "Baseline %s held-out: exact %.3f, "
                    + "cell %.3f", name, br.atHalt().exactAccuracy(),
                    br.atHalt().cellAccuracy()));
        }
        Map<String, Object> summary = new LinkedHashMap<>(main.summary());
        summary.put("baselines", baselines);
        save(plan, plan.out(), main.model(), main.history(), summary);
        return new Trained(main.model(), main.history(), main.test(), summary);
    }

    private static void save(Plan plan, Path dir, TrmModel model,
            List<TrmTrainer.Progress> log, Map<String, Object> summary) throws IOException {
        TrmCheckpoint.save(dir, model, plan.train(), plan.data().spec(), log, summary);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
