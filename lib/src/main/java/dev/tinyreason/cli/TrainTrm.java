package dev.tinyreason.cli;

import dev.tinyreason.trm.SudokuDataset;
import dev.tinyreason.trm.TrmConfig;
import dev.tinyreason.trm.TrmEvaluator;
import dev.tinyreason.trm.TrmModel;
import dev.tinyreason.trm.TrmRun;
import dev.tinyreason.trm.TrmTrainConfig;
import dev.tinyreason.trm.TrmTrainer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./tinyreason train trm}: trains the Tiny Recursive Model on 6×6 Sudoku and writes
 * {@code data/checkpoints/trm-sudoku6/} (saved every few minutes, and atomically). With
 * {@code --baselines-minutes M} it then trains the single-pass and matched-compute baselines for
 * M minutes each into {@code baselines/} inside the checkpoint, and evaluates all of them on the
 * held-out split.
 */
@Command(name = "trm", description = "The Tiny Recursive Model on 6x6 Sudoku (25 min on 2 "
        + "cores).")
public final class TrainTrm implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", description = "Checkpoint directory (default "
            + "data/checkpoints/trm-<preset>).")
    Path outDir;

    @Option(names = "--steps", paramLabel = "N", converter = Cli.Positive.class,
            description = "Stop after N steps even if time is left.")
    int maxSteps = Integer.MAX_VALUE;

    @Option(names = "--threads", paramLabel = "K", converter = Cli.Positive.class,
            description = "CPU threads for PyTorch (default ${DEFAULT-VALUE}).")
    int threads = 2;

    @Option(names = "--eval-puzzles", paramLabel = "N", converter = Cli.Positive.class,
            description = "Held-out puzzles to evaluate at the end (default ${DEFAULT-VALUE}).")
    int evalPuzzles = 500;

    @Option(names = "--seed", paramLabel = "S", converter = Cli.NonNegative.class,
            description = "Seed for weights, data order and augmentation (default "
                    + "${DEFAULT-VALUE}).")
    int seed;

    @Option(names = "--log-every", paramLabel = "N", converter = Cli.Positive.class,
            description = "Steps between progress lines (default ${DEFAULT-VALUE}).")
    int logEvery = 100;

    private TrmPreset preset = TrmPreset.SUDOKU6;
    private double minutes = 25;
    private double baselineMinutes;

    /** {@code ./tinyreason train trm ARGS}. */
    public static int run(String[] args) {
        return Main.run(List.of("train", "trm"), args);
    }

    @Option(names = "--preset", paramLabel = "NAME", description = "sudoku6 (default) or "
            + "sudoku4 (seconds, for a smoke test).")
    void preset(String name) {
        preset = TrmPreset.named(name);
    }

    @Option(names = "--minutes", paramLabel = "M", description = "Training time budget in (0, "
            + "120] (default 25).")
    void minutes(double m) {
        minutes = Cli.minutes("--minutes", m, 120);
    }

    @Option(names = "--baselines-minutes", paramLabel = "M", description = "Also train the two "
            + "baselines for M minutes each, in [0, 120] (default 0: none).")
    void baselineMinutes(double m) {
        if (!(m >= 0 && m <= 120)) {
            throw new IllegalArgumentException("--baselines-minutes must be in [0, 120] (0: no "
                    + "baselines), got " + m + ".");
        }
        baselineMinutes = m;
    }

    @Override
    public Integer call() throws Exception {
        Path out = outDir != null ? outDir : Path.of("data/checkpoints/trm-" + preset);
        // Must be set before the PyTorch engine loads.
        dev.tinyreason.tensor.Environment.useThreads(threads);

        TrmConfig config = preset.config();
        TrmTrainConfig train = preset.train().withSeed(seed);
        SudokuDataset.Spec spec = preset.spec();
        SudokuDataset data = SudokuDataset.generate(spec);
        System.out.printf(Locale.ROOT, "TRM %s: %,d parameters, %d training puzzles "
                + "(augmented), %d held out; %.1f min budget%n", config.shape(),
                TrmModel.init(config, 0).parameterCount(), data.train().size(),
                data.test().size(), minutes);
        System.out.println(TrmTrainer.Progress.csvHeader());

        TrmRun.Plan plan = new TrmRun.Plan(config, train, data, out, maxSteps, logEvery,
                evalPuzzles, TrmRun.SAVE_EVERY_SECONDS);
        TrmRun.Trained trm = TrmRun.train(plan, minutes * 60,
                p -> System.out.println(p.csvRow()));
        TrmEvaluator.Report report = trm.test();
        System.out.printf(Locale.ROOT, "TRM held-out (%d puzzles): exact %.3f, cell %.3f at "
                + "halting (mean step %.2f); after %d steps exact %.3f%n",
                report.atHalt().puzzles(), report.atHalt().exactAccuracy(),
                report.atHalt().cellAccuracy(), report.halting().meanHaltStep(), config.nSup(),
                report.last().exactAccuracy());
        if (baselineMinutes > 0) {
            TrmRun.withBaselines(plan, trm, baselineMinutes * 60,
                    p -> System.out.println(p.csvRow()), System.out::println);
        }
        System.out.println("Wrote " + out.toAbsolutePath());
        return 0;
    }
}
