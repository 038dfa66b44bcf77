package dev.tinyreason.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tinyreason.infer.StageReport;
import dev.tinyreason.model.Checkpoint;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.tasks.Split;
import dev.tinyreason.tensor.Precision;
import dev.tinyreason.train.sft.SftLoss;
import dev.tinyreason.train.sft.SftTrainer;
import dev.tinyreason.train.sft.Stage;
import dev.tinyreason.train.sft.StageOptions;
import dev.tinyreason.train.sft.StageRun;
import dev.tinyreason.train.sft.ValueData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code ./tinyreason train pretrain|sft-nothink|sft-think|value [--minutes M] [--steps N]
 * [--from DIR] [--out DIR] [--resume] [--preset nano|tiny|small] [--seed S] [--loss nll|dft]
 * [--packing] [--precision fp32|bf16] [--eval-limit N] [--eval-every N] [--lr X]
 * [--traces canonical|varied|C,K,R]}: trains one stage of the pipeline
 * (see {@link Stage}), saves its checkpoint with {@code training_log.csv}, then writes
 * {@code eval.json} (direct and cot on each task's held-out test split, {@code --eval-limit}
 * problems per task; 0 skips it). The value stage
 * ({@code checkpoints/tot}) also scores its judge on {@value #VALUE_EVAL_STATES} held-out
 * Countdown states (validation split) and adds that to {@code eval.json} and the output line.
 */
public final class Train {

    static final String USAGE = "usage: train pretrain|sft-nothink|sft-think|value "
            + "[--minutes M] [--steps N] [--from DIR] [--out DIR] [--resume] "
            + "[--preset nano|tiny|small] [--seed S] [--examples-per-task N] [--loss nll|dft] "
            + "[--packing] [--precision fp32|bf16] [--eval-limit N] [--eval-every N] [--lr X] "
            + "[--traces canonical|varied|C,K,R]";

    /** Held-out states the value stage's judge is scored on. */
    static final int VALUE_EVAL_STATES = 400;

    private Train() {}

    public static int run(String[] args) throws Exception {
        Stage stage;
        StageOptions o;
        int evalLimit = 60;
        try {
            if (args.length == 0 || args[0].startsWith("--")) {
                throw new IllegalArgumentException("Name a stage first: pretrain, sft-nothink, "
                        + "sft-think or value.");
            }
            stage = Stage.named(args[0]);
            o = StageOptions.defaults(Eval.dataDir());
            for (int i = 1; i < args.length; i++) {
                String flag = args[i];
                String v = i + 1 < args.length ? args[i + 1] : null;
                switch (flag) {
                    case "--resume" -> {
                        o = o.withResume(true);
                        continue;
                    }
                    case "--packing" -> {
                        o = o.withPacking(true);
                        continue;
                    }
                    case "--minutes" -> o = o.withMinutes(Eval.minutes(flag, v));
                    case "--steps" -> o = o.withSteps(Eval.integer(flag, Eval.value(flag, v), 1));
                    case "--out" -> o = o.withOut(Path.of(Eval.value(flag, v)));
                    case "--from" -> o = o.withFrom(Path.of(Eval.value(flag, v)));
                    case "--preset" -> o = o.withPreset(Eval.value(flag, v));
                    case "--seed" -> o = o.withSeed(Eval.integer(flag, Eval.value(flag, v), 0));
                    case "--loss" -> o = o.withLoss(SftLoss.named(Eval.value(flag, v)));
                    case "--precision" -> o = o.withPrecision(Precision.parse(
                            Eval.value(flag, v)));
                    case "--examples-per-task" -> o = o.withExamplesPerTask(
                            Eval.integer(flag, Eval.value(flag, v), 1));
                    case "--eval-limit" -> evalLimit = Eval.integer(flag, Eval.value(flag, v), 0);
                    case "--eval-every" -> o = o.withEvalEvery(Eval.integer(flag, Eval.value(flag, v), 1));
                    case "--lr" -> o = o.withLearningRate(Eval.number(flag, Eval.value(flag, v)));
                    case "--traces" -> o = o.withTraces(traces(Eval.value(flag, v)));
                    default -> throw new IllegalArgumentException("Unknown option '" + flag
                            + "'.");
                }
                i++;
            }
            dev.tinyreason.model.ModelConfig.preset(o.preset());
            if (o.from() != null && !stage.isSft()) {
                throw new IllegalArgumentException("--from names the checkpoint an SFT stage "
                        + "starts from; " + stage.id() + " starts from scratch.");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
        StageRun.Result r;
        try {
            long[] last = {System.nanoTime()};
            r = StageRun.run(stage, o, s -> progress(s, last));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        if (evalLimit > 0) {
            StageReport.write(r.checkpoint(), o.dataDir(), StageRun.trainingTasks(),
                    evalLimit);
        }
        JsonObject value = stage == Stage.VALUE ? valueReport(r.checkpoint(), evalLimit > 0)
                : null;
        JsonObject out = new JsonObject();
        out.addProperty("stage", stage.id());
        out.addProperty("checkpoint", r.checkpoint().toString());
        out.addProperty("first_step", r.firstStep());
        out.addProperty("last_step", r.lastStep());
        out.addProperty("max_steps", r.maxSteps());
        out.addProperty("minutes", Math.round(r.minutes() * 100) / 100.0);
        out.addProperty("train_tokens_per_second", Math.round(r.tokensPerSecond()));
        out.addProperty("loss", r.log().last("loss"));
        out.addProperty("mean_token_accuracy", r.log().last("mean_token_accuracy"));
        if (value != null) {
            out.add("value_accuracy", value.get("accuracy"));
        }
        System.out.println(out);
        return 0;
    }

    /**
     * {@code canonical} (one worked method per problem), {@code varied} (the course's mix,
     * {@link dev.tinyreason.tasks.TraceVariety#DEFAULT}) or three shares {@code C,K,R}: the
     * canonical path, a verification pass, a restatement.
     */
    static dev.tinyreason.tasks.TraceVariety traces(String v) {
        return switch (v) {
            case "canonical" -> dev.tinyreason.tasks.TraceVariety.NONE;
            case "varied" -> dev.tinyreason.tasks.TraceVariety.DEFAULT;
            default -> {
                String[] p = v.split(",");
                if (p.length != 3) {
                    throw new IllegalArgumentException("--traces is canonical, varied or three "
                            + "shares C,K,R (canonical path, check, restatement), got '" + v + "'.");
                }
                yield new dev.tinyreason.tasks.TraceVariety(Eval.number("--traces", p[0]),
                        Eval.number("--traces", p[1]), Eval.number("--traces", p[2]));
            }
        };
    }

    /**
     * The judge's greedy accuracy on held-out Countdown states (validation split), per label;
     * added to the checkpoint's {@code eval.json} when there is one.
     */
    static JsonObject valueReport(Path checkpoint, boolean addToEvalJson)
            throws java.io.IOException {
        Checkpoint c = Checkpoint.load(checkpoint);
        java.util.Map<String, Double> acc;
        try (LlamaModel model = c.model()) {
            acc = ValueData.accuracy(model, c.tokenizer(), ValueData.states(Split.VAL,
                    VALUE_EVAL_STATES, 0));
        }
        JsonObject accuracy = new JsonObject();
        acc.forEach((k, v) -> accuracy.addProperty(k, Math.round(v * 10000) / 10000.0));
        JsonObject o = new JsonObject();
        o.addProperty("split", "val");
        o.addProperty("n", VALUE_EVAL_STATES);
        o.add("accuracy", accuracy);
        Path evalJson = checkpoint.resolve("eval.json");
        if (addToEvalJson && Files.exists(evalJson)) {
            JsonObject report = JsonParser.parseString(Files.readString(evalJson))
                    .getAsJsonObject();
            report.add("value", o);
            Files.writeString(evalJson, new GsonBuilder().setPrettyPrinting()
                    .disableHtmlEscaping().create().toJson(report) + "\n");
        }
        return o;
    }

    /** A progress line on stderr every 10 seconds. */
    private static void progress(SftTrainer.StepResult s, long[] last) {
        if ((System.nanoTime() - last[0]) / 1e9 >= 10) {
            last[0] = System.nanoTime();
            System.err.println(String.format(Locale.ROOT, "[train] step %d · %s · %d tokens",
                    s.step(), s.summary(), s.numTokens()));
        }
    }
}
