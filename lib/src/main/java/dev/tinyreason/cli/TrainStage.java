package dev.tinyreason.cli;

import com.google.gson.JsonObject;
import dev.tinyreason.infer.StageReport;
import dev.tinyreason.model.Checkpoint;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.ModelConfig;
import dev.tinyreason.tasks.Split;
import dev.tinyreason.tasks.TraceVariety;
import dev.tinyreason.tensor.Precision;
import dev.tinyreason.train.sft.SftLoss;
import dev.tinyreason.train.sft.SftTrainer;
import dev.tinyreason.train.sft.Stage;
import dev.tinyreason.train.sft.StageOptions;
import dev.tinyreason.train.sft.StageRun;
import dev.tinyreason.train.sft.ValueData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
 *
 * <p>Each flag changes one setting of {@link StageOptions}, in the order given (so
 * {@code --minutes} after {@code --steps} trains for the time budget, as
 * {@link StageOptions#withMinutes} says).
 */
@Command
final class TrainStage implements Callable<Integer> {

    /** Held-out states the value stage's judge is scored on. */
    static final int VALUE_EVAL_STATES = 400;

    @Spec
    CommandSpec spec;

    private final Stage stage;
    private StageOptions options = StageOptions.defaults(Cli.dataDir());

    @Option(names = "--eval-limit", paramLabel = "N", converter = Cli.NonNegative.class,
            description = "Test problems per task in eval.json (default ${DEFAULT-VALUE}; 0 "
                    + "skips it).")
    int evalLimit = 60;

    TrainStage(Stage stage) {
        this.stage = stage;
    }

    /** {@code train STAGE}, described for {@code train --help}. */
    static CommandLine commandLine(Stage stage) {
        CommandLine c = new CommandLine(new TrainStage(stage));
        c.getCommandSpec().usageMessage().description(switch (stage) {
            case PRETRAIN -> "Next-token prediction on the tasks' text, from scratch.";
            case SFT_NOTHINK -> "Chat SFT with direct answers, from pretrain.";
            case SFT_THINK -> "Hybrid chat SFT, three in four conversations think, from "
                    + "pretrain.";
            case SFT_VERIFY -> "sft-think taught to check its answers (7 in 10 traces end "
                    + "with a verification pass): DPO's start.";
            case VALUE -> "The Tree-of-Thoughts proposer and judge, from sft-think "
                    + "(checkpoints/tot).";
        });
        return c;
    }

    @Option(names = "--minutes", paramLabel = "M", description = "Time budget in (0, 30] "
            + "(default 15).")
    void minutes(double m) {
        options = options.withMinutes(Cli.minutes("--minutes", m, 30));
    }

    @Option(names = "--steps", paramLabel = "N", converter = Cli.Positive.class,
            description = "Optimizer steps instead of a time budget.")
    void steps(int n) {
        options = options.withSteps(n);
    }

    @Option(names = "--from", paramLabel = "DIR", description = "The checkpoint an SFT stage "
            + "starts from (default its parent stage's).")
    void from(Path dir) {
        options = options.withFrom(dir);
    }

    @Option(names = "--out", paramLabel = "DIR", description = "The checkpoint folder (default "
            + "data/checkpoints/<stage>).")
    void out(Path dir) {
        options = options.withOut(dir);
    }

    @Option(names = "--resume", description = "Continue from the checkpoint in --out.")
    void resume(boolean r) {
        options = options.withResume(r);
    }

    @Option(names = "--preset", paramLabel = "nano|tiny|small", description = "The model of a "
            + "fresh pretraining run (default tiny).")
    void preset(String name) {
        ModelConfig.preset(name);  // the error lists the presets
        options = options.withPreset(name);
    }

    @Option(names = "--seed", paramLabel = "S", converter = Cli.NonNegative.class,
            description = "Seeds weights, data and order (default 42).")
    void seed(int s) {
        options = options.withSeed(s);
    }

    @Option(names = "--examples-per-task", paramLabel = "N", converter = Cli.Positive.class,
            description = "Training examples drawn per task (default 12000).")
    void examplesPerTask(int n) {
        options = options.withExamplesPerTask(n);
    }

    @Option(names = "--loss", paramLabel = "nll|dft", description = "The per-token loss "
            + "(default nll).")
    void loss(String name) {
        options = options.withLoss(SftLoss.named(name));
    }

    @Option(names = "--packing", description = "Pack several conversations per row.")
    void packing(boolean p) {
        options = options.withPacking(p);
    }

    @Option(names = "--precision", paramLabel = "fp32|bf16", description = "The matmuls' "
            + "number format (default fp32).")
    void precision(String name) {
        options = options.withPrecision(Precision.parse(name));
    }

    @Option(names = "--eval-every", paramLabel = "N", converter = Cli.Positive.class,
            description = "Measure held-out accuracy and keep a snapshot every N steps.")
    void evalEvery(int n) {
        options = options.withEvalEvery(n);
    }

    @Option(names = "--lr", paramLabel = "X", description = "Peak learning rate (default the "
            + "stage's own).")
    void learningRate(double lr) {
        options = options.withLearningRate(lr);
    }

    @Option(names = "--traces", paramLabel = "canonical|varied|C,K,R", description = "Which "
            + "traces the examples show (default canonical, what the shipped models learned).")
    void traces(String v) {
        options = options.withTraces(traceVariety(v));
    }

    @Override
    public Integer call() throws Exception {
        if (options.from() != null && !stage.isSft()) {
            throw Cli.mistake(spec, "--from names the checkpoint an SFT stage starts from; "
                    + stage.id() + " starts from scratch.");
        }
        StageRun.Result r = StageRun.run(stage, options, new ProgressLines());
        if (evalLimit > 0) {
            StageReport.write(r.checkpoint(), options.dataDir(), StageRun.trainingTasks(),
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
     * {@link TraceVariety#DEFAULT}) or three shares {@code C,K,R}: the canonical path, a
     * verification pass, a restatement.
     */
    static TraceVariety traceVariety(String v) {
        return switch (v) {
            case "canonical" -> TraceVariety.NONE;
            case "varied" -> TraceVariety.DEFAULT;
            default -> {
                String[] p = v.split(",");
                try {
                    if (p.length == 3) {
                        yield new TraceVariety(Double.parseDouble(p[0]),
                                Double.parseDouble(p[1]), Double.parseDouble(p[2]));
                    }
                } catch (NumberFormatException e) {
                    // said below
                }
                throw new IllegalArgumentException("--traces is canonical, varied or three "
                        + "shares C,K,R (canonical path, check, restatement), got '" + v + "'.");
            }
        };
    }

    /**
     * The judge's greedy accuracy on held-out Countdown states (validation split), per label;
     * added to the checkpoint's {@code eval.json} when there is one.
     */
    static JsonObject valueReport(Path checkpoint, boolean addToEvalJson) throws IOException {
        Checkpoint c = Checkpoint.load(checkpoint);
        Map<String, Double> acc;
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
        if (addToEvalJson) {
            StageReport.addSection(checkpoint, "value", o);
        }
        return o;
    }

    /** A progress line on stderr, at most one every 10 seconds. */
    private static final class ProgressLines implements Consumer<SftTrainer.StepResult> {

        private long last = System.nanoTime();

        @Override
        public void accept(SftTrainer.StepResult s) {
            if ((System.nanoTime() - last) / 1e9 >= 10) {
                last = System.nanoTime();
                System.err.println(String.format(Locale.ROOT, "[train] step %d · %s · %d tokens",
                        s.step(), s.summary(), s.numTokens()));
            }
        }
    }
}
