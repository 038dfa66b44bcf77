package dev.tinyreason.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricLogTest {

    @Test
    void csvHasAColumnPerKeyAndRoundTrips(@TempDir Path dir) throws Exception {
        MetricLog log = new MetricLog();
        log.log(1, Map.of(MetricLog.LOSS, 2.5));
        log.log(2, new java.util.LinkedHashMap<>(Map.of(MetricLog.LOSS, 2.0,
                "rewards/margins", 0.125)));
        assertEquals("step,loss,rewards/margins\n1,2.5,\n2,2.0,0.125\n", log.toCsv());
        Path file = dir.resolve("training_log.csv");
        log.writeCsv(file);
        MetricLog back = MetricLog.fromCsv(Files.readString(file));
        assertEquals(List.of("loss", "rewards/margins"), back.keys());
        assertArrayEquals(new double[] {2.5, 2.0}, back.series("loss"));
        assertArrayEquals(new int[] {2}, back.steps("rewards/margins"));
        assertEquals(0.125, back.last("rewards/margins"));
        assertTrue(Double.isNaN(back.last("grad_norm")));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void summariesOfASeries() {
        double[] v = {1, 2, 3, 6};
        assertEquals(3, MetricLog.mean(v), 1e-12);
        assertEquals(4.5, MetricLog.lastMean(v, 2), 1e-12);
        assertEquals(3, MetricLog.lastMean(v, 10), 1e-12);
        assertTrue(Double.isNaN(MetricLog.mean(new double[0])));
        // 1, 0.5 * 1 + 0.5 * 2, 0.5 * 1.5 + 0.5 * 3, 0.5 * 2.25 + 0.5 * 6
        assertArrayEquals(new double[] {1, 1.5, 2.25, 4.125}, MetricLog.ema(v, 0.5), 1e-12);
        assertArrayEquals(v, MetricLog.ema(v, 0), 1e-12);
        assertEquals(1, v[0], "the series itself is left as it was");
        assertThrows(IllegalArgumentException.class, () -> MetricLog.ema(v, 1));
    }

    @Test
    void whereKeepsTheRowsOfOneRoundWithTheirSteps() {
        MetricLog log = new MetricLog();
        log.log(1, Map.of("loss", 0.9, "round", 1.0));
        log.log(2, Map.of("loss", 0.7, "round", 1.0));
        log.log(2, Map.of("eval_loss", 0.8, "round", 1.0));
        log.log(3, Map.of("loss", 0.6, "round", 2.0));
        log.log(4, Map.of("loss", 0.5));
        MetricLog one = log.where("round", 1);
        assertEquals(3, one.rows().size());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0.9, 0.7},
                one.series("loss"), 0);
        assertEquals(0.8, one.last("eval_loss"), 0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {3},
                log.where("round", 2).steps("loss"));
        assertEquals(0, log.where("round", 3).rows().size());
    }
}
