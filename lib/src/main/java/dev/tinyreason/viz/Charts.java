package dev.tinyreason.viz;

import dev.tinyreason.infer.Probe;
import dev.tinyreason.infer.Scoreboard;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * XChart charts in the course's house style. A chart that is a notebook cell's value renders
 * inline as a PNG (the kernel start-up script registers {@link #pngBase64}).
 */
public final class Charts {

    public static final int WIDTH = 640;
    public static final int HEIGHT = 380;

    private Charts() {}

    /**
     * An empty line chart with titles, ready for {@code addSeries(name, xs, ys)} (or
     * {@code addSeries(name, xs, ys, errorBars)}). The legend sits below the plot, where it
     * cannot hide a point.
     */
    public static XYChart line(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        XYStyler s = chart.getStyler();
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setErrorBarsColorSeriesColor(true);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotGridLinesVisible(true);
        s.setMarkerSize(5);
        return chart;
    }

    /**
     * Adds accuracies measured on {@code n} problems each as a series with error bars of one
     * standard error, {@code sqrt(p (1 - p) / n)}: two methods whose bars overlap widely are
     * not told apart by this many problems. Returns the chart, so calls chain.
     */
    public static XYChart accuracies(XYChart chart, String name, double[] xs, double[] accuracy,
            int n) {
        int[] ns = new int[accuracy.length];
        Arrays.fill(ns, n);
        return accuracies(chart, name, xs, accuracy, ns);
    }

    /** {@link #accuracies(XYChart, String, double[], double[], int)} with its own n per point. */
    public static XYChart accuracies(XYChart chart, String name, double[] xs, double[] accuracy,
            int[] n) {
        if (xs.length != accuracy.length || n.length != accuracy.length) {
            throw new IllegalArgumentException("One accuracy and one n per x: " + xs.length
                    + " xs, " + accuracy.length + " accuracies, " + n.length + " counts.");
        }
        double[] se = new double[accuracy.length];
        for (int i = 0; i < se.length; i++) {
            se[i] = Scoreboard.standardError(accuracy[i], n[i]);
        }
        chart.addSeries(name, xs, accuracy, se);
        return chart;
    }

    /**
     * Accuracy against a whole-number x (a difficulty level, say) with one standard error per
     * point; {@code n} gives each x's problem count, and its keys must be {@code accuracy}'s.
     */
    public static XYChart accuracies(XYChart chart, String name,
            Map<Integer, Double> accuracy, Map<Integer, Integer> n) {
        if (!accuracy.keySet().equals(n.keySet())) {
            throw new IllegalArgumentException("Accuracies at " + accuracy.keySet()
                    + " but counts at " + n.keySet() + "; give both for the same x values.");
        }
        List<Integer> keys = new ArrayList<>(new TreeSet<>(accuracy.keySet()));
        return accuracies(chart, name, keys.stream().mapToDouble(Integer::doubleValue).toArray(),
                keys.stream().mapToDouble(accuracy::get).toArray(),
                keys.stream().mapToInt(n::get).toArray());
    }

    /**
     * Means against a whole-number x (a difficulty level, say), each with error bars of one
     * standard error ({@link Probe.Stat}; a mean of one value has no bar). Returns the chart,
     * so calls chain.
     */
    public static XYChart means(XYChart chart, String name, Map<Integer, Probe.Stat> means) {
        List<Integer> keys = new ArrayList<>(new TreeSet<>(means.keySet()));
        chart.addSeries(name, keys.stream().mapToDouble(Integer::doubleValue).toArray(),
                keys.stream().mapToDouble(k -> means.get(k).mean()).toArray(),
                keys.stream().mapToDouble(k -> Double.isNaN(means.get(k).se()) ? 0
                        : means.get(k).se()).toArray());
        return chart;
    }

    /**
     * An empty bar chart with titles, ready for {@code addSeries(name, categories, ys)} (or
     * with error bars, {@code addSeries(name, categories, ys, errors)}); the legend sits below
     * the plot, as in {@link #line}.
     */
    public static CategoryChart bars(String title, String xTitle, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        return chart;
    }

    /**
     * Histograms of several samples on shared bins, side by side: {@code bins} equal bins from
     * the smallest to the largest value of all samples, labelled by their lower edge.
     */
    public static CategoryChart histogram(String title, String xTitle,
            java.util.Map<String, double[]> samples, int bins) {
        if (bins < 1 || samples.isEmpty()) {
            throw new IllegalArgumentException("A histogram needs at least one sample and one "
                    + "bin, got " + samples.size() + " samples and " + bins + " bins.");
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] v : samples.values()) {
            for (double x : v) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        if (!(hi >= lo)) {
            lo = 0;
            hi = 1;
        }
        double width = Math.max((hi - lo) / bins, 1e-9);
        java.util.List<String> labels = new java.util.ArrayList<>();
        for (int b = 0; b < bins; b++) {
            labels.add(String.valueOf(Math.round(lo + b * width)));
        }
        CategoryChart chart = bars(title, xTitle, "count");
        for (java.util.Map.Entry<String, double[]> e : samples.entrySet()) {
            java.util.List<Integer> counts = new java.util.ArrayList<>(
                    java.util.Collections.nCopies(bins, 0));
            for (double x : e.getValue()) {
                int b = Math.min(bins - 1, (int) ((x - lo) / width));
                counts.set(b, counts.get(b) + 1);
            }
            chart.addSeries(e.getKey(), labels, counts);
        }
        return chart;
    }

    /**
     * Puts the series named {@code name} on a second y axis at the right, titled
     * {@code title}: for a quantity whose scale differs from the others' (entropy in nats
     * beside accuracies in [0, 1]), which would otherwise flatten them. Returns the chart.
     */
    public static XYChart rightAxis(XYChart chart, String name, String title) {
        XYSeries s = chart.getSeriesMap().get(name);
        if (s == null) {
            throw new IllegalArgumentException("No series '" + name + "' on the chart; it has "
                    + chart.getSeriesMap().keySet() + ". Add the series first.");
        }
        s.setYAxisGroup(1);
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.setYAxisGroupTitle(1, title);
        return chart;
    }

    /** Series longer than this are drawn as lines without markers. */
    static final int LONG_SERIES = 50;

    /**
     * Makes {@code chart} readable before it is drawn: series longer than {@link #LONG_SERIES}
     * points lose their markers (thousands of dots hide the line), and a legend too wide for one
     * row below the plot moves to the right as a column, so no entry is cut off and the plot
     * keeps its room. A legend at the side is always a column.
     */
    static void tidy(Chart<?, ?> chart) {
        if (chart instanceof XYChart xy) {
            XYSeries longest = null;
            for (XYSeries s : xy.getSeriesMap().values()) {
                if (s.getXData().length > LONG_SERIES) {
                    s.setMarker(SeriesMarkers.NONE);
                    longest = longest == null || s.getXData().length > longest.getXData().length
                            ? s : longest;
                }
            }
            if (longest != null && !xy.getSeriesMap().containsKey(TICK_HINT)
                    && !xy.getStyler().isXAxisLogarithmic() && equallySpaced(xy)) {
                // XChart puts the ticks of equally spaced x values on data points (1, 691,
                // 1381, ...), whose labels run together; one invisible point between the first
                // two makes it choose round ticks (0, 2,000, 4,000, ...) instead
                double[] x = longest.getXData();
                XYSeries hint = xy.addSeries(TICK_HINT, new double[] {(x[0] + x[1]) / 2},
                        new double[] {longest.getYData()[0]});
                hint.setShowInLegend(false);
                hint.setMarker(SeriesMarkers.NONE);
                hint.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.NONE);
                hint.setYAxisGroup(longest.getYAxisGroup());
            }
        }
        Styler st = chart.getStyler();
        Styler.LegendPosition at = st.getLegendPosition();
        if (at == Styler.LegendPosition.OutsideS
                && st.getLegendLayout() == Styler.LegendLayout.Horizontal
                && legendRowWidth(chart) > chart.getWidth() - 20) {
            st.setLegendPosition(Styler.LegendPosition.OutsideE);
            st.setLegendLayout(Styler.LegendLayout.Vertical);
        } else if (at == Styler.LegendPosition.OutsideE) {
            st.setLegendLayout(Styler.LegendLayout.Vertical);
        }
        if (st.getLegendPosition() == Styler.LegendPosition.OutsideE && chart.getTitle() != null) {
            // the title is centred over the plot, which the legend column narrows: a long
            // title would be cut at both ends, so it shrinks to fit
            java.awt.FontMetrics fm = metrics(st.getChartTitleFont());
            int room = chart.getWidth() - legendColumnWidth(chart) - 40;
            int wide = fm.stringWidth(chart.getTitle());
            if (wide > room && room > 0) {
                java.awt.Font f = st.getChartTitleFont();
                st.setChartTitleFont(f.deriveFont(Math.max(9f, f.getSize2D() * room / wide)));
            }
        }
    }

    private static java.awt.FontMetrics metrics(java.awt.Font font) {
        return new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB)
                .getGraphics().getFontMetrics(font);
    }

    /** The pixel widths of the legend's entry names, in order. */
    private static int[] legendNameWidths(Chart<?, ?> chart) {
        java.awt.FontMetrics fm = metrics(chart.getStyler().getLegendFont());
        return chart.getSeriesMap().values().stream()
                .map(o -> (org.knowm.xchart.internal.series.Series) o)
                .filter(org.knowm.xchart.internal.series.Series::isShowInLegend)
                .mapToInt(x -> fm.stringWidth(x.getName())).toArray();
    }

    /** About how wide the legend is as one column, in pixels. */
    private static int legendColumnWidth(Chart<?, ?> chart) {
        return Arrays.stream(legendNameWidths(chart)).max().orElse(0)
                + chart.getStyler().getLegendSeriesLineLength()
                + 4 * chart.getStyler().getLegendPadding();
    }

    /** The name of the invisible point {@link #tidy} may add. */
    static final String TICK_HINT = "\u200b";

    /** Whether the x values of all series together are equally spaced (XChart's test). */
    private static boolean equallySpaced(XYChart chart) {
        java.util.TreeSet<Double> xs = new java.util.TreeSet<>();
        for (XYSeries s : chart.getSeriesMap().values()) {
            for (double v : s.getXData()) {
                xs.add(v);
            }
        }
        if (xs.size() < 3) {
            return false;
        }
        Double[] v = xs.toArray(new Double[0]);
        double step = v[1] - v[0];
        for (int i = 2; i < v.length; i++) {
            if (Math.abs(v[i] - v[i - 1] - step) > 1e-9 * Math.max(1, Math.abs(step))) {
                return false;
            }
        }
        return true;
    }

    /** About how wide the legend's entries are in one row, in pixels. */
    private static int legendRowWidth(Chart<?, ?> chart) {
        int[] names = legendNameWidths(chart);
        return Arrays.stream(names).sum() + names.length
                * (chart.getStyler().getLegendSeriesLineLength()
                        + 3 * chart.getStyler().getLegendPadding());
    }

    /** Draws {@code chart} into an image, {@linkplain #tidy tidied} first. */
    public static BufferedImage image(Chart<?, ?> chart) {
        tidy(chart);
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** The chart as a base64-encoded PNG, the form Jupyter's {@code image/png} output expects. */
    public static String pngBase64(Chart<?, ?> chart) {
        return Base64.getEncoder().encodeToString(png(chart));
    }

    /** The chart as PNG bytes. */
    public static byte[] png(Chart<?, ?> chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image(chart), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode the chart as PNG: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
