package dev.tinyreason.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Training metrics per step under TRL's key names ({@code loss}, {@code grad_norm},
 * {@code learning_rate}, {@code num_tokens}, {@code rewards/margins}, ...), so a learner can
 * compare a run here with a TRL log line by line. Rows may carry different keys; the CSV has
 * one column per key ever logged, empty where a row lacks it.
 */
public final class MetricLog {

    public static final String LOSS = "loss";
    public static final String GRAD_NORM = "grad_norm";
    public static final String LEARNING_RATE = "learning_rate";
    public static final String NUM_TOKENS = "num_tokens";
    public static final String MEAN_TOKEN_ACCURACY = "mean_token_accuracy";
    public static final String TOKENS_PER_SECOND = "train_tokens_per_second";

    /** One logged step. */
    public record Row(int step, Map<String, Double> values) {
        public Row {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final Set<String> keys = new LinkedHashSet<>();

    /** Adds a row; keys keep the order in which they were first logged. */
    public synchronized void log(int step, Map<String, Double> values) {
        rows.add(new Row(step, values));
        keys.addAll(values.keySet());
    }

    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    public synchronized List<String> keys() {
        return List.copyOf(keys);
    }

    /** The steps of the rows that have {@code key}. */
    public synchronized int[] steps(String key) {
        return rows.stream().filter(r -> r.values().containsKey(key)).mapToInt(Row::step)
                .toArray();
    }

    /** The values of {@code key}, in step order, skipping rows without it (ready to plot). */
    public synchronized double[] series(String key) {
        return rows.stream().filter(r -> r.values().containsKey(key))
                .mapToDouble(r -> r.values().get(key)).toArray();
    }

    /** The latest value of {@code key}, or NaN when it was never logged. */
    public synchronized double last(String key) {
        for (int i = rows.size() - 1; i >= 0; i--) {
            Double v = rows.get(i).values().get(key);
            if (v != null) {
                return v;
            }
        }
        return Double.NaN;
    }

    /**
     * The rows whose {@code key} is {@code value}, as a log of their own: e.g. one round of a
     * run that logs a {@code round} column ({@code train dpo --rounds}).
     */
    public synchronized MetricLog where(String key, double value) {
        MetricLog out = new MetricLog();
        for (Row r : rows) {
            Double v = r.values().get(key);
            if (v != null && v == value) {
                out.log(r.step(), r.values());
            }
        }
        return out;
    }

    /** CSV with a header {@code step,key1,key2,...}; numbers in Java's shortest exact form. */
    public synchronized String toCsv() {
        StringBuilder sb = new StringBuilder("step");
        keys.forEach(k -> sb.append(',').append(k));
        sb.append('\n');
        for (Row r : rows) {
            sb.append(r.step());
            for (String k : keys) {
                Double v = r.values().get(k);
                sb.append(',').append(v == null ? "" : String.format(Locale.ROOT, "%s", v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Writes {@link #toCsv()} atomically (temp file + rename). */
    public void writeCsv(Path file) throws IOException {
        dev.tinyreason.io.AtomicFiles.writeString(file, toCsv());
    }

    /** Reads a CSV written by {@link #writeCsv}. */
    public static MetricLog fromCsv(String csv) {
        MetricLog log = new MetricLog();
        List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return log;
        }
        String[] header = lines.get(0).split(",", -1);
        if (!header[0].equals("step")) {
            throw new IllegalArgumentException("A metric log CSV starts with a 'step' column, "
                    + "this one with '" + header[0] + "'.");
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (cells.length != header.length) {
                throw new IllegalArgumentException("The metric log row '" + line + "' has "
                        + cells.length + " cells; the header has " + header.length + ".");
            }
            Map<String, Double> values = new LinkedHashMap<>();
            for (int i = 1; i < cells.length; i++) {
                if (!cells[i].isEmpty()) {
                    values.put(header[i], Double.parseDouble(cells[i]));
                }
            }
            log.log(Integer.parseInt(cells[0]), values);
        }
        return log;
    }

    /**
     * The mean of the first {@code 1/parts} of a series (at least one value; NaN when empty):
     * how a run started, for comparing with {@link #tailMean}.
     */
    public static double headMean(double[] series, int parts) {
        return series.length == 0 ? Double.NaN
                : mean(series, 0, Math.max(1, series.length / parts));
    }

    /** The mean of the last {@code 1/parts} of a series (at least one value; NaN when empty). */
    public static double tailMean(double[] series, int parts) {
        return series.length == 0 ? Double.NaN
                : mean(series, series.length - Math.max(1, series.length / parts),
                        series.length);
    }

    /** The mean of a whole series (NaN when empty). */
    public static double mean(double[] series) {
        return series.length == 0 ? Double.NaN : mean(series, 0, series.length);
    }

    /** The mean of a series' last {@code n} values (all of them when it is shorter). */
    public static double lastMean(double[] series, int n) {
        return series.length == 0 ? Double.NaN
                : mean(series, Math.max(0, series.length - n), series.length);
    }

    /**
     * An exponential moving average, {@code out[i] = decay * out[i-1] + (1 - decay) * v[i]},
     * starting from the first value: a noisy per-step curve made readable.
     */
    public static double[] ema(double[] series, double decay) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("decay must be in [0, 1), got " + decay
                    + "; 0.9 averages over about the last 10 steps.");
        }
        double[] out = series.clone();
        for (int i = 1; i < out.length; i++) {
            out[i] = decay * out[i - 1] + (1 - decay) * series[i];
        }
        return out;
    }

    private static double mean(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return s / (to - from);
    }
}
