package dev.tinyreason.cli;

import dev.tinyreason.trm.SudokuDataset;
import dev.tinyreason.trm.TrmCheckpoint;
import dev.tinyreason.trm.TrmConfig;
import dev.tinyreason.trm.TrmEvaluator;
import dev.tinyreason.trm.TrmModel;
import dev.tinyreason.trm.TrmTrainConfig;
import dev.tinyreason.trm.TrmTrainer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./tinyreason train trm}: trains the Tiny Recursive Model on 6×6 Sudoku and writes
 * {@code data/checkpoints/trm-sudoku6/} (saved every few minutes, and atomically). With
 * {@code --baselines-minutes M} it then trains the single-pass and matched-compute baselines for
 * M minutes each into {@code baselines/} inside the checkpoint, and evaluates all of them on the
 * held-out split.
 */
public final class TrainTrm {

    private static final String USAGE = """
            Usage: ./tinyreason train trm [options]
              --out DIR               checkpoint directory (default data/checkpoints/trm-sudoku6)
              --preset NAME           sudoku6 (default) or sudoku4 (seconds, for a smoke test)
              --minutes M             training time budget (default 25)
              --steps N               stop after N steps even if time is left
              --threads K             CPU threads for PyTorch (default 2)
              --baselines-minutes M   also train the two baselines for M minutes each (default 0)
              --eval-puzzles N        held-out puzzles to evaluate at the end (default 500)
              --seed S                seed for weights, data order and augmentation (default 0)
              --log-every N           steps between progress lines (default 100)
            """;

    private TrainTrm() {}

    public static int run(String[] args) throws Exception {
        Map<String, String> opts;
        try {
            opts = EvalTrm.options(args, List.of("--out", "--preset", "--minutes", "--steps",
                    "--threads", "--baselines-minutes", "--eval-puzzles", "--seed",
                    "--log-every"));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
        String preset = opts.getOrDefault("--preset", "sudoku6");
        Path out;
        double minutes;
        double baselineMinutes;
        int maxSteps;
        int evalPuzzles;
        int logEvery;
        int threads;
        long seed;
        try {
            if (!preset.equals("sudoku6") && !preset.equals("sudoku4")) {
                throw new IllegalArgumentException("Unknown preset '" + preset
                        + "'; use sudoku6 or sudoku4.");
            }
            out = Path.of(opts.getOrDefault("--out", "data/checkpoints/trm-" + preset));
            minutes = Eval.minutes("--minutes", opts.getOrDefault("--minutes", "25"), 120);
            maxSteps = Eval.integer("--steps", opts.getOrDefault("--steps",
                    String.valueOf(Integer.MAX_VALUE)), 1);
            baselineMinutes = Eval.number("--baselines-minutes",
                    opts.getOrDefault("--baselines-minutes", "0"));
            if (!(baselineMinutes >= 0 && baselineMinutes <= 120)) {
                throw new IllegalArgumentException("--baselines-minutes must be in [0, 120] (0: no "
                        + "baselines), got " + baselineMinutes + ".");
            }
            evalPuzzles = Eval.integer("--eval-puzzles", opts.getOrDefault("--eval-puzzles", "500"), 1);
            logEvery = Eval.integer("--log-every", opts.getOrDefault("--log-every", "100"), 1);
            threads = Eval.integer("--threads", opts.getOrDefault("--threads", "2"), 1);
            seed = Eval.integer("--seed", opts.getOrDefault("--seed", "0"), 0);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
        // Must be set before the PyTorch engine loads.
        dev.tinyreason.tensor.Environment.useThreads(threads);

        boolean six = preset.equals("sudoku6");
        TrmConfig config = six ? TrmConfig.sudoku6() : TrmConfig.sudoku4();
        TrmTrainConfig train = (six ? TrmTrainConfig.cpu() : TrmTrainConfig.tiny())
                .withSeed(seed);
        SudokuDataset.Spec spec = six ? SudokuDataset.Spec.sudoku6()
                : SudokuDataset.Spec.sudoku4();
        SudokuDataset data = SudokuDataset.generate(spec);
        System.out.printf(Locale.ROOT, "TRM %s: %,d parameters, %d training puzzles "
                + "(augmented), %d held out; %.1f min budget%n", config.shape(),
                TrmModel.init(config, 0).parameterCount(), data.train().size(),
                data.test().size(), minutes);
        System.out.println(TrmTrainer.Progress.csvHeader());

        Map<String, Object> summary = new LinkedHashMap<>();
        TrmModel model;
        List<TrmTrainer.Progress> log;
        try (TrmTrainer trainer = new TrmTrainer(config, train, data)) {
            double budget = minutes * 60;
            double nextSave = 300;
            while (trainer.stepsDone() < maxSteps && trainer.secondsSpent() < budget) {
                double chunk = Math.min(budget - trainer.secondsSpent(),
                        nextSave - trainer.secondsSpent());
                trainer.train(maxSteps, Math.max(chunk, 1e-3), logEvery,
                        p -> System.out.println(p.csvRow()));
                if (trainer.secondsSpent() >= nextSave) {
                    summary.put("steps", trainer.stepsDone());
                    summary.put("train_seconds", round(trainer.secondsSpent()));
                    summary.put("finished", false);
                    TrmCheckpoint.save(out, trainer.model(), train, spec, trainer.history(),
                            summary);
                    nextSave += 300;
                }
            }
            model = trainer.model();
            log = trainer.history();
            summary.put("steps", trainer.stepsDone());
            summary.put("train_seconds", round(trainer.secondsSpent()));
            summary.put("finished", true);
        }
        List<dev.tinyreason.trm.Sudoku> test = data.test().subList(0,
                Math.min(evalPuzzles, data.test().size()));
        TrmEvaluator.Report report = TrmEvaluator.evaluate(model, test, config.nSup());
        summary.put("test", EvalTrm.toJson(report));
        TrmCheckpoint.save(out, model, train, spec, log, summary);
        System.out.printf(Locale.ROOT, "TRM held-out (%d puzzles): exact %.3f, cell %.3f at "
                + "halting (mean step %.2f); after %d steps exact %.3f%n", test.size(),
                report.atHalt().exactAccuracy(), report.atHalt().cellAccuracy(),
                report.halting().meanHaltStep(), config.nSup(), report.last().exactAccuracy());

        if (baselineMinutes > 0) {
            Map<String, Object> baselines = new LinkedHashMap<>();
            for (String name : List.of("single-pass", "deep")) {
                TrmConfig bc = name.equals("deep") ? config.deepBaseline()
                        : config.singlePassBaseline();
                System.out.printf(Locale.ROOT, "Baseline %s: %d blocks, %,d parameters%n", name,
                        bc.numLayers(), TrmModel.init(bc, 0).parameterCount());
                TrmTrainer.Result r = TrmTrainer.trainFor(bc, train, data, baselineMinutes * 60,
                        maxSteps, logEvery, p -> System.out.println(p.csvRow()));
                TrmEvaluator.Report br = TrmEvaluator.evaluate(r.model(), test, 1);
                Map<String, Object> bs = new LinkedHashMap<>();
                bs.put("steps", r.steps());
                bs.put("train_seconds", round(r.seconds()));
                bs.put("test", EvalTrm.toJson(br));
                TrmCheckpoint.save(out.resolve("baselines").resolve(name), r.model(), train,
                        spec, r.history(), bs);
                baselines.put(name, Map.of("parameters", r.model().parameterCount(),
                        "blocks", bc.numLayers(), "exact", br.atHalt().exactAccuracy(),
                        "cell", br.atHalt().cellAccuracy(), "steps", r.steps()));
                System.out.printf(Locale.ROOT, "Baseline %s held-out: exact %.3f, cell %.3f%n",
                        name, br.atHalt().exactAccuracy(), br.atHalt().cellAccuracy());
            }
            summary.put("baselines", baselines);
            TrmCheckpoint.save(out, model, train, spec, log, summary);
        }
        System.out.println("Wrote " + out.toAbsolutePath());
        return 0;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
