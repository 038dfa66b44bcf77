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

    /** Prints the workload line; returns 1 if the baseline failed, else 0. */
    static int run(Bench.Python py) {
        Path root = py.root() != null ? py.root() : Path.of("").toAbsolutePath();
        Path checkpoint = root.resolve("data/checkpoints/sft-think");
        Checkpoint ck = Checkpoint.load(checkpoint);
        List<Example> problems = TaskData.read(root.resolve("data/countdown/val.jsonl"),
                Tasks.named("countdown")).stream().filter(e -> e.difficulty() == LEVEL)
                .limit(PROMPTS).toList();
        ChainOfThought cot = new ChainOfThought(ck.model(), ck.tokenizer());
        List<int[]> prompts = new ArrayList<>();
        for (Example e : problems) {
            int[] p = cot.prompt(e, true);
            for (int s = 0; s < SAMPLES; s++) {
                prompts.add(p);
            }
        }
        SamplingConfig config = SamplingConfig.sampled(1.0, MAX_NEW, 0);   // stops: EOS, end of turn
        Generator gen = new Generator(ck.model());
        gen.generate(prompts.subList(0, 4 * SAMPLES), config);      // warm the JIT
        List<Completion> done = new ArrayList<>();
        double[] ours = timed(gen, prompts, config, done);
        double djl = Bench.onDjl(() -> timed(gen, prompts, config, new ArrayList<>())[1]);

        JsonObject o = Bench.line("workload", null);
        o.addProperty("task", "countdown");
        o.addProperty("difficulty", LEVEL);
        o.addProperty("prompts", problems.size());
        o.addProperty("samples", SAMPLES);
        o.addProperty("max_new_tokens", MAX_NEW);
        o.addProperty("generated_tokens", (long) ours[0]);
        o.addProperty("tokens_per_s", Bench.round(ours[1]));
        o.addProperty("djl_path_tokens_per_s", Bench.round(djl));
        int failed = Bench.compare(o, "hf_generate", py.run("workload", checkpoint.toString(),
                idsFile(problems, cot).toString(), "" + SAMPLES, "" + MAX_NEW,
                SpecialTokens.EOS + "," + SpecialTokens.IM_END), "tokens_per_s", ours[1]);
        com.google.gson.JsonObject eager = py.run("workload_eager", checkpoint.toString(),
                idsFile(problems, cot).toString(), "" + SAMPLES,
                json(done.stream().mapToInt(c -> c.tokens().length).toArray()).toString());
        if (eager.has("error")) {
            o.addProperty("torch_eager_error", eager.get("error").getAsString());
            failed++;
        } else {
            double base = eager.get("tokens_per_s").getAsDouble();
            o.addProperty("torch_eager_tokens_per_s", Bench.round(base));
            o.addProperty("ratio_to_torch_eager", Bench.round(ours[1] / base));
        }
        Bench.print(o);
        return failed;
    }

    /** {generated tokens, tokens per second} of one generate call over every prompt. */
    private static double[] timed(Generator gen, List<int[]> prompts, SamplingConfig config,
            List<Completion> out) {
        long t0 = System.nanoTime();
        out.addAll(gen.generate(prompts, config));
        double seconds = (System.nanoTime() - t0) / 1e9;
        long tokens = out.stream().mapToLong(c -> c.tokens().length).sum();
        return new double[] {tokens, tokens / seconds};
    }

    /** The distinct prompts' ids as a JSON list of lists, for the Python side. */
    private static Path idsFile(List<Example> problems, ChainOfThought cot) {
        return json(problems.stream().map(e -> cot.prompt(e, true)).toList());
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
