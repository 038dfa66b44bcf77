package dev.tinyreason.cli;

import com.google.gson.JsonObject;
import dev.tinyreason.infer.Evaluation;
import dev.tinyreason.infer.StageReport;
import dev.tinyreason.model.Checkpoint;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.ProblemStream;
import dev.tinyreason.tasks.Split;
import dev.tinyreason.tasks.Task;
import dev.tinyreason.tasks.TaskData;
import dev.tinyreason.tasks.Tasks;
import dev.tinyreason.train.grpo.GrpoLoss;
import dev.tinyreason.train.grpo.GrpoRun;
import dev.tinyreason.train.grpo.GrpoTrainer;
import dev.tinyreason.train.sft.StageRun;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./tinyreason train grpo [--from DIR] [--out DIR] [--task T] [--difficulty D|A-B]
 * [--steps N] [--minutes M] [--lr X] [--beta B] [--prompts P] [--iterations MU]
 * [--loss grpo|dapo|dr_grpo] [--epsilon-high E] [--eval-every N] [--val-limit N] [--eval-limit N]
 * [--first-problem N]}:
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
@Command(name = "grpo", description = "RL from the task's verifier with DAPO's recipe, "
        + "from sft-think.")
public final class TrainGrpo implements Callable<Integer> {

    /** RL may train longer than an SFT stage: two hours on two cores. */
    static final int MAX_MINUTES = 120;

    @Spec
    CommandSpec spec;

    private final Path data = Cli.dataDir();

    @Option(names = "--from", paramLabel = "DIR", description = "The checkpoint to start from "
            + "(default data/checkpoints/sft-think).")
    Path from = data.resolve("checkpoints/sft-think");

    @Option(names = "--out", paramLabel = "DIR", description = "The checkpoint folder (default "
            + "data/checkpoints/grpo).")
    Path out = data.resolve("checkpoints/grpo");

    @Option(names = "--task", paramLabel = "T", description = "A training task: arith, word or "
            + "countdown (default ${DEFAULT-VALUE}).")
    String taskName = "countdown";

    @Option(names = "--difficulty", paramLabel = "D|A-B", description = "Train on this level "
            + "or range of levels (default all).")
    String difficulty;

    @Option(names = "--eval-every", paramLabel = "N", converter = Cli.Positive.class,
            description = "Steps between validation checks (default ${DEFAULT-VALUE}).")
    int evalEvery = 20;

    @Option(names = "--val-limit", paramLabel = "N", converter = Cli.Positive.class,
            description = "Validation problems at most (default ${DEFAULT-VALUE}).")
    int valLimit = 300;

    @Option(names = "--eval-limit", paramLabel = "N", converter = Cli.NonNegative.class,
            description = "Test problems per task in eval.json (default ${DEFAULT-VALUE}; 0 "
                    + "skips it).")
    int evalLimit = 45;

    @Option(names = "--first-problem", paramLabel = "N", converter = Cli.NonNegative.class,
            description = "Index of the first training problem (default ${DEFAULT-VALUE}); a run "
                    + "that goes on from an earlier one passes the number of prompts that one "
                    + "drew, so it trains on problems it has not seen.")
    int firstProblem = 0;

    private double minutes = 20;
    private GrpoTrainer.Config config = GrpoTrainer.Config.dapo(150);

    /** {@code ./tinyreason train grpo ARGS}. */
    public static int run(String[] args) {
        return Main.run(List.of("train", "grpo"), args);
    }

    @Option(names = "--minutes", paramLabel = "M", description = "Time budget in (0, 120] "
            + "(default 20).")
    void minutes(double m) {
        minutes = Cli.minutes("--minutes", m, MAX_MINUTES);
    }

    @Option(names = "--steps", paramLabel = "N", converter = Cli.Positive.class,
            description = "Optimizer steps (default 150).")
    void steps(int n) {
        config = config.withSteps(n);
    }

    @Option(names = "--lr", paramLabel = "X", description = "Peak learning rate (default "
            + "1e-5).")
    void learningRate(double lr) {
        config = config.withLearningRate(lr);
    }

    @Option(names = "--beta", paramLabel = "B", description = "Weight of the KL term (default "
            + "0: none).")
    void beta(double b) {
        config = config.withLoss(config.loss().withBeta(b));
    }

    @Option(names = "--epsilon-high", paramLabel = "E", description = "The upper clip, DAPO's "
            + "clip-higher (default 0.28).")
    void epsilonHigh(double e) {
        config = config.withLoss(config.loss().withEpsilonHigh(e));
    }

    @Option(names = "--loss", paramLabel = "grpo|dapo|dr_grpo", description = "How token "
            + "losses are averaged (default dapo).")
    void loss(String name) {
        config = config.withLoss(config.loss().withAggregation(aggregation(name)));
    }

    @Option(names = "--prompts", paramLabel = "P", converter = Cli.Positive.class,
            description = "Prompts per step (default 4).")
    void prompts(int p) {
        config = config.withShape(config.numGenerations(), p, config.maxCompletionLength());
    }

    @Option(names = "--iterations", paramLabel = "MU", converter = Cli.Positive.class,
            description = "Optimizer passes over each batch of samples (default 1).")
    void iterations(int mu) {
        config = config.withIterations(mu);
    }

    private static GrpoLoss.Aggregation aggregation(String name) {
        for (GrpoLoss.Aggregation a : GrpoLoss.Aggregation.values()) {
            if (a.name().equalsIgnoreCase(name.replace('-', '_'))) {
                return a;
            }
        }
        throw new IllegalArgumentException("--loss must be grpo, dapo or dr_grpo, got '" + name
                + "'.");
    }

    /** The difficulty levels trained and validated on, {@code lo..hi} inclusive. */
    record Levels(int lo, int hi) {}

    /** Difficulty levels {@code D} or {@code A-B} (inclusive) within the task's range. */
    private Levels levels(Task task) {
        if (difficulty == null) {
            return new Levels(task.minDifficulty(), task.maxDifficulty());
        }
        String[] parts = difficulty.split("-", 2);
        try {
            int a = Integer.parseInt(parts[0]);
            int b = parts.length == 2 ? Integer.parseInt(parts[1]) : a;
            if (a <= b && a >= task.minDifficulty() && b <= task.maxDifficulty()) {
                return new Levels(a, b);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw Cli.mistake(spec, "--difficulty for " + task.name() + " must be a level or a "
                + "range A-B within " + task.minDifficulty() + ".." + task.maxDifficulty()
                + ", got '" + difficulty + "'.");
    }

    @Override
    public Integer call() throws Exception {
        if (!Tasks.exists(taskName) || Tasks.named(taskName).name().equals("game24")) {
            throw Cli.mistake(spec, "--task must be a training task: arith, word or countdown, "
                    + "got '" + taskName + "'.");
        }
        Levels range = levels(Tasks.named(taskName));
        Cli.requireCheckpoint(spec, "--from", from, "./tinyreason train sft-think first, or "
                + "pass --from.");
        Task task = Tasks.named(taskName);
        Checkpoint start = Checkpoint.load(from);
        int lo = range.lo();
        int hi = range.hi();
        List<Example> val = Evaluation.spread(TaskData.read(data.resolve(task.name())
                .resolve("val.jsonl"), task).stream()
                .filter(e -> e.difficulty() >= lo && e.difficulty() <= hi).toList(), valLimit);
        // the i-th prompt cycles through the levels, fresh problems of each
        IntFunction<Example> problems = i -> task.example(Split.TRAIN,
                lo + Math.floorMod(firstProblem + i, hi - lo + 1),
                ProblemStream.GRPO.first() + Math.floorDiv(firstProblem + i, hi - lo + 1));
        String levels = lo == task.minDifficulty() && hi == task.maxDifficulty() ? ""
                : lo == hi ? " level " + lo : " levels " + lo + "-" + hi;
        try (LlamaModel model = start.model();
                GrpoTrainer trainer = new GrpoTrainer(model, start.tokenizer(), problems,
                        task::reward, config)) {
            GrpoRun.Result r = GrpoRun.run(trainer, model, start.tokenizer(), task, val,
                    evalEvery, minutes, out, line -> System.err.println("[grpo] "
                            + (line.startsWith("step ") ? "" : task.name() + levels + ": ")
                            + line));
            if (evalLimit > 0) {
                StageReport.write(out, data, StageRun.trainingTasks(), evalLimit);
            }
            JsonObject o = new JsonObject();
            o.addProperty("stage", "grpo");
            o.addProperty("task", task.name());
            o.addProperty("difficulty", lo == hi ? Integer.toString(lo) : lo + "-" + hi);
            o.addProperty("val_problems", r.valProblems());
            o.addProperty("checkpoint", out.toString());
            o.addProperty("steps", r.steps());
            o.addProperty("first_problem", firstProblem);
            o.addProperty("problems_drawn", r.problemsDrawn());
            o.addProperty("best_step", r.bestStep());
            o.addProperty("val_accuracy_start", r.startAccuracy());
            o.addProperty("val_accuracy_best", r.bestAccuracy());
            o.addProperty("val_accuracy_last", r.lastAccuracy());
            System.out.println(o);
        }
        return 0;
    }
}
