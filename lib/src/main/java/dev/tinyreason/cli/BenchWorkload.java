package dev.tinyreason.cli;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.tinyreason.infer.ChainOfThought;
import dev.tinyreason.infer.Completion;
import dev.tinyreason.infer.Generator;
import dev.tinyreason.infer.SamplingConfig;
import dev.tinyreason.model.Checkpoint;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.TaskData;
import dev.tinyreason.tasks.Tasks;
import dev.tinyreason.tokenizer.SpecialTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The workload line of {@code ./tinyreason bench}: what self-consistency, DPO pair building and
 * GRPO do all day. 32 validation Countdown problems of level 5, 8 samples each at temperature
 * 1.0 with thinking on, up to 256 new tokens, on the shipped {@code sft-think}; generated tokens
 * per second (the stop token counted, padding not), against Hugging Face {@code transformers}'
 * {@code generate} on the same checkpoint and prompt ids (do_sample, num_return_sequences = 8,
 * the same thread count), and against a plain PyTorch sampling loop over the same rows
 * ({@code bench/torch_baseline.py workload_eager}: the checkpoint's shapes, all rows in one
 * batch, each counted up to the length it reached here), measured in the same run.
 *
 * <pre>
 * {"bench":"workload","task":"countdown","difficulty":5,"prompts":32,"samples":8,
 *  "max_new_tokens":256,"generated_tokens":..,"tokens_per_s":..,"djl_path_tokens_per_s":..,
 *  "baseline":"hf_generate","baseline_tokens_per_s":..,"ratio":..,
 *  "torch_eager_tokens_per_s":..,"ratio_to_torch_eager":..}
 * </pre>
 */
final class BenchWorkload {

    static final int PROMPTS = 32;
    static final int SAMPLES = 8;
    static final int MAX_NEW = 256;
    static final int LEVEL = 5;

    private BenchWorkload() {}

    /** Prints the workload line; returns how many of its two baselines failed. */
    static int run(Bench.Python py) {
        Path root = dev.tinyreason.viz.Notebook.home();
        Path checkpoint = root.resolve("data/checkpoints/sft-think");
        Checkpoint ck = Checkpoint.load(checkpoint);
        List<Example> problems = TaskData.read(root.resolve("data/countdown/val.jsonl"),
                Tasks.named("countdown")).stream().filter(e -> e.difficulty() == LEVEL)
                .limit(PROMPTS).toList();
        ChainOfThought cot = new ChainOfThought(ck.model(), ck.tokenizer());
        List<int[]> distinct = problems.stream().map(e -> cot.prompt(e, true)).toList();
        List<int[]> prompts = new ArrayList<>();
        for (int[] p : distinct) {
            for (int s = 0; s < SAMPLES; s++) {
                prompts.add(p);
            }
        }
        // stops at EOS or end of turn
        SamplingConfig config = SamplingConfig.sampled(1.0, MAX_NEW, 0);
        Generator gen = new Generator(ck.model());
        gen.generate(prompts.subList(0, 4 * SAMPLES), config);      // warm the JIT
        Run ours = Run.of(gen, prompts, config);
        double djl = Bench.onDjl(() -> Run.of(gen, prompts, config).tokensPerSecond());

        JsonObject o = Bench.line("workload", null);
        o.addProperty("task", "countdown");
        o.addProperty("difficulty", LEVEL);
        o.addProperty("prompts", problems.size());
        o.addProperty("samples", SAMPLES);
        o.addProperty("max_new_tokens", MAX_NEW);
        o.addProperty("generated_tokens", ours.tokens());
        o.addProperty("tokens_per_s", Bench.round(ours.tokensPerSecond()));
        o.addProperty("djl_path_tokens_per_s", Bench.round(djl));
        String ids = json(distinct).toString();
        int failed = Bench.compare(o, "hf_generate", py.run("workload", checkpoint.toString(),
                ids, "" + SAMPLES, "" + MAX_NEW, SpecialTokens.EOS + "," + SpecialTokens.IM_END),
                "tokens_per_s", ours.tokensPerSecond());
        failed += Bench.compareAs(o, "torch_eager", py.run("workload_eager",
                checkpoint.toString(), ids, "" + SAMPLES, json(ours.lengths()).toString()),
                "tokens_per_s", ours.tokensPerSecond());
        Bench.print(o);
        return failed;
    }

    /** One generate call over every prompt: each completion's length and the speed. */
    private record Run(int[] lengths, double seconds) {

        static Run of(Generator gen, List<int[]> prompts, SamplingConfig config) {
            long t0 = System.nanoTime();
            List<Completion> out = gen.generate(prompts, config);
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Run(out.stream().mapToInt(c -> c.tokens().length).toArray(), seconds);
        }

        long tokens() {
            return java.util.Arrays.stream(lengths).asLongStream().sum();
        }

        double tokensPerSecond() {
            return tokens() / seconds;
        }
    }

    /** {@code value} as JSON in a temporary file, for the Python side. */
    private static Path json(Object value) {
        try {
            Path file = Files.createTempFile("tinyreason-workload", ".json");
            file.toFile().deleteOnExit();
            Files.writeString(file, new Gson().toJson(value));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the workload's inputs", e);
        }
    }
}
