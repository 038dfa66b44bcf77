package dev.tinyreason.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Checking the equations of a trace step by step. */
class EquationsTest {

    @Test
    void findsTheFirstFalseStepOfAColumnTrace() {
        List<Equations.Step> steps = Equations.check("7+7=14 c1 | 6+4+1=12 c1 | 124");
        assertEquals(2, steps.size());
        assertTrue(steps.get(0).correct());
        assertFalse(steps.get(1).correct());
        assertEquals("6+4+1", steps.get(1).lhs());
        assertEquals("12", steps.get(1).claimed());
        assertEquals("11", steps.get(1).actual());
        assertEquals(1, Equations.firstError("7+7=14 c1 | 6+4+1=12 c1 | 124"));
    }

    @Test
    void readsEveryTraceStyleOfTheTasks() {
        for (String ok : List.of("4*7+2=30 c3", "12-7=5 b1 | 10-4-1=5", "41 - 4 = 37\n37 * 2 = 74",
                "22 + 8 = 30 (left: 12 30)\n30 - 12 = 18 (left: 18)", "38 / 2 = 19",
                "check: (7+2)*1+1 = 10 ok", "check: 19*15*8/(15*2) = 76 ok", "check 85-38: 15-8=7 b1 | 47 ok")) {
            assertEquals(-1, Equations.firstError(ok), ok);
            assertFalse(Equations.check(ok).isEmpty(), ok);
        }
        assertEquals(0, Equations.firstError("9 / 0 = 3"), "division by zero is never true");
        assertEquals(0, Equations.firstError("check: (7+2)*2+1 = 10 ok"), "parentheses are read, not skipped");
    }

    @Test
    void isTotalOnGarbage() {
        assertTrue(Equations.check(null).isEmpty());
        assertTrue(Equations.check("no numbers = here").isEmpty());
        assertEquals(-1, Equations.firstError("=== 3 = = 4 +"));
        assertEquals(0, Equations.firstError("99999999999999999999*9=1"), "overflow: false");
    }
}
