package dev.tinyreason.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every exercise's tests must pass on the library's reference and fail, each one, on the starter
 * stub the notebook ships: a test that cannot fail is a defect.
 */
class ExerciseContractTest {

    @TestFactory
    List<DynamicTest> referencePassesEveryTest() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Exercise<?> e : Exercise.all()) {
            tests.add(dynamicTest(e.name() + " reference passes", () -> {
                GradeReport r = runReference(e);
                assertTrue(r.total() >= 3, e + " has only " + r.total() + " tests");
                assertEquals(r.total(), r.passed(), r.toString());
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> stubFailsEveryTest() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Exercise<?> e : Exercise.all()) {
            tests.add(dynamicTest(e.name() + " stub fails every test", () -> {
                GradeReport r = runStub(e);
                assertTrue(r.total() >= 3, e + " has only " + r.total() + " tests");
                assertEquals(0, r.passed(), "tests that pass on the stub:\n" + r);
            }));
        }
        return tests;
    }

    private static <T> GradeReport runReference(Exercise<T> e) {
        return Grader.run(e, e.reference());
    }

    private static <T> GradeReport runStub(Exercise<T> e) {
        return Grader.run(e, e.stub());
    }
}
