package dev.tinyreason.cli;

import dev.tinyreason.tensor.Environment;
import dev.tinyreason.trm.TrmAblations;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./tinyreason train trm-ablations [--out DIR] [--minutes M] [--preset sudoku6|sudoku4]
 * [--eval-puzzles N] [--threads K] [--seed S] [--log-every N] [--steps N] [--only a,b,...]}:
 * the Tiny Recursive Model's training-time ablations ({@link TrmAblations}), each variant with
 * the same seed, data and wall-clock budget, written to {@code DIR/ablations.json} (default
 * {@code data/checkpoints/trm-<preset>/ablations}). No weights are saved.
 */
@Command(name = "trm-ablations", description = "The TRM's ablation sweep: each variant for "
        + "the same minutes (4 each by default).")
public final class TrainTrmAblations implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default "
            + "data/checkpoints/trm-<preset>/ablations).")
    Path outDir;

    @Option(names = "--minutes", paramLabel = "M", description = "Training minutes per variant "
            + "(default 4; 0.05 for sudoku4).")
    Double minutes;

    @Option(names = "--threads", paramLabel = "K", description = "CPU threads for PyTorch "
            + "(default ${DEFAULT-VALUE}).")
    int threads = 1;

    @Option(names = "--seed", paramLabel = "S", description = "Seed shared by every variant "
            + "(default the preset's).")
    Long seed;

    @Option(names = "--steps", paramLabel = "N", description = "Stop a run after N steps even "
            + "if time is left.")
    Integer maxSteps;

    @Option(names = "--eval-puzzles", paramLabel = "N", description = "Held-out puzzles to "
            + "score (default 500; 60 for sudoku4).")
    Integer evalPuzzles;

    @Option(names = "--log-every", paramLabel = "N", description = "Steps between training-log "
            + "rows (default 100; 10 for sudoku4).")
    Integer logEvery;

    private TrmPreset preset = TrmPreset.SUDOKU6;
    private List<String> only = List.of();

    /** {@code ./tinyreason train trm-ablations ARGS}. */
    public static int run(String[] args) {
        return Main.run(List.of("train", "trm-ablations"), args);
    }

    @Option(names = "--preset", paramLabel = "NAME", description = "sudoku6 (default) or "
            + "sudoku4 (seconds, for a smoke test).")
    void preset(String name) {
        preset = TrmPreset.named(name);
    }

    @Option(names = "--only", paramLabel = "A,B", description = "Only these variants: default, "
            + "ema-off, T1, n1, nsup2 (default all).")
    void only(String names) {
        only = List.of(names.split(","));
    }

    @Override
    public Integer call() throws Exception {
        Environment.useThreads(threads);  // before the PyTorch engine loads
        Path out = outDir != null ? outDir
                : Path.of("data/checkpoints/trm-" + preset + "/ablations");
        TrmAblations.Options o = preset.ablations(out);
        double seconds = minutes != null ? minutes * 60 : o.secondsPerVariant();
        o = new TrmAblations.Options(o.base(), o.train().withSeed(seed != null ? seed
                : o.train().seed()), o.spec(), seconds, maxSteps != null ? maxSteps
                : o.maxSteps(), evalPuzzles != null ? evalPuzzles : o.evalPuzzles(),
                logEvery != null ? logEvery : o.logEvery(), only, out);
        TrmAblations.run(o);
        System.out.println("Wrote " + out.toAbsolutePath().resolve("ablations.json"));
        return 0;
    }
}
