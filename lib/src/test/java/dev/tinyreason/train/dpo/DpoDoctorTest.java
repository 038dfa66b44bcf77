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

    /** n arith problems graded right where {@code right} says, each with that many tokens. */
    static dev.tinyreason.infer.Evaluation graded(int n, java.util.function.IntPredicate right,
            int tokens) {
        dev.tinyreason.tasks.Task arith = dev.tinyreason.tasks.Tasks.named("arith");
        List<dev.tinyreason.infer.Evaluation.Graded> g = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            g.add(new dev.tinyreason.infer.Evaluation.Graded(arith.example(
                    dev.tinyreason.tasks.Split.TEST, 2, i), "", "1", right.test(i), true, tokens,
                    null));
        }
        return new dev.tinyreason.infer.Evaluation("arith", "cot", g, 0, (long) n * tokens);
    }

    static List<String> signals(MetricLog log, DpoDoctor.HeldOut h) {
        return DpoDoctor.diagnose(log, 0.1, h).stream().map(DpoDoctor.Finding::signal).toList();
    }

    @Test
    void heldOutDataTellsConciseFromBrokenAndLearnedFromMemorised() {
        MetricLog learning = log(50, i -> new double[] {-0.01 * i, -0.05 * i,
            Math.min(1, 0.5 + 0.02 * i), -30});
        var before = graded(100, i -> i % 10 != 0, 80);  // 90 right, 80 tokens each
        var same = graded(100, i -> i % 10 != 0, 50);
        var worse = graded(100, i -> i % 10 != 0 && i % 3 != 0, 50);  // 60 right
        List<String> concise = signals(learning, new DpoDoctor.HeldOut(0.95, before, same));
        assertTrue(concise.contains("shorter, as good"), concise.toString());
        assertTrue(!concise.contains("memorised pairs"), concise.toString());
        List<String> broken = signals(learning, new DpoDoctor.HeldOut(0.95, before, worse));
        assertTrue(broken.contains("shorter but worse"), broken.toString());
        assertTrue(!broken.contains("shorter, as good"), broken.toString());
        List<String> memorised = signals(learning, new DpoDoctor.HeldOut(0.6, before, before));
        assertTrue(memorised.contains("memorised pairs"), memorised.toString());
        assertTrue(!memorised.contains("shorter, as good")
                && !memorised.contains("shorter but worse"), memorised.toString());
    }
}
