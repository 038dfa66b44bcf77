package dev.tinyreason.tokenizer;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.tinyreason.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Hugging Face {@code tokenizers} (Python) as an oracle: loads one of our {@code tokenizer.json}
 * files there and asks it for ids. The parity test and {@code ./tinyreason bench tokenizer}
 * use it; it runs {@code lib/src/test/python/hf_tokenizer_parity.py} with the project's
 * {@code .venv/bin/python}, which {@code ./tinyreason test} creates.
 */
public final class HfTokenizers {

    /** The script, relative to the repository root. */
    public static final String SCRIPT = "lib/src/test/python/hf_tokenizer_parity.py";

    private static final String SETUP_HINT = "run ./tinyreason test (it creates .venv)";
    private static final long TIMEOUT_MINUTES = 5;
    private static final Gson GSON = new Gson();

    /** What one timed pass of HF over a list of documents measured. */
    public record EncodeTiming(double seconds, long bytes, long tokens, long checksum) {}

    private final Path root;
    private final Path python;

    private HfTokenizers(Path root, Path python) {
        this.root = root;
        this.python = python;
    }

    /**
     * Finds the repository root (from the working directory upward) and its virtualenv, and
     * checks that {@code tokenizers} imports there.
     *
     * @throws IllegalStateException naming what is missing and how to get it
     */
    public static HfTokenizers locate() {
        return locate(Path.of(""));
    }

    /** {@link #locate()} starting from {@code start} instead of the working directory. */
    static HfTokenizers locate(Path start) {
        Path dir = start.toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve(SCRIPT))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find " + SCRIPT + " above " + start.toAbsolutePath()
                    + "; run from inside the tinyreason repository");
        }
        Path python = dir.resolve(".venv/bin/python");
        if (!Files.isExecutable(python)) {
            throw new IllegalStateException("no Python virtualenv at " + python + ": " + SETUP_HINT);
        }
        HfTokenizers hf = new HfTokenizers(dir, python);
        Result probe = hf.python(List.of("-c", "import tokenizers"));
        if (probe.exitCode() != 0) {
            throw new IllegalStateException("Python package 'tokenizers' is missing from " + python + ": "
                    + SETUP_HINT + "\n" + probe.output());
        }
        return hf;
    }

    /** HF's ids for each text; {@code allowSpecial} as in {@link Tokenizer#encode(String, boolean)}. */
    public List<int[]> encode(Path tokenizerJson, List<String> texts, boolean allowSpecial) throws IOException {
        Path dir = Files.createTempDirectory("hf-parity");
        try {
            Path in = dir.resolve("texts.json");
            Path out = dir.resolve("ids.json");
            Files.writeString(in, GSON.toJson(texts), StandardCharsets.UTF_8);
            List<String> args = new ArrayList<>(List.of(script(), "encode", tokenizerJson.toString(),
                    in.toString(), out.toString()));
            if (allowSpecial) {
                args.add("--special");
            }
            check(python(args));
            int[][] ids = GSON.fromJson(Files.readString(out, StandardCharsets.UTF_8), int[][].class);
            return List.of(ids);
        } finally {
            AtomicFiles.deleteTree(dir);
        }
    }

    /** Times HF encoding {@code docs} one call at a time on one thread, after a warm-up pass. */
    public EncodeTiming time(Path tokenizerJson, List<String> docs) throws IOException {
        Path dir = Files.createTempDirectory("hf-bench");
        try {
            Path in = dir.resolve("docs.json");
            Files.writeString(in, GSON.toJson(docs), StandardCharsets.UTF_8);
            Result r = check(python(List.of(script(), "bench", tokenizerJson.toString(), in.toString())));
            String lastLine = r.output().strip().lines().reduce((a, b) -> b).orElse("{}");
            JsonObject o = GSON.fromJson(lastLine, JsonObject.class);
            return new EncodeTiming(o.get("seconds").getAsDouble(), o.get("bytes").getAsLong(),
                    o.get("tokens").getAsLong(), o.get("checksum").getAsLong());
        } finally {
            AtomicFiles.deleteTree(dir);
        }
    }

    /** The same rolling hash over ids as the Python script's {@code checksum}. */
    public static long checksum(List<int[]> idLists) {
        long h = 0;
        long mask = (1L << 61) - 1;
        for (int[] ids : idLists) {
            for (int id : ids) {
                h = (h * 1_000_003L + id + 1) & mask; // low 61 bits agree with Python's exact ints
            }
        }
        return h;
    }

    private record Result(int exitCode, String output) {}

    private String script() {
        return root.resolve(SCRIPT).toString();
    }

    private Result python(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(python.toString());
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Result(-1, "timed out after " + TIMEOUT_MINUTES + " minutes");
            }
            return new Result(p.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, "could not start " + python + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private Result check(Result r) {
        if (r.exitCode() != 0) {
            throw new IllegalStateException(SCRIPT + " failed (exit " + r.exitCode() + "):\n" + r.output());
        }
        return r;
    }
}
