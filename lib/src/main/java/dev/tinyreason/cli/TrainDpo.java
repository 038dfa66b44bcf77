package dev.tinyreason.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tinyreason.infer.StageReport;
import dev.tinyreason.model.Checkpoint;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.tasks.ProblemStream;
import dev.tinyreason.tasks.Task;
import dev.tinyreason.tokenizer.Tokenizer;
import dev.tinyreason.train.MetricLog;
import dev.tinyreason.train.dpo.DpoLoss;
import dev.tinyreason.train.dpo.DpoTrainer;
import dev.tinyreason.train.dpo.PreferenceDataset;
import dev.tinyreason.train.dpo.PreferencePair;
import dev.tinyreason.train.sft.StageRun;
import dev.tinyreason.viz.Progress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./tinyreason train dpo [--from DIR] [--out DIR] [--rounds R] [--problems N]
 * [--samples K] [--temperature T] [--steps N] [--minutes M] [--beta B] [--loss L] [--lr X]
 * [--rpo-alpha A] [--pairs both|length|correctness] [--length-ratio R] [--reuse-pairs]
 * [--eval-limit N]}: stage 3 of the pipeline, iterative DPO (Pang et al. 2024; Yuan et al.
 * 2024). Each round samples K completions per training problem from the current model
 * (round 1: {@code --from}, default the shipped {@code sft-verify}), builds preference pairs
 * ({@link PreferenceDataset}; round 1's saved to {@code data/dpo/train.jsonl}, its held-out
 * pairs from the validation split to {@code data/dpo/val.jsonl}, round r's under
 * {@code data/dpo/round-r/}), and runs DPO with that model as the reference. Saves the
 * checkpoint with its training log (a {@code round} column) and {@code eval.json}, and prints
 * one JSON line with each round's held-out reward accuracy.
 */
@Command(name = "dpo", description = "Stage 3: rounds of DPO on preference pairs the model "
        + "samples itself, from sft-verify.")
public final class TrainDpo implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final Path data = Cli.dataDir();

    @Option(names = "--from", paramLabel = "DIR", description = "The checkpoint to start from "
            + "(default data/checkpoints/sft-verify).")
    Path from = data.resolve("checkpoints/sft-verify");

    @Option(names = "--out", paramLabel = "DIR", description = "The checkpoint folder (default "
            + "data/checkpoints/dpo).")
    Path out = data.resolve("checkpoints/dpo");

    @Option(names = "--problems", paramLabel = "N", converter = Cli.Positive.class,
            description = "Training problems per task (default ${DEFAULT-VALUE}).")
    int problems = 300;

    @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature "
            + "(default ${DEFAULT-VALUE}).")
    double temperature = 0.8;

    @Option(names = "--eval-limit", paramLabel = "N", converter = Cli.NonNegative.class,
            description = "Test problems per task in eval.json (default ${DEFAULT-VALUE}; 0 "
                    + "skips it).")
    int evalLimit = 45;

    @Option(names = "--rounds", paramLabel = "R", converter = Cli.Positive.class,
            description = "Rounds of sampling and training; each round samples fresh pairs "
                    + "from the model the round before made and uses that model as its "
                    + "reference (iterative DPO; default ${DEFAULT-VALUE}).")
    int rounds = 4;

    @Option(names = "--reuse-pairs", description = "Train on data/dpo/*.jsonl instead of "
            + "sampling new pairs.")
    boolean reusePairs;

    private int samples = 6;
    private double minutes = 20;
    private PreferenceDataset.Mix mix = PreferenceDataset.Mix.DEFAULT;
    /** The shipped run's settings: the trlm recipe's, with the sigmoid loss and half its rate. */
    private DpoTrainer.Config config = DpoTrainer.Config.recipe(60).withLoss(DpoLoss.SIGMOID)
            .withLearningRate(1e-5);

    /** {@code ./tinyreason train dpo ARGS}. */
    public static int run(String[] args) {
        return Main.run(List.of("train", "dpo"), args);
    }

    @Option(names = "--samples", paramLabel = "K", description = "Completions sampled per "
            + "problem, at least 2 (default 6).")
    void samples(int k) {
        if (k < 2) {
            throw new IllegalArgumentException("--samples needs a whole number ≥ 2, got '" + k
                    + "'.");
        }
        samples = k;
    }

    @Option(names = "--minutes", paramLabel = "M", description = "Training time budget in "
            + "(0, 30], split evenly over the rounds (default 20).")
    void minutes(double m) {
        minutes = Cli.minutes("--minutes", m, 30);
    }

    @Option(names = "--steps", paramLabel = "N", converter = Cli.Positive.class,
            description = "Optimizer steps per round (default 60).")
    void steps(int n) {
        config = config.withSteps(n);
    }

    @Option(names = "--beta", paramLabel = "B", description = "DPO's beta (default 0.1).")
    void beta(double b) {
        config = config.withBeta(b);
    }

    @Option(names = "--loss", paramLabel = "sigmoid|ipo|hinge|apo_zero",
            description = "The preference loss, as TRL names it (default sigmoid).")
    void loss(String name) {
        config = config.withLoss(DpoLoss.named(name));
    }

    @Option(names = "--lr", paramLabel = "X", description = "Peak learning rate (default "
            + "1e-5).")
    void learningRate(double lr) {
        config = config.withLearningRate(lr);
    }

    @Option(names = "--rpo-alpha", paramLabel = "A", description = "Weight of the NLL term on "
            + "the chosen completion (RPO; default 0).")
    void rpoAlpha(double a) {
        config = config.withRpoAlpha(a);
    }

    @Option(names = "--length-ratio", paramLabel = "R", description = "A correct completion "
            + "this many times longer than another makes a length pair (default 1.3).")
    void lengthRatio(double r) {
        mix = mix.withLengthRatio(r);
    }

    @Option(names = "--pairs", paramLabel = "both|length|correctness",
            description = "Which preference pairs to build (default both).")
    void pairs(String v) {
        mix = switch (v) {
            case "both" -> new PreferenceDataset.Mix(mix.lengthRatio(), true, true);
            case "length" -> mix.only(false);
            case "correctness" -> mix.only(true);
            default -> throw new IllegalArgumentException("--pairs must be both, length or "
                    + "correctness, got '" + v + "'.");
        };
    }

    @Override
    public Integer call() throws Exception {
        if (reusePairs && rounds > 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--reuse-pairs "
                    + "trains on the pairs the start model gave; each later round samples its "
                    + "own from the model the round before made. Fix: drop --reuse-pairs, or "
                    + "pass --rounds 1.");
        }
        Cli.requireCheckpoint(spec, "--from", from, "./tinyreason train sft-verify first, or "
                + "pass --from.");
        Checkpoint start = Checkpoint.load(from);
        Tokenizer tok = start.tokenizer();
        List<Task> tasks = StageRun.trainingTasks();
        try (LlamaModel model = start.model()) {
            MetricLog log = new MetricLog();
            JsonObject o = new JsonObject();
            o.addProperty("stage", "dpo");
            o.addProperty("checkpoint", out.toString());
            JsonArray perRound = new JsonArray();
            int steps = 0;
            for (int round = 1; round <= rounds; round++) {
                long t0 = System.nanoTime();
                Path pairsDir = PreferenceDataset.Pairs.roundDir(data.resolve("dpo"), round);
                PreferenceDataset.Pairs pairs;
                if (reusePairs) {
                    pairs = PreferenceDataset.Pairs.load(pairsDir);
                } else {
                    pairs = PreferenceDataset.sample(model, tok, tasks, data, problems,
                            ProblemStream.DPO.first(), samples, temperature, mix);
                    pairs.save(pairsDir);
                }
                List<PreferencePair> train = pairs.train();
                List<PreferencePair> val = pairs.val();
                System.err.println(String.format(Locale.ROOT, "[dpo] round %d of %d: %d "
                        + "training pairs, %d held-out pairs (%s), in %.0f s", round, rounds,
                        train.size(), val.size(), reusePairs ? "from " + pairsDir
                        : samples + " samples per problem", (System.nanoTime() - t0) / 1e9));

                // The model as this round starts is its reference: each round prefers the
                // shortest correct of its own samples over the rest.
                DpoTrainer trainer = new DpoTrainer(model, tok, train, config);
                Progress progress = Progress.start("dpo round " + round, config.steps());
                trainer.trainFor(minutes / rounds, r -> progress.tick("step " + r.step() + " · "
                        + r.summary()));
                progress.done(trainer.stepsDone() + " steps");
                DpoLoss.Values after = trainer.evaluate(val, tok);
                for (MetricLog.Row row : trainer.log().rows()) {
                    Map<String, Double> values = new LinkedHashMap<>(row.values());
                    values.put("round", (double) round);
                    log.log(steps + row.step(), values);
                }
                steps += trainer.stepsDone();
                log.log(steps, Map.of("eval_rewards/accuracies", after.accuracy(),
                        "eval_rewards/margins", after.margin(), "eval_loss", after.loss(),
                        "round", (double) round));

                JsonObject r = new JsonObject();
                r.addProperty("round", round);
                r.addProperty("steps", trainer.stepsDone());
                r.addProperty("train_pairs", train.size());
                r.addProperty("val_pairs", val.size());
                r.addProperty("length_pairs", train.stream()
                        .filter(p -> p.reason() == PreferencePair.Reason.LONGER).count());
                r.addProperty("val_reward_accuracy", after.accuracy());
                r.addProperty("val_margin", after.margin());
                perRound.add(r);
            }
            Checkpoint.of(model, tok).withTrainingLog(log.toCsv()).save(out);
            if (evalLimit > 0) {
                StageReport.write(out, data, tasks, evalLimit);
            }
            o.addProperty("steps", steps);
            o.addProperty("rounds", rounds);
            o.addProperty("rpo_alpha", config.rpoAlpha());
            o.add("per_round", perRound);
            System.out.println(o);
        }
        return 0;
    }
}
