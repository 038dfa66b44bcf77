package dev.tinyreason.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tinyreason.grade.exercises.ArgmaxTests;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void unknownCommandIsAUsageError() throws Exception {
        assertEquals(2, Main.run(new String[] {"no-such-command"}));
        assertEquals(2, Main.run(new String[0]));
    }

    @Test
    void exerciseListCountsTestMethods() {
        assertEquals(6, ExerciseList.testCount(ArgmaxTests.class));
    }
}
