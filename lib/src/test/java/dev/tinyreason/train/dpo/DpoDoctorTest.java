package dev.tinyreason.train.dpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.train.MetricLog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The doctor's readings of synthetic logs. */
class DpoDoctorTest {

    static MetricLog log(int n, java.util.function.IntFunction<double[]> row) {
        MetricLog log = new MetricLog();
        for (int i = 1; i <= n; i++) {
            double[] v = row.apply(i);  // chosen, rejected, accuracy, logps/chosen
            log.log(i, Map.of("rewards/chosen", v[0], "rewards/rejected", v[1],
                    "rewards/margins", v[0] - v[1], "rewards/accuracies", v[2],
                    "logps/chosen", v[3]));
        }
        return log;
    }

    static List<String> signals(MetricLog log) {
        return DpoDoctor.diagnose(log, 0.1).stream().map(DpoDoctor.Finding::signal).toList();
    }

    @Test
    void aHealthyRunWithBothRewardsFalling() {
        List<String> s = signals(log(50, i -> new double[] {-0.01 * i, -0.05 * i,
            Math.min(1, 0.5 + 0.02 * i), -30 - 0.05 * i}));
        assertTrue(s.contains("learning"), s.toString());
        assertTrue(s.contains("both rewards falling"), s.toString());
        assertTrue(s.contains("chosen likelihood falling"), s.toString());
        assertTrue(!s.contains("stuck"), s.toString());
    }

    @Test
    void aStuckRun() {
        assertEquals(List.of("stuck"), signals(log(40, i -> new double[] {0.001, 0.0, 0.5,
            -30})));
    }

    @Test
    void runawayMarginsAndShortLogs() {
        assertTrue(signals(log(20, i -> new double[] {10.0 * i, -10.0 * i, 1.0, -30}))
                .contains("runaway margins"));
        assertEquals(List.of("too short"), signals(log(3, i -> new double[] {0, 0, 0.5, 0})));
    }
}
