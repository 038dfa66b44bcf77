package dev.tinyreason.cli;

import com.google.gson.JsonObject;
import dev.tinyreason.train.sft.SftLoss;
import dev.tinyreason.train.sft.SftTrainer;
import dev.tinyreason.train.sft.Stage;
import dev.tinyreason.train.sft.StageRun;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code ./tinyreason train pretrain|sft-nothink|sft-think [--minutes M] [--steps N]
 * [--out DIR] [--resume] [--preset nano|tiny|small] [--seed S] [--loss nll|dft] [--packing]
 * [--eval-limit N]}: trains one stage of the pipeline (see {@link Stage}), saves its
 * checkpoint with
 * {@code training_log.csv}, then writes {@code eval.json} (direct and cot on each task's
 * held-out test split, {@code --eval-limit} problems per task; 0 skips it).
 */
public final class Train {

    static final String USAGE = "usage: train pretrain|sft-nothink|sft-think [--minutes M] "
            + "[--steps N] [--out DIR] [--resume] [--preset nano|tiny|small] [--seed S] "
            + "[--examples-per-task N] [--loss nll|dft] [--packing] [--eval-limit N]";

    private Train() {}

    public static int run(String[] args) throws Exception {
        Stage stage;
        StageRun.Options o;
        int evalLimit = 60;
        try {
            if (args.length == 0 || args[0].startsWith("--")) {
                throw new IllegalArgumentException("Name a stage first: pretrain, sft-nothink "
                        + "or sft-think.");
            }
            stage = Stage.named(args[0]);
            o = StageRun.Options.defaults(Eval.dataDir());
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
                    case "--minutes" -> {
                        double m = Eval.number(flag, Eval.value(flag, v));
                        if (!(m > 0 && m <= 30)) {
                            throw new IllegalArgumentException("--minutes must be in (0, 30], "
                                    + "got " + m + ".");
                        }
                        o = o.withMinutes(m);
                    }
                    case "--steps" -> o = o.withSteps(Eval.integer(flag, Eval.value(flag, v), 1));
                    case "--out" -> o = o.withOut(Path.of(Eval.value(flag, v)));
                    case "--preset" -> o = o.withPreset(Eval.value(flag, v));
                    case "--seed" -> o = o.withSeed(Eval.integer(flag, Eval.value(flag, v), 0));
                    case "--loss" -> o = o.withLoss(SftLoss.named(Eval.value(flag, v)));
                    case "--examples-per-task" -> o = o.withExamplesPerTask(
                            Eval.integer(flag, Eval.value(flag, v), 1));
                    case "--eval-limit" -> evalLimit = Eval.integer(flag, Eval.value(flag, v), 0);
                    default -> throw new IllegalArgumentException("Unknown option '" + flag
                            + "'.");
                }
                i++;
            }
            dev.tinyreason.model.ModelConfig.preset(o.preset());
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
            Eval.writeStageReport(r.checkpoint(), o.dataDir(), StageRun.trainingTasks(),
                    evalLimit);
        }
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
        System.out.println(out);
        return 0;
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
