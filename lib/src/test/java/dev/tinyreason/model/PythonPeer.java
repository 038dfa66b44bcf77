package dev.tinyreason.model;

import com.google.gson.Gson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code lib/src/test/python/hf_llama_peer.py} in the project's {@code .venv}. When the
 * virtualenv or torch/transformers are missing it throws an AssertionError that says to run
 * {@code ./tinyreason test}: the peer tests fail, never skip.
 */
public final class PythonPeer {

    static final String SCRIPT = "lib/src/test/python/hf_llama_peer.py";
    static final String HINT = "run ./tinyreason test (it installs torch, transformers and "
            + "safetensors into .venv from binder/requirements.txt)";

    private final Path root;
    private final Path python;

    private PythonPeer(Path root, Path python) {
        this.root = root;
        this.python = python;
    }

    static PythonPeer locate() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve(SCRIPT))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new AssertionError("cannot find " + SCRIPT + " above the working directory");
        }
        Path python = dir.resolve(".venv/bin/python");
        if (!Files.isExecutable(python)) {
            throw new AssertionError("no Python virtualenv at " + python + ": " + HINT);
        }
        return new PythonPeer(dir, python);
    }

    /** Logits (sequence, position, vocab) that transformers computes for the folder's model. */
    float[][][] logits(Path folder, List<int[]> ids) throws Exception {
        return run(List.of("logits", folder.toString()), ids);
    }

    /** Saves a random HF model to {@code folder}; returns its logits on {@code ids}. */
    float[][][] make(Path folder, long seed, boolean tied, boolean qkNorm, List<int[]> ids)
            throws Exception {
        return run(List.of("make", folder.toString(), Long.toString(seed), tied ? "1" : "0",
                qkNorm ? "1" : "0"), ids);
    }

    private float[][][] run(List<String> args, List<int[]> ids) throws Exception {
        Path tmp = Files.createTempDirectory("hf-peer");
        Path in = tmp.resolve("ids.json");
        Path out = tmp.resolve("logits.json");
        Files.writeString(in, new Gson().toJson(ids), StandardCharsets.UTF_8);
        List<String> all = new ArrayList<>(args);
        all.add(in.toString());
        all.add(out.toString());
        runScript(SCRIPT, all);
        float[][][] logits = new Gson().fromJson(Files.readString(out), float[][][].class);
        Files.delete(in);
        Files.delete(out);
        Files.delete(tmp);
        return logits;
    }

    /**
     * Runs {@code script} (relative to the repository root) with the project's .venv Python;
     * exit code 3 means a missing package and fails with the set-up hint. Returns the output.
     */
    public static String runScript(String script, List<String> args) throws Exception {
        PythonPeer peer = locate();
        List<String> cmd = new ArrayList<>(List.of(peer.python.toString(),
                peer.root.resolve(script).toString()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(script + " timed out after 5 minutes");
        }
        if (p.exitValue() == 3) {
            throw new AssertionError(output.strip() + ": " + HINT);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(script + " failed (exit " + p.exitValue() + "):\n" + output);
        }
        return output;
    }
}
