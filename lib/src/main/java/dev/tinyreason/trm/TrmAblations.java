package dev.tinyreason.trm;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.tinyreason.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Training-time ablations of the Tiny Recursive Model: the same seed, the same data and the same
 * wall-clock budget for each variant of a base config, each scored on the same held-out puzzles.
 *
 * <p>Variants: {@code default}; {@code ema-off} (emaDecay 0); {@code T1} (one recursion per
 * supervision step); {@code n1} (one latent update per recursion); {@code nsup2} (two supervision
 * steps). A variant that the config rejects, or that equals the base, is skipped and listed in
 * the summary under {@code skipped}.
 *
 * <p>Writes, under {@code out}: {@code ablations.json} (one row per variant, rewritten after each
 * run so a partial sweep is still readable) and, per variant, {@code <variant>/result.json} and
 * {@code <variant>/training_log.csv}. No weights are saved.
 *
 * <p>{@code ./tinyreason train trm-ablations [--out DIR] [--minutes M]
 * [--preset sudoku6|sudoku4] [--eval-puzzles N] [--threads K] [--seed S] [--log-every N]
 * [--only a,b,...]} runs it ({@code dev.tinyreason.cli.TrainTrmAblations}).
 */
public final class TrmAblations {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting()
            .disableHtmlEscaping().serializeSpecialFloatingPointValues().create();

    private TrmAblations() {}

    /** One variant: a directory-safe name, the setting it changes, and what it trains. */
    public record Variant(String name, String changed, TrmConfig config, TrmTrainConfig train) {}

    /** A variant left out, and why. */
    public record Skipped(String name, String changed, String reason) {}

    /**
     * What to run.
     *
     * @param base              the config every variant changes one setting of
     * @param train             the training recipe (its seed is shared by every variant)
     * @param spec              the data set (generated once, shared by every variant)
     * @param secondsPerVariant training budget per variant
     * @param maxSteps          stop a run after this many steps even if time is left
     * @param evalPuzzles       held-out puzzles to score (the first N of the test split)
     * @param logEvery          steps between training-log rows
     * @param only              variant names to run (empty: all)
     * @param out               output directory
     */
    public record Options(TrmConfig base, TrmTrainConfig train, SudokuDataset.Spec spec,
            double secondsPerVariant, int maxSteps, int evalPuzzles, int logEvery,
            List<String> only, Path out) {

        public Options {
            only = List.copyOf(only);
            if (!(secondsPerVariant > 0) || maxSteps < 1 || evalPuzzles < 1 || logEvery < 1) {
                throw new IllegalArgumentException("secondsPerVariant, maxSteps, evalPuzzles and "
                        + "logEvery must be positive.");
            }
        }

        /** The course setting: 6×6, 4 minutes per variant, 500 held-out puzzles. */
        public static Options sudoku6(Path out) {
            return new Options(TrmConfig.sudoku6(), TrmTrainConfig.cpu(),
                    SudokuDataset.Spec.sudoku6(), 240, Integer.MAX_VALUE, 500, 100, List.of(),
                    out);
        }

        /** 4×4, a couple of seconds per variant: for tests. */
        public static Options sudoku4(Path out, double secondsPerVariant) {
            return new Options(TrmConfig.sudoku4(), TrmTrainConfig.tiny(),
                    SudokuDataset.Spec.sudoku4(), secondsPerVariant, Integer.MAX_VALUE, 60, 10,
                    List.of(), out);
        }
    }

    /**
     * One variant's result.
     *
     * @param minutes              training time actually spent (the trainer's clock)
     * @param trainExact           exact-solve rate of halted training puzzles in the last log window
     *                             that saw a halt (NaN if no training puzzle ever halted)
     * @param testExactAtHalt      held-out exact-solve rate at the model's own halting decision
     * @param testExactAllSteps    held-out exact-solve rate after all {@code evalSteps} steps
     * @param cellAccuracy         held-out cell accuracy at halting
     * @param cellAccuracyAllSteps held-out cell accuracy after all steps
     * @param evalSteps            supervision steps run at evaluation (the variant's nSup)
     */
    public record Row(String variant, String changed, double minutes, int steps,
            double trainExact, double testExactAtHalt, double testExactAllSteps,
            double cellAccuracy, double cellAccuracyAllSteps, double meanHaltStep,
            int evalSteps, int evalPuzzles, long puzzlesSeen, int T, int n, int nSup,
            float emaDecay) {}

    /** The variants of {@code base}, and those that cannot be built or equal the base. */
    public static List<Object> variants(TrmConfig base, TrmTrainConfig train) {
        List<Object> out = new ArrayList<>();
        out.add(new Variant("default", "none (T=" + base.T() + ", n=" + base.n() + ", N_sup="
                + base.nSup() + ", EMA " + train.emaDecay() + ")", base, train));
        addVariant(out, "ema-off", "EMA off (emaDecay " + train.emaDecay() + " -> 0)",
                train.emaDecay() == 0, () -> new Variant("ema-off", "", base,
                        train.withEmaDecay(0f)));
        addVariant(out, "T1", "T " + base.T() + " -> 1", base.T() == 1,
                () -> new Variant("T1", "", base.withRecursion(1, base.n(), base.nSup()), train));
        addVariant(out, "n1", "n " + base.n() + " -> 1", base.n() == 1,
                () -> new Variant("n1", "", base.withRecursion(base.T(), 1, base.nSup()), train));
        addVariant(out, "nsup2", "N_sup " + base.nSup() + " -> 2", base.nSup() == 2,
                () -> new Variant("nsup2", "", base.withRecursion(base.T(), base.n(), 2), train));
        return out;
    }

    private interface Maker {
        Variant make();
    }

    private static void addVariant(List<Object> out, String name, String changed,
            boolean sameAsBase, Maker maker) {
        if (sameAsBase) {
            out.add(new Skipped(name, changed, "the base config already has this setting"));
            return;
        }
        try {
            Variant v = maker.make();
            out.add(new Variant(name, changed, v.config(), v.train()));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            out.add(new Skipped(name, changed, "not supported by the config: " + e.getMessage()));
        }
    }

    /** Trains and scores every variant in turn; returns the rows (also written to disk). */
    public static List<Row> run(Options o) throws IOException {
        SudokuDataset data = SudokuDataset.generate(o.spec());
        List<Sudoku> test = data.test().subList(0, Math.min(o.evalPuzzles(),
                data.test().size()));
        Files.createDirectories(o.out());
        List<Row> rows = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        List<Variant> todo = new ArrayList<>();
        for (Object v : variants(o.base(), o.train())) {
            if (v instanceof Skipped s) {
                skipped.add(s);
            } else if (v instanceof Variant var
                    && (o.only().isEmpty() || o.only().contains(var.name()))) {
                todo.add(var);
            }
        }
        for (Skipped s : skipped) {
            System.out.println("Skipping " + s.name() + " (" + s.changed() + "): " + s.reason());
        }
        for (Variant v : todo) {
            System.out.printf(Locale.ROOT, "== %s (%s): T=%d n=%d N_sup=%d EMA=%s, %.1f min%n",
                    v.name(), v.changed(), v.config().T(), v.config().n(), v.config().nSup(),
                    v.train().emaDecay(), o.secondsPerVariant() / 60);
            long wall0 = System.nanoTime();
            TrmTrainer.Result r = TrmTrainer.trainFor(v.config(), v.train(), data,
                    o.secondsPerVariant(), o.maxSteps(), o.logEvery(),
                    p -> System.out.println(v.name() + "," + p.csvRow()));
            double wall = (System.nanoTime() - wall0) / 1e9;
            int evalSteps = v.config().nSup();
            TrmEvaluator.Report report = TrmEvaluator.evaluate(r.model(), test, evalSteps);
            // The last log window in which some puzzles halted (a final partial window may
            // hold none, and then reports 0).
            double trainExact = r.history().stream().filter(p -> p.meanHaltSteps() > 0)
                    .reduce((a, b) -> b).map(TrmTrainer.Progress::exactAccuracy)
                    .orElse(Double.NaN);
            long seen = r.history().isEmpty() ? 0
                    : r.history().get(r.history().size() - 1).puzzlesSeen();
            Row row = new Row(v.name(), v.changed(), round(r.seconds() / 60, 2), r.steps(),
                    trainExact, report.atHalt().exactAccuracy(),
                    report.last().exactAccuracy(), report.atHalt().cellAccuracy(),
                    report.last().cellAccuracy(),
                    report.halting() == null ? 1 : report.halting().meanHaltStep(), evalSteps,
                    test.size(), seen, v.config().T(), v.config().n(), v.config().nSup(),
                    v.train().emaDecay());
            rows.add(row);
            writeVariant(o.out().resolve(v.name()), v, row, r, report, wall);
            writeSummary(o, rows, skipped, todo);
            System.out.printf(Locale.ROOT, "%s: %d steps, train exact %.3f, test exact %.3f at "
                    + "halt / %.3f after %d steps, cell %.4f%n", v.name(), r.steps(), trainExact,
                    row.testExactAtHalt(), row.testExactAllSteps(), evalSteps,
                    row.cellAccuracy());
        }
        return rows;
    }

    private static void writeVariant(Path dir, Variant v, Row row, TrmTrainer.Result r,
            TrmEvaluator.Report report, double wallSeconds) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("row", rowJson(row));
        json.put("model", v.config());
        json.put("train", v.train());
        json.put("train_seconds", round(r.seconds(), 1));
        json.put("wall_seconds", round(wallSeconds, 1));
        List<Map<String, Object>> byStep = new ArrayList<>();
        for (int s = 0; s < report.byStep().size(); s++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step", s + 1);
            m.put("exact_solve_rate", report.byStep().get(s).exactAccuracy());
            m.put("cell_accuracy", report.byStep().get(s).cellAccuracy());
            byStep.add(m);
        }
        json.put("test_by_step", byStep);
        if (report.halting() != null) {
            json.put("halting", report.halting());
        }
        Files.writeString(dir.resolve("result.json"), GSON.toJson(json), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        lines.add(TrmTrainer.Progress.csvHeader());
        r.history().forEach(p -> lines.add(p.csvRow()));
        Files.write(dir.resolve(TrmCheckpoint.LOG), lines, StandardCharsets.UTF_8);
    }

    private static void writeSummary(Options o, List<Row> rows, List<Skipped> skipped,
            List<Variant> todo) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", "tinyreason-trm-ablations/1");
        json.put("base_model", o.base());
        json.put("train", o.train());
        json.put("data", o.spec());
        json.put("minutes_per_variant", o.secondsPerVariant() / 60);
        json.put("eval_puzzles", rows.isEmpty() ? 0 : rows.get(0).evalPuzzles());
        json.put("pytorch_threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
        json.put("complete", rows.size() == todo.size());
        json.put("variants", rows.stream().map(TrmAblations::rowJson).toList());
        json.put("skipped", skipped);
        AtomicFiles.writeString(o.out().resolve("ablations.json"), GSON.toJson(json));
    }

    /**
     * Reads the rows of a summary written by {@link #run} (e.g. the shipped
     * {@code data/checkpoints/trm-sudoku6/ablations/ablations.json}).
     */
    public static List<Row> load(Path summary) throws IOException {
        com.google.gson.JsonObject json;
        try {
            json = GSON.fromJson(Files.readString(summary, StandardCharsets.UTF_8),
                    com.google.gson.JsonObject.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(summary + " is not an ablation summary (JSON): "
                    + e.getMessage() + ". Regenerate it with ./tinyreason train trm-ablations.", e);
        }
        if (json == null || !json.has("variants") || !json.get("variants").isJsonArray()) {
            throw new IllegalArgumentException(summary + " has no 'variants' array; regenerate it "
                    + "with ./tinyreason train trm-ablations.");
        }
        List<Row> rows = new java.util.ArrayList<>();
        for (com.google.gson.JsonElement e : json.getAsJsonArray("variants")) {
            com.google.gson.JsonObject v = e.getAsJsonObject();
            rows.add(new Row(v.get("variant").getAsString(), v.get("changed").getAsString(),
                    v.get("minutes").getAsDouble(), v.get("steps").getAsInt(),
                    number(v, "train_exact"), number(v, "test_exact_at_halt"),
                    number(v, "test_exact_all_steps"), number(v, "cell_accuracy"),
                    number(v, "cell_accuracy_all_steps"), number(v, "mean_halt_step"),
                    v.get("eval_steps").getAsInt(), v.get("eval_puzzles").getAsInt(),
                    v.get("puzzles_seen").getAsLong(), v.get("T").getAsInt(),
                    v.get("n").getAsInt(), v.get("N_sup").getAsInt(),
                    v.get("ema_decay").getAsFloat()));
        }
        return rows;
    }

    /** A number that may have been written as NaN (a string or null in JSON). */
    private static double number(com.google.gson.JsonObject o, String key) {
        com.google.gson.JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return Double.NaN;
        }
        try {
            return e.getAsDouble();
        } catch (NumberFormatException notANumber) {
            return Double.NaN;
        }
    }

    private static Map<String, Object> rowJson(Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("variant", r.variant());
        m.put("changed", r.changed());
        m.put("minutes", r.minutes());
        m.put("steps", r.steps());
        m.put("train_exact", r.trainExact());
        m.put("test_exact_at_halt", r.testExactAtHalt());
        m.put("test_exact_all_steps", r.testExactAllSteps());
        m.put("cell_accuracy", r.cellAccuracy());
        m.put("cell_accuracy_all_steps", r.cellAccuracyAllSteps());
        m.put("mean_halt_step", r.meanHaltStep());
        m.put("eval_steps", r.evalSteps());
        m.put("eval_puzzles", r.evalPuzzles());
        m.put("puzzles_seen", r.puzzlesSeen());
        m.put("T", r.T());
        m.put("n", r.n());
        m.put("N_sup", r.nSup());
        m.put("ema_decay", r.emaDecay());
        return m;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
