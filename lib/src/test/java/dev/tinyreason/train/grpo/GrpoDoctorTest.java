package dev.tinyreason.train.grpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.train.MetricLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The doctor names each failure mode from a log that shows it, and only then. */
class GrpoDoctorTest {

    /** 50 steps; each metric a function of the step. */
    private static MetricLog log(Map<String, IntToDoubleFunction> metrics, double[] evalAcc) {
        MetricLog log = new MetricLog();
        for (int s = 1; s <= 50; s++) {
            Map<String, Double> row = new LinkedHashMap<>();
            for (Map.Entry<String, IntToDoubleFunction> e : metrics.entrySet()) {
                row.put(e.getKey(), e.getValue().applyAsDouble(s));
            }
            log.log(s, row);
        }
        for (int i = 0; i < evalAcc.length; i++) {
            log.log(i * 10, Map.of("eval/accuracy", evalAcc[i]));
        }
        return log;
    }

    private static Map<String, IntToDoubleFunction> healthy() {
        Map<String, IntToDoubleFunction> m = new LinkedHashMap<>();
        m.put("reward", s -> 0.3 + s * 0.005);
        m.put("completions/clipped_ratio", s -> 0.02);
        m.put("frac_reward_zero_std", s -> 0.3);
        m.put("entropy", s -> 0.6);
        m.put("rewards/format", s -> 0.98);
        m.put("rewards/correct", s -> 0.3 + s * 0.005);
        return m;
    }

    private static List<String> signals(MetricLog log) {
        return GrpoDoctor.diagnose(log).stream().map(GrpoDoctor.Finding::signal).toList();
    }

    @Test
    void aHealthyRunIsLearning() {
        assertEquals(List.of("learning"), signals(log(healthy(),
                new double[] {0.4, 0.45, 0.5, 0.52, 0.55, 0.56})));
    }

    @Test
    void eachFailureModeIsNamed() {
        Map<String, IntToDoubleFunction> m = healthy();
        m.put("completions/clipped_ratio", s -> 0.97);
        assertTrue(signals(log(m, new double[0])).contains("truncated"));

        m = healthy();
        m.put("frac_reward_zero_std", s -> 0.9);
        m.put("reward", s -> 0.95);
        List<GrpoDoctor.Finding> f = GrpoDoctor.diagnose(log(m, new double[0]));
        assertTrue(f.stream().anyMatch(x -> x.signal().equals("flat groups")
                && x.meaning().contains("too easy")), f.toString());

        m = healthy();
        m.put("entropy", s -> 0.8 * Math.exp(-s / 8.0));
        assertTrue(signals(log(m, new double[0])).contains("entropy collapse"));

        m = healthy();
        m.put("rewards/format", s -> 0.5 + s * 0.01);
        m.put("rewards/correct", s -> 0.2);
        assertTrue(signals(log(m, new double[0])).contains("format hacking"));

        assertTrue(signals(log(healthy(), new double[] {0.5, 0.5, 0.49, 0.5}))
                .contains("reward without held-out gain"));
    }

    @Test
    void aPeakThatFadesAdvisesEarlyStopping() {
        List<GrpoDoctor.Finding> f = GrpoDoctor.diagnose(log(healthy(),
                new double[] {0.5, 0.6, 0.7, 0.6, 0.55}));
        assertTrue(f.stream().anyMatch(x -> x.signal().equals("learning")
                && x.meaning().contains("early stopping")), f.toString());
    }

    @Test
    void aGainWithinTheNoiseOfTheHeldOutSetIsNotCalledLearning() {
        MetricLog log = log(healthy(), new double[] {0.5, 0.55, 0.583, 0.533});
        assertTrue(signals(log).contains("learning"), "size unknown: taken at face value");
        List<GrpoDoctor.Finding> f = GrpoDoctor.diagnose(log, 60);
        assertTrue(f.stream().anyMatch(x -> x.signal().equals("no clear held-out gain")),
                f.toString());
        assertTrue(GrpoDoctor.diagnose(log(healthy(), new double[] {0.5, 0.6, 0.7}), 200)
                .stream().anyMatch(x -> x.signal().equals("learning")), "+20 points on 200");
    }

    @Test
    void aShortLogSaysSo() {
        MetricLog log = new MetricLog();
        log.log(1, Map.of("reward", 0.5));
        assertEquals(List.of("too short"), signals(log));
    }
}
