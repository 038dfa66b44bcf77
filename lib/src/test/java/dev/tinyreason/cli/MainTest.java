package dev.tinyreason.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void unknownCommandIsAUsageError() throws Exception {
        CliRun.Result r = CliRun.capture(() -> Main.run(new String[] {"no-such-command"}));
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: unknown command 'no-such-command'"), r.err());
        assertTrue(r.err().contains("train"), "the commands are listed");
        assertEquals(2, Main.run(new String[0]));
    }

    /** Two tests and a helper, as an exercise's test class has. */
    static final class TwoTests {
        @Test
        void one() {}

        @Test
        void two() {}

        void helper() {}
    }

    @Test
    void exerciseListCountsTestMethodsOnly() {
        assertEquals(2, ExerciseList.testCount(TwoTests.class));
    }
}
