package dev.tinyreason.cli;

import com.google.gson.JsonObject;
import dev.tinyreason.infer.ChainOfThought;
import dev.tinyreason.infer.Evaluation;
import dev.tinyreason.infer.Scoreboard;
import dev.tinyreason.infer.StageReport;
import dev.tinyreason.model.Checkpoint;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.Split;
import dev.tinyreason.tasks.Task;
import dev.tinyreason.tasks.TaskData;
import dev.tinyreason.tasks.Tasks;
import dev.tinyreason.train.grpo.GrpoLoss;
import dev.tinyreason.train.grpo.GrpoTrainer;
import dev.tinyreason.train.sft.StageRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * {@code ./tinyreason train grpo [--from DIR] [--out DIR] [--task T] [--difficulty D|A-B]
 * [--steps N] [--minutes M] [--lr X] [--beta B] [--prompts P] [--iterations MU]
 * [--loss grpo|dapo|dr_grpo] [--epsilon-high E] [--eval-every N] [--val-limit N] [--eval-limit N]}:
 * reinforcement learning from the task's verifier with DAPO's recipe
 * ({@link GrpoTrainer.Config#dapo}), from {@code --from} (default the shipped {@code sft-think})
 * on fresh training problems of one task (default {@code countdown}), all levels or the levels
 * {@code --difficulty} names (prompts cycle through them). Every {@code --eval-every} steps it
 * measures greedy accuracy on validation problems of the same task and levels (300 at most,
 * {@code --val-limit}), logged as {@code eval/accuracy} with its standard error printed next to
 * the training reward: the reward can rise while held-out accuracy does not. Dynamic sampling
 * keeps training on prompts at the edge of competence: a group whose samples are all right or
 * all wrong is dropped and replaced, so the prompts trained on are those the policy now solves
 * sometimes.
 *
 * <p>The checkpoint saved is the one with the best validation accuracy so far (early
 * stopping; the start counts, so a run that only hurts saves the start again), with the whole
 * run's log and {@code eval.json} on the test split. Test problems are never looked at during
 * training.
 */
public final class TrainGrpo {

    static final String USAGE = "usage: train grpo [--from DIR] [--out DIR] [--task T] "
            + "[--difficulty D|A-B] [--steps N] [--minutes M (<= 120)] [--lr X] [--beta B] [--prompts P] "
            + "[--iterations MU] [--loss grpo|dapo|dr_grpo] [--epsilon-high E] "
            + "[--eval-every N] [--val-limit N] [--eval-limit N]";

    /** Fresh training problems: past what pretraining, SFT and DPO drew. */
    static final int PROBLEM_OFFSET = 400_000;

    /** RL may train longer than an SFT stage: two hours on two cores. */
    static final double MAX_MINUTES = 120;

    private TrainGrpo() {}

    private static GrpoLoss.Aggregation aggregation(String name) {
        for (GrpoLoss.Aggregation a : GrpoLoss.Aggregation.values()) {
            if (a.name().equalsIgnoreCase(name.replace('-', '_'))) {
                return a;
            }
        }
        throw new IllegalArgumentException("--loss must be grpo, dapo or dr_grpo, got '" + name
                + "'.");
    }

    public static int run(String[] args) throws Exception {
        Path data = Eval.dataDir();
        Path from = data.resolve("checkpoints/sft-think");
        Path out = data.resolve("checkpoints/grpo");
        String taskName = "countdown";
        double minutes = 20;
        int evalEvery = 20;
        int evalLimit = 45;
        String difficulty = null;
        int valLimit = 300;
        GrpoTrainer.Config config = GrpoTrainer.Config.dapo(150);
        int[] range;
        try {
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                String v = i + 1 < args.length ? args[i + 1] : null;
                switch (flag) {
                    case "--from" -> from = Path.of(Eval.value(flag, v));
                    case "--out" -> out = Path.of(Eval.value(flag, v));
                    case "--task" -> taskName = Eval.value(flag, v);
                    case "--steps" -> config = config.withSteps(Eval.integer(flag,
                            Eval.value(flag, v), 1));
                    case "--minutes" -> minutes = Eval.minutes(flag, v, MAX_MINUTES);
                    case "--lr" -> config = config.withLearningRate(Eval.number(flag,
                            Eval.value(flag, v)));
                    case "--beta" -> config = config.withLoss(config.loss().withBeta(
                            Eval.number(flag, Eval.value(flag, v))));
                    case "--epsilon-high" -> config = config.withLoss(config.loss()
                            .withEpsilonHigh(Eval.number(flag, Eval.value(flag, v))));
                    case "--loss" -> config = config.withLoss(config.loss().withAggregation(
                            aggregation(Eval.value(flag, v))));
                    case "--difficulty" -> difficulty = Eval.value(flag, v);
                    case "--val-limit" -> valLimit = Eval.integer(flag, Eval.value(flag, v), 1);
                    case "--prompts" -> config = config.withShape(config.numGenerations(),
                            Eval.integer(flag, Eval.value(flag, v), 1),
                            config.maxCompletionLength());
                    case "--iterations" -> config = config.withIterations(Eval.integer(flag,
                            Eval.value(flag, v), 1));
                    case "--eval-every" -> evalEvery = Eval.integer(flag, Eval.value(flag, v),
                            1);
                    case "--eval-limit" -> evalLimit = Eval.integer(flag, Eval.value(flag, v), 0);
                    default -> throw new IllegalArgumentException("Unknown option '" + flag
                            + "'.");
                }
                i++;
            }
            if (!Tasks.exists(taskName) || Tasks.named(taskName).name().equals("game24")) {
                throw new IllegalArgumentException("--task must be a training task: arith, "
                        + "word or countdown, got '" + taskName + "'.");
            }
            Task t = Tasks.named(taskName);
            range = difficulty == null ? new int[] {t.minDifficulty(), t.maxDifficulty()}
                    : Eval.levels("--difficulty", difficulty, t);
            if (!Files.exists(from.resolve("config.json"))) {
                throw new IllegalArgumentException("GRPO starts from " + from + ", which has "
                        + "no checkpoint. Fix: ./tinyreason train sft-think first, or --from.");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
        Task task = Tasks.named(taskName);
        Checkpoint start = Checkpoint.load(from);
        int lo = range[0];
        int hi = range[1];
        List<Example> val = Evaluation.spread(TaskData.read(data.resolve(task.name())
                .resolve("val.jsonl"), task).stream()
                .filter(e -> e.difficulty() >= lo && e.difficulty() <= hi).toList(), valLimit);
        // the i-th prompt cycles through the levels, fresh problems of each
        IntFunction<Example> problems = i -> task.example(Split.TRAIN, lo + Math.floorMod(i, hi - lo + 1),
                PROBLEM_OFFSET + Math.floorDiv(i, hi - lo + 1));
        String levels = lo == task.minDifficulty() && hi == task.maxDifficulty() ? ""
                : lo == hi ? " level " + lo : " levels " + lo + "-" + hi;
        try (LlamaModel model = start.model();
                GrpoTrainer trainer = new GrpoTrainer(model, start.tokenizer(), problems,
                        task::reward, config)) {
            ChainOfThought cot = new ChainOfThought(model, start.tokenizer());
            double before = cot.evaluate(task, val, true).accuracy();
            int n = val.size();
            double last = before;
            double best = before;
            int bestStep = 0;
            trainer.log().log(0, Map.of("eval/accuracy", before));
            Checkpoint.of(model, start.tokenizer()).save(out);
            System.err.println(String.format(Locale.ROOT, "[grpo] %s%s: %d val problems, "
                    + "accuracy at start %.3f ± %.3f", task.name(), levels, n, before, Scoreboard.standardError(before, n)));
            long t0 = System.nanoTime();
            int steps = 0;
            while (steps < config.steps() && (System.nanoTime() - t0) / 1e9 < minutes * 60) {
                GrpoTrainer.StepResult r = trainer.step();
                steps++;
                boolean evalNow = steps % evalEvery == 0 || steps == config.steps();
                if (evalNow) {
                    last = cot.evaluate(task, val, true).accuracy();
                    trainer.log().log(steps, Map.of("eval/accuracy", last));
                    if (last > best) {
                        best = last;
                        bestStep = steps;
                        Checkpoint.of(model, start.tokenizer()).save(out);
                    }
                }
                System.err.println("[grpo] step " + r.step() + " · " + r.summary()
                        + (evalNow ? String.format(Locale.ROOT, " · val acc %.3f ± %.3f (best %.3f "
                        + "at step %d)", last, Scoreboard.standardError(last, n), best, bestStep) : ""));
            }
            trainer.log().writeCsv(out.resolve("training_log.csv"));
            if (evalLimit > 0) {
                StageReport.write(out, data, StageRun.trainingTasks(), evalLimit);
            }
            JsonObject o = new JsonObject();
            o.addProperty("stage", "grpo");
            o.addProperty("task", task.name());
            o.addProperty("difficulty", lo == hi ? Integer.toString(lo) : lo + "-" + hi);
            o.addProperty("val_problems", n);
            o.addProperty("checkpoint", out.toString());
            o.addProperty("steps", steps);
            o.addProperty("best_step", bestStep);
            o.addProperty("val_accuracy_start", before);
            o.addProperty("val_accuracy_best", best);
            o.addProperty("val_accuracy_last", last);
            System.out.println(o);
        }
        return 0;
    }
}
