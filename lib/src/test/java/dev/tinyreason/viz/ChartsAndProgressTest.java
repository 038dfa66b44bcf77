package dev.tinyreason.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class ChartsAndProgressTest {

    @AfterEach
    void forgetDisplay() {
        Notebook.uninstall();
    }

    @Test
    void aChartEncodesAsPng() {
        XYChart chart = Charts.line("t", "x", "y");
        chart.addSeries("s", new double[] {0, 1, 2}, new double[] {1, 0, 1});
        byte[] png = Charts.png(chart);
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G'};
        assertArrayEquals(magic, Arrays.copyOf(png, 4));
        assertEquals(Charts.WIDTH, Charts.image(chart).getWidth());
    }

    @Test
    void drawingTidiesLongSeriesAndWideLegends() {
        XYChart few = Charts.line("t", "x", "y");
        few.addSeries("short", new double[] {0, 1}, new double[] {1, 0});
        double[] xs = new double[Charts.LONG_SERIES + 1];
        few.addSeries("long", xs, xs);
        Charts.image(few);
        assertEquals(org.knowm.xchart.style.Styler.LegendPosition.OutsideS,
                few.getStyler().getLegendPosition(), "two short names fit in one row below");
        assertTrue(few.getSeriesMap().get("long").getMarker()
                instanceof org.knowm.xchart.style.markers.None, "no markers on a long series");
        assertTrue(!(few.getSeriesMap().get("short").getMarker()
                instanceof org.knowm.xchart.style.markers.None), "a short series keeps them");
        XYChart steps = Charts.line("t", "step", "loss");
        double[] x = new double[200];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        steps.addSeries("loss", x, x);
        Charts.image(steps);
        Charts.image(steps);   // drawn twice: still one hint
        assertEquals(2, steps.getSeriesMap().size(), "equally spaced steps get one hidden point");
        assertTrue(!steps.getSeriesMap().get(Charts.TICK_HINT).isShowInLegend());
        XYChart many = Charts.line("t", "x", "y");
        for (int i = 0; i < 12; i++) {
            many.addSeries("a rather long method name " + i, new double[] {i}, new double[] {i});
        }
        Charts.image(many);
        assertEquals(org.knowm.xchart.style.Styler.LegendPosition.OutsideE,
                many.getStyler().getLegendPosition(), "twelve long names go to a column");
        assertEquals(org.knowm.xchart.style.Styler.LegendLayout.Vertical,
                many.getStyler().getLegendLayout());
    }

    @Test
    void aSeriesCanHaveItsOwnAxisAtTheRight() {
        XYChart c = Charts.line("t", "step", "accuracy");
        c.addSeries("entropy", new double[] {0, 1}, new double[] {2, 1});
        Charts.rightAxis(c, "entropy", "nats");
        assertEquals(1, c.getSeriesMap().get("entropy").getYAxisGroup());
        assertEquals("nats", c.getYAxisGroupTitle(1));
        assertThrows(IllegalArgumentException.class, () -> Charts.rightAxis(c, "loss", "x"));
        LiveChart live = LiveChart.start("t", "step", "loss").rightAxis("acc", "accuracy");
        live.add("loss", 1, 2);
        live.add("acc", 1, 0.5);
        assertEquals(1, live.chart().getSeriesMap().get("acc").getYAxisGroup());
        assertEquals(0, live.chart().getSeriesMap().get("loss").getYAxisGroup());
    }

    @Test
    void accuraciesCarryOneStandardErrorEach() {
        XYChart chart = Charts.accuracies(Charts.line("t", "k", "accuracy"), "SC",
                new double[] {1, 2}, new double[] {0.5, 0.9}, 100);
        var series = chart.getSeriesMap().get("SC");
        assertArrayEquals(new double[] {0.05, 0.03}, series.getExtraValues(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Charts.accuracies(chart, "bad",
                new double[] {1}, new double[] {0.5, 0.6}, 10));
        XYChart byLevel = Charts.accuracies(Charts.line("t", "level", "accuracy"), "CoT",
                java.util.Map.of(3, 0.75, 1, 1.0), java.util.Map.of(1, 4, 3, 12));
        var levels = byLevel.getSeriesMap().get("CoT");
        assertArrayEquals(new double[] {1, 3}, levels.getXData(), 0);
        assertArrayEquals(new double[] {0, Math.sqrt(0.75 * 0.25 / 12)}, levels.getExtraValues(),
                1e-12);
    }

    @Test
    void progressReplacesOneOutputInPlace() {
        List<Object> shown = new ArrayList<>();
        List<String> replacedIds = new ArrayList<>();
        Notebook.install(o -> {
            shown.add(o);
            return "id-1";
        }, (id, o) -> replacedIds.add(id));
        Progress bar = Progress.start("work", 10);
        for (int i = 1; i <= 10; i++) {
            bar.update(i, "step " + i);
        }
        bar.done("finished <ok>");
        assertEquals(1, shown.size(), "one output is created");
        assertTrue(replacedIds.size() >= 2 && replacedIds.stream().allMatch("id-1"::equals));
        Html last = bar.render();
        assertTrue(last.html().contains("finished &lt;ok&gt;"), last.html());
        assertTrue(last.text().contains("100%"), last.text());
    }

    @Test
    void liveChartReplacesOneOutputAndKeepsEveryPoint() {
        List<Object> shown = new ArrayList<>();
        List<Object> replaced = new ArrayList<>();
        Notebook.install(o -> {
            shown.add(o);
            return "chart-1";
        }, (id, o) -> replaced.add(o));
        LiveChart curve = LiveChart.start("loss", "step", "loss");
        for (int step = 0; step < 100; step++) {
            curve.add("train", step, 1.0 / (step + 1));
        }
        curve.done();
        assertEquals(1, shown.size(), "one output is created");
        assertTrue(replaced.size() >= 1 && replaced.size() < 100, "redraws are throttled: " + replaced.size());
        assertTrue(replaced.get(replaced.size() - 1) instanceof XYChart);
        assertEquals(100, curve.points("train")[0].length);
        assertEquals(100, curve.chart().getSeriesMap().get("train").getXData().length);
    }

    @Test
    void outsideANotebookProgressFallsBackToText() {
        assertNull(Notebook.show("x"));
        Progress bar = Progress.start("work", 4);
        bar.update(2, "half");
        assertTrue(bar.render().text().contains("2/4"), bar.render().text());
        bar.tick("one more");
        assertTrue(bar.render().text().contains("3/4"), bar.render().text());
        bar.tick("");
        bar.tick("past the end stays at the end");
        assertTrue(bar.render().text().contains("4/4"), bar.render().text());
    }

    @Test
    void startRefusesAKernelWithoutTheCourseDisplay() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Notebook.start("00_welcome"));
        assertTrue(e.getMessage().contains("./tinyreason lab"), e.getMessage());
    }

    @Test
    void progressNeedsAPositiveTotal() {
        assertThrows(IllegalArgumentException.class, () -> Progress.start("x", 0));
    }
}
