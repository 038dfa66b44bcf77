package dev.tinyreason.cli;

import com.google.gson.JsonObject;
import dev.tinyreason.model.Checkpoint;
import dev.tinyreason.model.LlamaWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./tinyreason average --from A --to B --alpha X --out DIR}: the weight-space average
 * {@code (1 - X) * A + X * B} of two checkpoints of one architecture (WiSE-FT,
 * {@link LlamaWeights#interpolate}), saved as a checkpoint with B's tokenizer and training log
 * and an {@code average.json} that records the recipe.
 */
@Command(name = "average", description = "Average two checkpoints' weights (WiSE-FT): "
        + "(1-X)*from + X*to.")
public final class Average implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private Path from;
    private Path to;

    @Option(names = "--alpha", paramLabel = "X", required = true,
            description = "The weight of --to, in [0, 1].")
    double alpha;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Where to save the averaged checkpoint.")
    Path out;

    /** {@code ./tinyreason average ARGS}. */
    public static int run(String[] args) {
        return Main.run(List.of("average"), args);
    }

    @Option(names = "--from", paramLabel = "DIR", required = true,
            description = "The first checkpoint (weight 1-X).")
    void from(Path dir) {
        from = checkpoint("--from", dir);
    }

    @Option(names = "--to", paramLabel = "DIR", required = true,
            description = "The second checkpoint (weight X); its tokenizer and log are kept.")
    void to(Path dir) {
        to = checkpoint("--to", dir);
    }

    @Override
    public Integer call() throws Exception {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw Cli.mistake(spec, "--alpha is the weight of --to, in [0, 1], got " + alpha
                    + ".");
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
    }

    private Path checkpoint(String flag, Path p) {
        return Cli.requireCheckpoint(spec, flag, p, "point to a folder under data/checkpoints/.");
    }
}
