package dev.tinyreason.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tinyreason.infer.Generator;
import dev.tinyreason.infer.SamplingConfig;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.ModelConfig;
import dev.tinyreason.tensor.Flops;
import dev.tinyreason.tensor.Precision;
import dev.tinyreason.train.TokenWindows;
import dev.tinyreason.train.TrainConfig;
import dev.tinyreason.train.Trainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./tinyreason bench [--quick]}: the model's speed against the identical model in
 * PyTorch ({@code bench/torch_baseline.py}, run in {@code .venv}), measured in the same run on
 * the same machine. One JSON object per line on stdout; every comparison line carries our
 * figure, the baseline's, and {@code ratio} = ours / theirs (above 1: we are faster).
 *
 * <pre>
 * {"bench":"matmul","precision":"fp32","gflops":..,"baseline":"torch","baseline_gflops":..,"ratio":..}
 * {"bench":"train","config":"nano","batch":32,"seq":128,"precision":"fp32","tokens_per_s":..,
 *  "gflops":..,"pct_of_matmul_peak":..,"baseline":"torch_eager","baseline_tokens_per_s":..,"ratio":..}
 * {"bench":"sample","config":"nano","batch":64,"new_tokens":64,"tokens_per_s":..,
 *  "baseline":"torch_eager","baseline_tokens_per_s":..,"ratio":..}
 * {"bench":"sample_q8_0","checkpoint":"sft-think","batch":1,..,"tokens_per_s":..,
 *  "baseline":"f32","baseline_tokens_per_s":..,"ratio":..}
 * </pre>
 *
 * <p>Training is measured in float32 and in bf16 mixed precision ({@link
 * dev.tinyreason.tensor.Autocast} against {@code torch.autocast}), each against its own matmul
 * ceiling and its own baseline: fp32 vs fp32, bf16 vs bf16.
 *
 * <p>{@code bench tokenizer ...} runs the tokenizer benchmark instead. {@code --quick} (under
 * three minutes) times fewer steps and compiles only the nano model with torch.compile;
 * {@code --sampling} runs only the sampling lines and the workload line
 * ({@link BenchWorkload}).
 */
@Command(name = "bench", synopsisSubcommandLabel = "[BENCHMARK]",
        commandListHeading = "Other benchmarks:%n",
        subcommands = BenchTokenizer.class,
        description = "Benchmarks as JSON lines: the model beside PyTorch, or bench tokenizer.")
final class Bench implements Callable<Integer> {

    private static final String SCRIPT = "bench/torch_baseline.py";
    private static final int BATCH = 32;
    private static final int SEQ = 128;
    private static final int PROMPT = 16;
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    @Option(names = "--quick", description = "Under three minutes: fewer steps, torch.compile "
            + "on nano only.")
    boolean quick;

    @Option(names = "--sampling", description = "Only the sampling lines and the workload line.")
    boolean samplingOnly;

    @Override
    public Integer call() {
        Python py = Python.locate();
        int failures = samplingOnly ? 0 : training(py, quick);
        return failures + sampling(py, quick) == 0 ? 0 : 1;
    }

    /** The matmul ceiling and training lines, fp32 and bf16; returns the failed baselines. */
    private static int training(Python py, boolean quick) {
        int failures = 0;

        int warmup = quick ? 2 : 5;
        int steps = quick ? 3 : 10;
        for (Precision precision : Precision.values()) {
            String tag = precision.toString();
            double ours = Flops.matmulGflops(1024, quick ? 5 : 20, precision);
            JsonObject mm = line("matmul", null);
            mm.addProperty("precision", tag);
            mm.addProperty("n", 1024);
            mm.addProperty("gflops", round(ours));
            failures += compare(mm, "torch", py.run(withPrecision(precision, "matmul", "1024",
                    quick ? "5" : "20")), "gflops", ours);
            double peak = Math.max(ours, mm.has("baseline_gflops")
                    ? mm.get("baseline_gflops").getAsDouble() : 0);
            print(mm);
            for (String name : List.of("nano", "tiny", "small")) {
                ModelConfig config = ModelConfig.preset(name);
                double tps = trainTokensPerSecond(config, precision, warmup, steps);
                double gflops = tps * config.trainingFlopsPerToken(SEQ) / 1e9;
                List<String> impls = new ArrayList<>(List.of("torch_eager"));
                if (!quick || name.equals("nano")) {
                    impls.add("torch_compile");
                }
                for (String impl : impls) {
                    JsonObject o = line("train", name);
                    o.addProperty("batch", BATCH);
                    o.addProperty("seq", SEQ);
                    o.addProperty("precision", tag);
                    o.addProperty("tokens_per_s", round(tps));
                    o.addProperty("gflops", round(gflops));
                    o.addProperty("pct_of_matmul_peak", round(100 * gflops / peak));
                    List<String> a = new ArrayList<>(List.of("train", name, "" + BATCH,
                            "" + SEQ, "" + warmup, "" + steps));
                    if (impl.equals("torch_compile")) {
                        a.add("--compile");
                    }
                    failures += compare(o, impl, py.run(withPrecision(precision,
                            a.toArray(String[]::new))), "tokens_per_s", tps);
                    print(o);
                }
            }
        }

        return failures;
    }

    /**
     * Greedy sampling at batch 1, 16 and 64 against the torch eager loop, with the speed of
     * the DJL decode path beside ours (the path batches took before the Java decoder held
     * them), and the workload line; returns the failed baselines.
     */
    private static int sampling(Python py, boolean quick) {
        int failures = 0;
        int newTokens = quick ? 64 : 128;
        double warmSeconds = quick ? 3 : 6;
        for (String name : quick ? List.of("nano") : List.of("nano", "tiny")) {
            for (int batch : new int[] {1, 16, 64}) {
                ModelConfig config = ModelConfig.preset(name);
                double tps = sampleTokensPerSecond(config, batch, newTokens, warmSeconds);
                JsonObject o = line("sample", name);
                o.addProperty("batch", batch);
                o.addProperty("prompt", PROMPT);
                o.addProperty("new_tokens", newTokens);
                o.addProperty("tokens_per_s", round(tps));
                o.addProperty("djl_path_tokens_per_s", round(onDjl(() ->
                        sampleTokensPerSecond(config, batch, newTokens, warmSeconds))));
                failures += compare(o, "torch_eager", py.run("sample", name, "" + batch,
                        "" + PROMPT, "" + newTokens, "" + warmSeconds), "tokens_per_s", tps);
                print(o);
            }
        }
        if (!quick) {
            BenchQuantised.run(newTokens, warmSeconds);
            failures += BenchWorkload.run(py);
        }
        return failures;
    }

    /** {@code measure} with every batch decoded on DJL ({@code -Dtinyreason.decode=djl}). */
    static double onDjl(java.util.function.DoubleSupplier measure) {
        String old = System.getProperty(dev.tinyreason.model.Decoder.PATH_PROPERTY);
        System.setProperty(dev.tinyreason.model.Decoder.PATH_PROPERTY, "djl");
        try {
            return measure.getAsDouble();
        } finally {
            if (old == null) {
                System.clearProperty(dev.tinyreason.model.Decoder.PATH_PROPERTY);
            } else {
                System.setProperty(dev.tinyreason.model.Decoder.PATH_PROPERTY, old);
            }
        }
    }

    /** The baseline script's arguments, with {@code --bf16} for bf16. */
    private static String[] withPrecision(Precision precision, String... args) {
        if (precision == Precision.FP32) {
            return args;
        }
        String[] out = Arrays.copyOf(args, args.length + 1);
        out[args.length] = "--bf16";
        return out;
    }

    /** Tokens per second of full training steps (forward, backward, clip, AdamW). */
    static double trainTokensPerSecond(ModelConfig config, Precision precision, int warmup,
            int steps) {
        try (LlamaModel model = LlamaModel.init(config, 0)) {
            Random rng = new Random(0);
            int[] corpus = rng.ints(200_000, 3, config.vocabSize()).toArray();
            Trainer trainer = new Trainer(model, TrainConfig.pretraining(1000)
                    .withBatch(BATCH, 1).withPrecision(precision));
            TokenWindows data = new TokenWindows(corpus, SEQ + 1);  // SEQ inputs, SEQ targets
            trainer.train(data, warmup, null);
            long t0 = System.nanoTime();
            trainer.train(data, steps, null);
            return (double) BATCH * SEQ * steps / ((System.nanoTime() - t0) / 1e9);
        }
    }

    /** Generated tokens per second, greedy with the KV cache, of a fresh model at batch. */
    static double sampleTokensPerSecond(ModelConfig config, int batch, int newTokens,
            double warmSeconds) {
        try (LlamaModel model = LlamaModel.init(config, 0)) {
            Random rng = new Random(0);
            List<int[]> prompts = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                prompts.add(rng.ints(PROMPT, 3, config.vocabSize()).toArray());
            }
            return tokensPerSecond(new Generator(model), prompts, newTokens, warmSeconds);
        }
    }

    /**
     * Generated tokens per second of {@code gen} on {@code prompts}, greedy for exactly
     * {@code newTokens} (no stop token): warmed up for {@code warmSeconds} (JIT), then timed
     * over repeated runs for as long again.
     */
    static double tokensPerSecond(Generator gen, List<int[]> prompts, int newTokens,
            double warmSeconds) {
        SamplingConfig greedy = SamplingConfig.greedy(newTokens).withStopTokens();
        long warm = System.nanoTime();
        while ((System.nanoTime() - warm) / 1e9 < warmSeconds) {
            gen.generate(prompts, greedy);
        }
        long t0 = System.nanoTime();
        int runs = 0;
        while (runs == 0 || (System.nanoTime() - t0) / 1e9 < warmSeconds) {
            gen.generate(prompts, greedy);
            runs++;
        }
        return (double) prompts.size() * newTokens * runs / ((System.nanoTime() - t0) / 1e9);
    }

    /** Adds the baseline's {@code key} and the ratio to {@code o}; 1 if the baseline failed. */
    static int compare(JsonObject o, String impl, JsonObject theirs, String key,
            double ours) {
        o.addProperty("baseline", impl);
        return compare(o, theirs, key, ours, "baseline", "ratio");
    }

    /**
     * A second baseline on the same line, under its own name: {@code impl_key} and
     * {@code ratio_to_impl} (or {@code impl_error}); 1 if it failed.
     */
    static int compareAs(JsonObject o, String impl, JsonObject theirs, String key, double ours) {
        return compare(o, theirs, key, ours, impl, "ratio_to_" + impl);
    }

    private static int compare(JsonObject o, JsonObject theirs, String key, double ours,
            String prefix, String ratio) {
        if (theirs.has("error")) {
            o.addProperty(prefix + "_error", theirs.get("error").getAsString());
            return 1;
        }
        double base = theirs.get(key).getAsDouble();
        o.addProperty(prefix + "_" + key, round(base));
        o.addProperty(ratio, round(ours / base));
        return 0;
    }

    static JsonObject line(String bench, String config) {
        JsonObject o = new JsonObject();
        o.addProperty("bench", bench);
        if (config != null) {
            o.addProperty("config", config);
        }
        return o;
    }

    static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    static void print(JsonObject o) {
        System.out.println(GSON.toJson(o));
        System.out.flush();
    }

    /** The baseline script in the project's virtualenv; errors come back as {"error": ..}. */
    record Python(Path root, String problem) {

        static Python locate() {
            Path dir = Path.of("").toAbsolutePath();
            while (dir != null && !Files.isRegularFile(dir.resolve(SCRIPT))) {
                dir = dir.getParent();
            }
            if (dir == null) {
                return new Python(null, "cannot find " + SCRIPT + "; run from the repository");
            }
            if (!Files.isExecutable(dir.resolve(".venv/bin/python"))) {
                return new Python(dir, "no .venv: run ./tinyreason test (it installs torch)");
            }
            return new Python(dir, null);
        }

        JsonObject run(String... args) {
            if (problem != null) {
                return error(problem);
            }
            List<String> cmd = new ArrayList<>(List.of(root.resolve(".venv/bin/python")
                    .toString(), root.resolve(SCRIPT).toString()));
            cmd.addAll(List.of(args));
            try {
                Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE)
                        .start();
                p.getOutputStream().close();
                byte[] out = p.getInputStream().readAllBytes();
                byte[] err = p.getErrorStream().readAllBytes();
                if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    String tail = new String(err, StandardCharsets.UTF_8).strip();
                    String[] lines = tail.split("\n");
                    return error(String.join(" ", args) + " failed: "
                            + lines[lines.length - 1]);
                }
                String text = new String(out, StandardCharsets.UTF_8).strip();
                String last = text.lines().reduce((a, b) -> b).orElse("{}");
                return JsonParser.parseString(last).getAsJsonObject();
            } catch (IOException e) {
                return error("could not run Python: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return error("interrupted");
            }
        }

        private static JsonObject error(String message) {
            JsonObject o = new JsonObject();
            o.addProperty("error", message);
            return o;
        }
    }
}
