package dev.tinyreason.viz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * A line chart that redraws in place while work runs — the live loss curve of every training
 * cell. Points are buffered and the picture is replaced at most every
 * {@link #MIN_REDRAW_MILLIS} ms, so plotting never slows the loop it watches.
 *
 * <pre>{@code
 * LiveChart curve = LiveChart.start("SFT", "step", "loss");
 * for (...) { curve.add("train loss", step, loss); }
 * curve.done();          // final picture; curve.chart() is the XChart for later cells
 * }</pre>
 *
 * <p>Outside a notebook it only collects points.
 */
public final class LiveChart {

    static final long MIN_REDRAW_MILLIS = 500;

    private final XYChart chart;
    private final Map<String, List<double[]>> series = new LinkedHashMap<>();
    private final Map<String, String> rightAxis = new LinkedHashMap<>();
    private final String displayId;
    private long lastDraw;

    private LiveChart(String title, String xTitle, String yTitle) {
        this.chart = Charts.line(title, xTitle, yTitle);
        this.displayId = Notebook.active() ? Notebook.show(placeholder()) : null;
    }

    /** Shows an empty chart that later {@link #add} calls fill in. */
    public static LiveChart start(String title, String xTitle, String yTitle) {
        return new LiveChart(title, xTitle, yTitle);
    }

    /** Adds point ({@code x}, {@code y}) to the named series; redraws when due. */
    public void add(String name, double x, double y) {
        series.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {x, y});
        long now = System.currentTimeMillis();
        if (now - lastDraw >= MIN_REDRAW_MILLIS) {
            lastDraw = now;
            draw();
        }
    }

    /**
     * Draws the series {@code name} against a second y axis at the right, titled
     * {@code title} ({@link Charts#rightAxis}): call before its first point.
     */
    public LiveChart rightAxis(String name, String title) {
        rightAxis.put(name, title);
        return this;
    }

    /** Draws the final picture. */
    public void done() {
        draw();
    }

    /** The chart with every point so far (e.g. to show again, or to save). */
    public XYChart chart() {
        sync();
        return chart;
    }

    /** The points of one series as {x[], y[]}. */
    public double[][] points(String name) {
        List<double[]> pts = series.getOrDefault(name, List.of());
        double[] xs = new double[pts.size()];
        double[] ys = new double[pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            xs[i] = pts.get(i)[0];
            ys[i] = pts.get(i)[1];
        }
        return new double[][] {xs, ys};
    }

    private void draw() {
        if (displayId != null && sync()) {
            Notebook.replace(displayId, chart);
        }
    }

    /** Copies the buffered points into the XChart; false while there is nothing to draw. */
    private boolean sync() {
        boolean any = false;
        for (String name : series.keySet()) {
            double[][] p = points(name);
            if (p[0].length == 0) {
                continue;
            }
            any = true;
            if (chart.getSeriesMap().containsKey(name)) {
                chart.updateXYSeries(name, p[0], p[1], null);
            } else {
                chart.addSeries(name, p[0], p[1]).setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
                if (rightAxis.containsKey(name)) {
                    Charts.rightAxis(chart, name, rightAxis.get(name));
                }
            }
        }
        return any;
    }

    private Html placeholder() {
        return new Html("<div style=\"font-family:monospace;color:#777\">" + Html.escape(chart.getTitle())
                + ": waiting for the first points…</div>", chart.getTitle() + ": waiting…");
    }
}
