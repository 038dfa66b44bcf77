package dev.tinyreason.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.grade.exercises.Argmax;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraderTest {

    @Test
    void aWrongAnswerShowsACrossWithAHint() {
        // Off by one: ignores the first element.
        Argmax wrong = logits -> {
            int best = logits.length > 1 ? 1 : 0;
            for (int i = 1; i < logits.length; i++) {
                if (logits[i] > logits[best]) {
                    best = i;
                }
            }
            return best;
        };
        GradeReport r = Grader.run(Exercise.ARGMAX, wrong);
        GradeReport.Result single = find(r.results(), "singleElement");
        assertTrue(single.passed(), r.toString());
        List<GradeReport.Result> failed = r.results().stream().filter(x -> !x.passed()).toList();
        assertFalse(failed.isEmpty(), r.toString());
        for (GradeReport.Result f : failed) {
            assertFalse(f.hint().isBlank(), "every failed test carries a hint: " + f);
            assertFalse(f.message().isBlank(), "every failed test says what happened: " + f);
        }
        assertTrue(r.toString().contains("✗"), r.toString());
    }

    @Test
    void anInfiniteLoopFailsItsTestsAndDoesNotHang() {
        Argmax spins = logits -> {
            while (true) {
                Thread.onSpinWait();
            }
        };
        long start = System.nanoTime();
        GradeReport r = Grader.run(Exercise.ARGMAX, spins);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(0, r.passed(), r.toString());
        assertTrue(r.results().get(0).message().contains("timed out"), r.toString());
        // Every test ran to its time limit and no further: the grader returned.
        assertTrue(took.toSeconds() < 60, "grading took " + took);
        // The spinning threads were stopped, not left burning a core.
        int alive = Grader.runaways(Exercise.ARGMAX.tests()).size();
        for (int i = 0; i < 50 && alive > 0; i++) {
            sleep(100);
            alive = Grader.runaways(Exercise.ARGMAX.tests()).size();
        }
        assertEquals(0, alive, "threads still running the learner's loop");
    }

    @Test
    void aThrownExceptionIsReportedByName() {
        Argmax throwsNpe = logits -> {
            throw new NullPointerException("oops");
        };
        GradeReport r = Grader.run(Exercise.ARGMAX, throwsNpe);
        GradeReport.Result first = find(r.results(), "picksTheLargest");
        assertEquals("threw NullPointerException: oops", first.message());
    }

    @Test
    void resultsComeInTheTestClassOrder() {
        GradeReport r = Grader.run(Exercise.ARGMAX, Argmax.REFERENCE);
        assertEquals("picksTheLargest", r.results().get(0).test());
        assertEquals("largeRandomVocabulary", r.results().get(r.total() - 1).test());
    }

    @Test
    void nullImplementationGetsAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Grader.check(Exercise.ARGMAX, null));
        assertTrue(e.getMessage().contains("Grader.check(Exercise.ARGMAX, x -> myMethod(x))"),
                e.getMessage());
    }

    @Test
    void reportJsonCarriesTheScore() {
        GradeReport r = Grader.run(Exercise.SOFTMAX, dev.tinyreason.grade.exercises.Softmax.REFERENCE);
        String json = r.toJson();
        assertTrue(json.startsWith("{\"exercise\":\"SOFTMAX\",\"notebook\":\"00_welcome\","
                + "\"passed\":5,\"total\":5"), json);
        assertFalse(json.contains("\n"), "one line per report");
    }

    @Test
    void unknownExerciseNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Exercise.named("ARGMIN"));
        assertTrue(e.getMessage().contains("ARGMAX"), e.getMessage());
    }

    private static GradeReport.Result find(List<GradeReport.Result> results, String test) {
        return results.stream().filter(r -> r.test().equals(test)).findFirst().orElseThrow();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
