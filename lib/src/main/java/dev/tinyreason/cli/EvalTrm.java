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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./tinyreason eval-trm --checkpoint DIR (--split test | --input FILE)}: prints JSON with
 * the exact-solve rate and cell accuracy of a TRM checkpoint, at its own halting decision and
 * after each supervision step.
 *
 * <p>{@code --split test} regenerates the checkpoint's held-out puzzles from the data spec in
 * its config.json. {@code --input FILE} reads one puzzle per line (16, 36 or 81 characters, 0 or
 * . for a blank, optionally {@code ,solution}); every puzzle must have exactly one solution.
 */
@Command(name = "eval-trm", description = "Score a TRM checkpoint on Sudoku as JSON.")
public final class EvalTrm implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", paramLabel = "DIR", required = true,
            description = "A directory written by './tinyreason train trm'.")
    Path checkpoint;

    @Option(names = "--input", paramLabel = "FILE", description = "One puzzle per line, 0 or . "
            + "for a blank.")
    Path input;

    @Option(names = "--limit", paramLabel = "N", description = "Evaluate the first N puzzles "
            + "only (default 500 for --split).")
    Integer limit;

    @Option(names = "--steps", paramLabel = "N", description = "Supervision steps to run "
            + "(default: the model's nSup).")
    Integer steps;

    private boolean testSplit;

    /** {@code ./tinyreason eval-trm ARGS}. */
    public static int run(String[] args) {
        return Main.run(List.of("eval-trm"), args);
    }

    @Option(names = "--split", paramLabel = "test", description = "The checkpoint's held-out "
            + "puzzles.")
    void split(String name) {
        if (!name.equals("test")) {
            throw new IllegalArgumentException("The only split is 'test' (the held-out "
                    + "puzzles), got '" + name + "'.");
        }
        testSplit = true;
    }

    @Override
    public Integer call() throws Exception {
        if (testSplit == (input != null)) {
            throw Cli.mistake(spec, "Give exactly one of --split test and --input FILE.");
        }
        TrmCheckpoint.Loaded ckpt = TrmCheckpoint.load(checkpoint);
        TrmModel model = ckpt.model();
        List<Sudoku> puzzles;
        String source;
        if (input != null) {
            puzzles = SudokuDataset.read(input);
            source = input.toString();
        } else {
            puzzles = SudokuDataset.testSplit(ckpt.data());
            source = "test split (seed " + ckpt.data().seed() + ")";
        }
        if (!puzzles.get(0).shape().equals(model.config().shape())) {
            throw new IllegalArgumentException("The puzzles are " + puzzles.get(0).shape()
                    + " but the checkpoint solves " + model.config().shape() + "; use "
                    + model.config().cells() + "-character lines.");
        }
        int n = limit != null ? limit : input != null ? puzzles.size() : 500;
        puzzles = puzzles.subList(0, Math.min(n, puzzles.size()));
        TrmEvaluator.Report report = TrmEvaluator.evaluate(model, puzzles,
                steps != null ? steps : model.config().nSup());

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("checkpoint", checkpoint.toString());
        json.put("model", model.config().recursion() == TrmConfig.Recursion.TRM
                ? "trm" : "feed-forward, " + model.config().numLayers() + " blocks");
        json.put("parameters", model.parameterCount());
        json.put("source", source);
        json.putAll(report.toJson());
        if (input != null) {
            List<String> answers = new ArrayList<>();
            for (int[] a : model.solve(puzzles.stream().map(Sudoku::puzzle).toList())) {
                answers.add(Sudoku.toLine(a));
            }
            json.put("answers", answers);
        }
        System.out.println(new GsonBuilder().setPrettyPrinting().create().toJson(json));
        return 0;
    }
}
