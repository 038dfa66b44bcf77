package dev.tinyreason.cli;

import com.google.gson.JsonObject;
import dev.tinyreason.model.Checkpoint;
import dev.tinyreason.model.LlamaWeights;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./tinyreason average --from A --to B --alpha X --out DIR}: the weight-space average
 * {@code (1 - X) * A + X * B} of two checkpoints of one architecture (WiSE-FT,
 * {@link LlamaWeights#interpolate}), saved as a checkpoint with B's tokenizer and training log
 * and an {@code average.json} that records the recipe.
 */
public final class Average {

    static final String USAGE = "usage: average --from DIR --to DIR --alpha X --out DIR   "
            + "(weights (1-X)*from + X*to)";

    private Average() {}

    public static int run(String[] args) throws Exception {
        Path from = null;
        Path to = null;
        Path out = null;
        double alpha = Double.NaN;
        try {
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                String v = Eval.value(flag, i + 1 < args.length ? args[i + 1] : null);
                switch (flag) {
                    case "--from" -> from = checkpoint(flag, v);
                    case "--to" -> to = checkpoint(flag, v);
                    case "--out" -> out = Path.of(v);
                    case "--alpha" -> alpha = Eval.number(flag, v);
                    default -> throw new IllegalArgumentException("Unknown option '" + flag + "'.");
                }
                i++;
            }
            if (from == null || to == null || out == null || Double.isNaN(alpha)) {
                throw new IllegalArgumentException("--from, --to, --alpha and --out are all needed.");
            }
            if (!(alpha >= 0 && alpha <= 1)) {
                throw new IllegalArgumentException("--alpha is the weight of --to, in [0, 1], got " + alpha + ".");
            }
            Checkpoint a = Checkpoint.load(from);
            Checkpoint b = Checkpoint.load(to);
            LlamaWeights w = LlamaWeights.interpolate(a.weights(), b.weights(), alpha);
            new Checkpoint(b.config(), w, b.tokenizer(), b.generation(), b.trainingLog()).save(out);
            JsonObject recipe = new JsonObject();
            recipe.addProperty("from", from.toString());
            recipe.addProperty("to", to.toString());
            recipe.addProperty("alpha", alpha);
            recipe.addProperty("rule", "(1 - alpha) * from + alpha * to (WiSE-FT)");
            Files.writeString(out.resolve("average.json"), recipe + "\n");
            System.out.println(recipe);
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
    }

    private static Path checkpoint(String flag, String v) {
        Path p = Path.of(v);
        if (!Files.exists(p.resolve("config.json"))) {
            throw new IllegalArgumentException(flag + " " + p + " is not a checkpoint folder (no config.json).");
        }
        return p;
    }
}
