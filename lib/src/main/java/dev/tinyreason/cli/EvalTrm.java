package dev.tinyreason.cli;

import com.google.gson.GsonBuilder;
import dev.tinyreason.trm.Sudoku;
import dev.tinyreason.trm.SudokuDataset;
import dev.tinyreason.trm.TrmCheckpoint;
import dev.tinyreason.trm.TrmConfig;
import dev.tinyreason.trm.TrmEvaluator;
import dev.tinyreason.trm.TrmModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./tinyreason eval-trm --checkpoint DIR (--split test | --input FILE)}: prints JSON with
 * the exact-solve rate and cell accuracy of a TRM checkpoint, at its own halting decision and
 * after each supervision step.
 *
 * <p>{@code --split test} regenerates the checkpoint's held-out puzzles from the data spec in
 * its config.json. {@code --input FILE} reads one puzzle per line (16, 36 or 81 characters, 0 or
 * . for a blank, optionally {@code ,solution}); every puzzle must have exactly one solution.
 */
public final class EvalTrm {

    private static final String USAGE = """
            Usage: ./tinyreason eval-trm --checkpoint DIR (--split test | --input FILE) [options]
              --checkpoint DIR   a directory written by './tinyreason train trm'
              --split test       the checkpoint's held-out puzzles
              --input FILE       one puzzle per line, 0 or . for a blank
              --limit N          evaluate the first N puzzles only (default 500 for --split)
              --steps N          supervision steps to run (default: the model's nSup)
            """;

    private EvalTrm() {}

    public static int run(String[] args) throws Exception {
        Map<String, String> opts;
        try {
            opts = options(args, List.of("--checkpoint", "--split", "--input", "--limit",
                    "--steps"));
            if (!opts.containsKey("--checkpoint")) {
                throw new IllegalArgumentException("--checkpoint DIR is required.");
            }
            if (opts.containsKey("--split") == opts.containsKey("--input")) {
                throw new IllegalArgumentException("Give exactly one of --split test and "
                        + "--input FILE.");
            }
            if (opts.containsKey("--split") && !opts.get("--split").equals("test")) {
                throw new IllegalArgumentException("The only split is 'test' (the held-out "
                        + "puzzles), got '" + opts.get("--split") + "'.");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
        try {
            TrmCheckpoint.Loaded ckpt = TrmCheckpoint.load(Path.of(opts.get("--checkpoint")));
            TrmModel model = ckpt.model();
            List<Sudoku> puzzles;
            String source;
            if (opts.containsKey("--input")) {
                puzzles = SudokuDataset.read(Path.of(opts.get("--input")));
                source = opts.get("--input");
            } else {
                puzzles = SudokuDataset.testSplit(ckpt.data());
                source = "test split (seed " + ckpt.data().seed() + ")";
            }
            if (!puzzles.get(0).shape().equals(model.config().shape())) {
                throw new IllegalArgumentException("The puzzles are " + puzzles.get(0).shape()
                        + " but the checkpoint solves " + model.config().shape() + "; use "
                        + model.config().cells() + "-character lines.");
            }
            int limit = Integer.parseInt(opts.getOrDefault("--limit",
                    opts.containsKey("--input") ? String.valueOf(puzzles.size()) : "500"));
            puzzles = puzzles.subList(0, Math.min(limit, puzzles.size()));
            int steps = Integer.parseInt(opts.getOrDefault("--steps",
                    String.valueOf(model.config().nSup())));
            TrmEvaluator.Report report = TrmEvaluator.evaluate(model, puzzles, steps);

            Map<String, Object> json = new LinkedHashMap<>();
            json.put("checkpoint", opts.get("--checkpoint"));
            json.put("model", model.config().recursion() == TrmConfig.Recursion.TRM
                    ? "trm" : "feed-forward, " + model.config().numLayers() + " blocks");
            json.put("parameters", model.parameterCount());
            json.put("source", source);
            json.putAll(toJson(report));
            if (opts.containsKey("--input")) {
                List<String> answers = new ArrayList<>();
                for (int[] a : model.solve(puzzles.stream().map(Sudoku::puzzle).toList())) {
                    answers.add(Sudoku.toLine(a));
                }
                json.put("answers", answers);
            }
            System.out.println(new GsonBuilder().setPrettyPrinting().create().toJson(json));
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }

    /** A report as JSON-ready maps: headline numbers at halting, then the per-step curve. */
    static Map<String, Object> toJson(TrmEvaluator.Report r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("puzzles", r.atHalt().puzzles());
        json.put("exact_solve_rate", r.atHalt().exactAccuracy());
        json.put("cell_accuracy", r.atHalt().cellAccuracy());
        json.put("blank_cell_accuracy", r.atHalt().blankAccuracy());
        List<Map<String, Object>> byStep = new ArrayList<>();
        for (int s = 0; s < r.byStep().size(); s++) {
            TrmEvaluator.Score sc = r.byStep().get(s);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("step", s + 1);
            row.put("exact_solve_rate", sc.exactAccuracy());
            row.put("cell_accuracy", sc.cellAccuracy());
            byStep.add(row);
        }
        json.put("by_step", byStep);
        if (r.halting() != null) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("mean_halt_step", r.halting().meanHaltStep());
            h.put("halt_counts", r.halting().haltCounts());
            h.put("stopped_early", r.halting().stoppedEarly());
            h.put("precision", r.halting().precision());
            h.put("accuracy", r.halting().accuracy());
            json.put("halting", h);
        }
        json.put("seconds", Math.round(r.seconds() * 100) / 100.0);
        return json;
    }

    /** {@code --name value} pairs; throws on an unknown name or a missing value. */
    static Map<String, String> options(String[] args, List<String> known) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!known.contains(args[i])) {
                throw new IllegalArgumentException("Unknown option '" + args[i] + "'.");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + args[i] + " needs a value.");
            }
            out.put(args[i], args[++i]);
        }
        return out;
    }
}
