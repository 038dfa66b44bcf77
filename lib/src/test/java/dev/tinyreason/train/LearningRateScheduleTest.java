package dev.tinyreason.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void warmsUpLinearlyThenFollowsTheCosineToItsFloor() {
        LearningRateSchedule s = new LearningRateSchedule(1.0, 4, 104, 0.1);
        assertEquals(0.25, s.lr(0), 1e-12);
        assertEquals(1.0, s.lr(3), 1e-12);
        assertEquals(1.0, s.lr(4), 1e-12);
        assertEquals(0.55, s.lr(54), 1e-12);  // halfway: floor + (1 - floor) / 2
        assertEquals(0.1, s.lr(104), 1e-12);
        assertEquals(0.1, s.lr(500), 1e-12);
        for (int i = 4; i < 104; i++) {
            assertTrue(s.lr(i + 1) <= s.lr(i));
        }
    }

    @Test
    void rejectsImpossibleSettingsWithAReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LearningRateSchedule(1e-3, 10, 5, 0.1));
        assertTrue(e.getMessage().contains("warmupSteps=10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(0, 0, 5, 0));
    }
}
