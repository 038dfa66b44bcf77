package dev.tinyreason.cli;

import com.google.gson.JsonObject;
import dev.tinyreason.infer.ChainOfThought;
import dev.tinyreason.infer.Generator;
import dev.tinyreason.model.Checkpoint;
import dev.tinyreason.model.WeightFormat;
import dev.tinyreason.tasks.TaskData;
import dev.tinyreason.tasks.Tasks;
import java.nio.file.Path;
import java.util.List;

/**
 * The 8-bit line of {@code ./tinyreason bench --sampling}: batch-1 greedy decoding of the
 * shipped {@code sft-think} from {@link WeightFormat#Q8_0} weights against the same decoder on
 * its float32 weights, in the same run, on the first held-out Countdown prompt (thinking on).
 * Batch 1 is where the weights' bytes matter: every step reads every matrix once for a single
 * token, so a quarter of the bytes is what Q8_0 offers. Each measurement includes the
 * per-call copy of the weights (and for Q8_0 their quantisation), as a notebook pays it.
 *
 * <pre>
 * {"bench":"sample_q8_0","checkpoint":"sft-think","batch":1,"prompt":..,"new_tokens":128,
 *  "tokens_per_s":..,"baseline":"f32","baseline_tokens_per_s":..,"ratio":..}
 * </pre>
 */
final class BenchQuantised {

    private BenchQuantised() {}

    /** Prints the line: {@code newTokens} per run, each side warmed and timed for a while. */
    static void run(int newTokens, double warmSeconds) {
        Path root = dev.tinyreason.viz.Notebook.home();
        Checkpoint ck = Checkpoint.load(root.resolve("data/checkpoints/sft-think"));
        ChainOfThought cot = new ChainOfThought(ck.model(), ck.tokenizer());
        int[] prompt = cot.prompt(TaskData.read(root.resolve("data/countdown/val.jsonl"),
                Tasks.named("countdown")).get(0), true);
        Generator f32 = new Generator(ck.model());
        List<int[]> one = List.of(prompt);
        double base = Bench.tokensPerSecond(f32, one, newTokens, warmSeconds);
        double q8 = Bench.tokensPerSecond(f32.withWeights(WeightFormat.Q8_0), one, newTokens,
                warmSeconds);
        JsonObject o = Bench.line("sample_q8_0", null);
        o.addProperty("checkpoint", "sft-think");
        o.addProperty("batch", 1);
        o.addProperty("prompt", prompt.length);
        o.addProperty("new_tokens", newTokens);
        o.addProperty("tokens_per_s", Bench.round(q8));
        o.addProperty("baseline", "f32");
        o.addProperty("baseline_tokens_per_s", Bench.round(base));
        o.addProperty("ratio", Bench.round(q8 / base));
        Bench.print(o);
    }
}
