package dev.tinyreason.train.grpo;

import dev.tinyreason.infer.ChainOfThought;
import dev.tinyreason.infer.Scoreboard;
import dev.tinyreason.model.Checkpoint;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.Task;
import dev.tinyreason.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A GRPO run that keeps its best checkpoint on validation (early stopping by selection): it
 * measures greedy chain-of-thought accuracy on {@code val} before training and every
 * {@code evalEvery} steps, logs it as {@code eval/accuracy}, and saves the model to
 * {@code out} whenever that accuracy beats the best so far. The start counts, so a run that
 * only hurts leaves the start in {@code out}. Training stops after the trainer's configured
 * steps or {@code minutes}, whichever comes first; the whole run's log is then written next to
 * the checkpoint ({@code training_log.csv}). The training reward can rise while held-out
 * accuracy does not: that is why the checkpoint is chosen on validation, never on the reward.
 * Test problems are never looked at here.
 */
public final class GrpoRun {

    /**
     * What a run did.
     *
     * @param steps         optimizer steps taken
     * @param bestStep      the step whose model is in {@code out} (0: the start)
     * @param valProblems   validation problems behind each accuracy
     * @param startAccuracy validation accuracy before training
     * @param bestAccuracy  the best validation accuracy, that of the saved checkpoint
     * @param lastAccuracy  the last validation accuracy measured
     * @param problemsDrawn training problems drawn, dynamic sampling's extra draws included
     */
    public record Result(int steps, int bestStep, int valProblems, double startAccuracy,
            double bestAccuracy, double lastAccuracy, int problemsDrawn) {}

    private GrpoRun() {}

    /**
     * Trains {@code model} with {@code trainer} as described above; {@code report} receives the
     * start's accuracy, then one line per step beginning {@code "step "} (with the validation
     * accuracy and its standard error on eval steps).
     */
    public static Result run(GrpoTrainer trainer, LlamaModel model, Tokenizer tokenizer,
            Task task, List<Example> val, int evalEvery, double minutes, Path out,
            Consumer<String> report) {
        if (val.isEmpty()) {
            throw new IllegalArgumentException("A GRPO run needs validation problems to choose "
                    + "its checkpoint; got none. Check the task's val.jsonl and its levels.");
        }
        if (evalEvery < 1) {
            throw new IllegalArgumentException("evalEvery must be at least 1, got " + evalEvery
                    + ".");
        }
        ChainOfThought cot = new ChainOfThought(model, tokenizer);
        int n = val.size();
        int maxSteps = trainer.config().steps();
        double before = cot.evaluate(task, val, true).accuracy();
        double last = before;
        double best = before;
        int bestStep = 0;
        trainer.log().log(0, Map.of("eval/accuracy", before));
        Checkpoint.of(model, tokenizer).save(out);
        report.accept(String.format(Locale.ROOT, "%d val problems, accuracy at start %.3f ± %.3f",
                n, before, Scoreboard.standardError(before, n)));
        long t0 = System.nanoTime();
        int steps = 0;
        while (steps < maxSteps && (System.nanoTime() - t0) / 1e9 < minutes * 60) {
            GrpoTrainer.StepResult r = trainer.step();
            steps++;
            String line = "step " + r.step() + " · " + r.summary();
            if (steps % evalEvery == 0 || steps == maxSteps) {
                last = cot.evaluate(task, val, true).accuracy();
                trainer.log().log(steps, Map.of("eval/accuracy", last));
                if (last > best) {
                    best = last;
                    bestStep = steps;
                    Checkpoint.of(model, tokenizer).save(out);
                }
                line += String.format(Locale.ROOT, " · val acc %.3f ± %.3f (best %.3f at step "
                        + "%d)", last, Scoreboard.standardError(last, n), best, bestStep);
            }
            report.accept(line);
        }
        try {
            trainer.log().writeCsv(out.resolve("training_log.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the training log to " + out
                    + ": " + e.getMessage() + ". The checkpoint there is saved; check the "
                    + "folder's permissions and free space.", e);
        }
        return new Result(steps, bestStep, n, before, best, last, trainer.problemsDrawn());
    }
}
