package dev.tinyreason.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No stage trains on another stage's problems, at the counts the course draws. */
class ProblemStreamTest {

    /** Examples per task of pretraining and again of SFT (StageOptions' default). */
    private static final int EXAMPLES_PER_TASK = 12_000;

    /** DPO's prompts per task, ten times its default of 300. */
    private static final int DPO_PROBLEMS = 3_000;

    /**
     * Countdown puzzles the value stage draws for its 12 000 states, proposals and traces: at
     * most one per proposal or trace, and the states take fewer (6 690 with seed 42).
     */
    private static final int VALUE_PUZZLES = 12_000;

    /** Per-level indices {@code [from, to)} a stage draws at every level of one task. */
    private record Range(String stage, long from, long to) {}

    /** {@code n} problems of the stream index from {@code first} on, per level. */
    private static Range stream(String stage, long first, long n, int levels) {
        return new Range(stage, first / levels, (first + n - 1) / levels + 1);
    }

    @Test
    void eachStagesRangeIsDisjointFromEveryOtherStagesAtEveryTrainingTask() {
        for (Task task : Tasks.training(TraceVariety.DEFAULT)) {
            int levels = task.maxDifficulty() - task.minDifficulty() + 1;
            List<Range> ranges = new ArrayList<>();
            ranges.add(stream("pretraining and SFT", 0, 2L * EXAMPLES_PER_TASK, levels));
            ranges.add(stream("DPO", ProblemStream.DPO.first(), DPO_PROBLEMS, levels));
            if (task.name().equals(Countdown.NAME)) {
                long from = ProblemStream.VALUE_STATES.firstPerLevel(levels);
                ranges.add(new Range("value", from, from + VALUE_PUZZLES / levels + 1));
                assertEquals(from, ProblemStream.VALUE_TRACES.firstPerLevel(levels),
                        "the value stage's traces come from its own puzzles");
            }
            ranges.add(new Range("GRPO", ProblemStream.GRPO.firstPerLevel(levels),
                    Long.MAX_VALUE));
            ranges.sort(Comparator.comparingLong(Range::from));
            for (int i = 1; i < ranges.size(); i++) {
                Range a = ranges.get(i - 1);
                Range b = ranges.get(i);
                assertTrue(a.to() <= b.from(), task.name() + ": " + a + " overlaps " + b);
            }
        }
    }

    @Test
    void aStreamIndexCountsThroughTheLevels() {
        assertEquals(40_000, ProblemStream.DPO.firstPerLevel(5));
        assertEquals(100_000, ProblemStream.VALUE_TRACES.firstPerLevel(3));
        assertEquals(400_000, ProblemStream.GRPO.firstPerLevel(5), "already per level");
        assertEquals(ProblemStream.Unit.STREAM, ProblemStream.DPO.unit());
    }
}
