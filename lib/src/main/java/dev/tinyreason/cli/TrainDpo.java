package dev.tinyreason.cli;

import com.google.gson.JsonObject;
import dev.tinyreason.infer.Evaluation;
import dev.tinyreason.infer.SelfConsistency;
import dev.tinyreason.infer.StageReport;
import dev.tinyreason.model.Checkpoint;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.Task;
import dev.tinyreason.tasks.TaskData;
import dev.tinyreason.tokenizer.Tokenizer;
import dev.tinyreason.train.dpo.DpoLoss;
import dev.tinyreason.train.dpo.DpoTrainer;
import dev.tinyreason.train.dpo.PreferenceDataset;
import dev.tinyreason.train.dpo.PreferencePair;
import dev.tinyreason.train.sft.Corpus;
import dev.tinyreason.train.sft.StageRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./tinyreason train dpo [--from DIR] [--out DIR] [--problems N] [--samples K]
 * [--temperature T] [--steps N] [--minutes M] [--beta B] [--loss L] [--lr X] [--rpo-alpha A]
 * [--pairs both|length|correctness] [--length-ratio R] [--reuse-pairs] [--eval-limit N]}:
 * stage 3 of the pipeline. Samples K completions per training problem from {@code --from}
 * (default the shipped {@code sft-think}), builds preference pairs ({@link PreferenceDataset};
 * saved to {@code data/dpo/train.jsonl}, held-out pairs from the validation split to
 * {@code data/dpo/val.jsonl}), runs DPO, and saves the checkpoint with its training log and
 * {@code eval.json}. Prints one JSON line with the held-out reward accuracy before and after.
 */
public final class TrainDpo {

    static final String USAGE = "usage: train dpo [--from DIR] [--out DIR] [--problems N] "
            + "[--samples K] [--temperature T] [--steps N] [--minutes M] [--beta B] "
            + "[--loss sigmoid|ipo|hinge|apo_zero] [--lr X] [--rpo-alpha A] [--pairs both|length|correctness] "
            + "[--length-ratio R] [--reuse-pairs] [--eval-limit N]";

    /** Fresh training problems: past the ones pretraining and SFT drew. */
    static final int PROBLEM_OFFSET = 200_000;

    private TrainDpo() {}

    public static int run(String[] args) throws Exception {
        Path data = Eval.dataDir();
        Path from = data.resolve("checkpoints/sft-think");
        Path out = data.resolve("checkpoints/dpo");
        int problems = 300;
        int samples = 6;
        double temperature = 0.8;
        double minutes = 20;
        int evalLimit = 45;
        boolean reusePairs = false;
        PreferenceDataset.Mix mix = PreferenceDataset.Mix.DEFAULT;
        DpoTrainer.Config config = DpoTrainer.Config.recipe(60);
        try {
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                String v = i + 1 < args.length ? args[i + 1] : null;
                if (flag.equals("--reuse-pairs")) {
                    reusePairs = true;
                    continue;
                }
                switch (flag) {
                    case "--from" -> from = Path.of(Eval.value(flag, v));
                    case "--out" -> out = Path.of(Eval.value(flag, v));
                    case "--problems" -> problems = Eval.integer(flag, Eval.value(flag, v), 1);
                    case "--samples" -> samples = Eval.integer(flag, Eval.value(flag, v), 2);
                    case "--temperature" -> temperature = Eval.number(flag, Eval.value(flag, v));
                    case "--steps" -> config = config.withSteps(Eval.integer(flag,
                            Eval.value(flag, v), 1));
                    case "--minutes" -> minutes = Eval.minutes(flag, v);
                    case "--beta" -> config = config.withBeta(Eval.number(flag,
                            Eval.value(flag, v)));
                    case "--loss" -> config = config.withLoss(DpoLoss.named(
                            Eval.value(flag, v)));
                    case "--lr" -> config = config.withLearningRate(Eval.number(flag,
                            Eval.value(flag, v)));
                    case "--eval-limit" -> evalLimit = Eval.integer(flag, Eval.value(flag, v), 0);
                    case "--rpo-alpha" -> config = config.withRpoAlpha(Eval.number(flag, Eval.value(flag, v)));
                    case "--length-ratio" -> mix = mix.withLengthRatio(Eval.number(flag, Eval.value(flag, v)));
                    case "--pairs" -> mix = switch (Eval.value(flag, v)) {
                        case "both" -> new PreferenceDataset.Mix(mix.lengthRatio(), true, true);
                        case "length" -> mix.only(false);
                        case "correctness" -> mix.only(true);
                        default -> throw new IllegalArgumentException("--pairs must be both, length or "
                                + "correctness, got '" + v + "'.");
                    };
                    default -> throw new IllegalArgumentException("Unknown option '" + flag
                            + "'.");
                }
                i++;
            }
            if (!Files.exists(from.resolve("config.json"))) {
                throw new IllegalArgumentException("DPO starts from " + from + ", which has no "
                        + "checkpoint. Fix: ./tinyreason train sft-think first, or pass --from.");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
        Checkpoint start = Checkpoint.load(from);
        Tokenizer tok = start.tokenizer();
        List<Task> tasks = StageRun.trainingTasks();
        try (LlamaModel model = start.model()) {
            long t0 = System.nanoTime();
            List<PreferencePair> train;
            List<PreferencePair> val;
            if (reusePairs) {
                train = PreferenceDataset.load(data.resolve("dpo/train.jsonl"));
                val = PreferenceDataset.load(data.resolve("dpo/val.jsonl"));
            } else {
                SelfConsistency sampler = new SelfConsistency(model, tok);
                train = PreferenceDataset.pairs(sampler.sample(Corpus.examples(tasks, problems,
                        PROBLEM_OFFSET), samples, temperature, 1), mix);
                List<Example> valProblems = new ArrayList<>();
                for (Task t : tasks) {
                    valProblems.addAll(Evaluation.spread(TaskData.read(data.resolve(t.name())
                            .resolve("val.jsonl"), t), problems / 4));
                }
                val = PreferenceDataset.pairs(sampler.sample(valProblems, samples, temperature,
                        2), mix);
                PreferenceDataset.save(train, data.resolve("dpo/train.jsonl"));
                PreferenceDataset.save(val, data.resolve("dpo/val.jsonl"));
            }
            System.err.println(String.format(Locale.ROOT, "[dpo] %d training pairs, %d held-out"
                    + " pairs (%s), in %.0f s", train.size(), val.size(), reusePairs
                    ? "from data/dpo/" : samples + " samples per problem",
                    (System.nanoTime() - t0) / 1e9));

            DpoTrainer trainer = new DpoTrainer(model, tok, train, config);
            DpoLoss.Values before = trainer.evaluate(val, tok);
            long start0 = System.nanoTime();
            long last = start0;
            while (trainer.stepsDone() < config.steps()
                    && (System.nanoTime() - start0) / 1e9 < minutes * 60) {
                DpoTrainer.StepResult r = trainer.step();
                if ((System.nanoTime() - last) / 1e9 >= 10) {
                    last = System.nanoTime();
                    System.err.println("[dpo] step " + r.step() + " · " + r.summary());
                }
            }
            DpoLoss.Values after = trainer.evaluate(val, tok);
            Checkpoint.of(model, tok).withTrainingLog(trainer.log().toCsv()).save(out);
            if (evalLimit > 0) {
                StageReport.write(out, data, tasks, evalLimit);
            }
            JsonObject o = new JsonObject();
            o.addProperty("stage", "dpo");
            o.addProperty("checkpoint", out.toString());
            o.addProperty("steps", trainer.stepsDone());
            o.addProperty("train_pairs", train.size());
            o.addProperty("val_pairs", val.size());
            o.addProperty("val_reward_accuracy_before", before.accuracy());
            o.addProperty("val_reward_accuracy_after", after.accuracy());
            o.addProperty("val_margin_after", after.margin());
            o.addProperty("length_pairs", train.stream().filter(p -> p.reason() == PreferencePair.Reason.LONGER)
                    .count());
            o.addProperty("rpo_alpha", config.rpoAlpha());
            System.out.println(o);
        }
        return 0;
    }
}
