package dev.tinyreason.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tinyreason.tasks.Example;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Wrong answers sorted into unfinished, a false step, and all steps true. */
class TraceAuditTest {

    static Example sum = new Example("What is 2 + 3?", "5", "2+3=5\n5",
            new Example.Meta("arith", 1, "2", 0));

    static Evaluation.Graded graded(String completion, String answer, boolean correct) {
        return new Evaluation.Graded(sum, completion, answer, correct, answer != null, 5, null);
    }

    @Test
    void eachWrongAnswerLandsInOneClass() {
        Evaluation.Graded right = graded("<think>\n2+3=5\n</think>\n\n5", "5", true);
        Evaluation.Graded open = graded("<think>\n2+3=5", null, false);
        Evaluation.Graded slip = graded("<think>\n2+3=6\n</think>\n\n6", "6", false);
        Evaluation.Graded misread = graded("<think>\n2+4=6\n</think>\n\n6", "6", false);
        Evaluation.Graded slip2 = graded("<think>\n2+3=7\n</think>\n\n7", "7", false);
        TraceAudit a = TraceAudit.of(new Evaluation("arith", "cot",
                List.of(right, open, slip, misread, slip2), 0, 25));
        assertEquals(4, a.wrong());
        assertEquals(1, a.unfinished());
        assertEquals(2, a.withFalseStep());
        assertEquals(1, a.allStepsTrue());
        assertSame(slip, a.firstFalseStep(), "the first, in the problems' order");
        assertSame(misread, a.firstAllTrue());
        TraceAudit clean = TraceAudit.of(new Evaluation("arith", "cot", List.of(right), 0, 5));
        assertEquals(0, clean.wrong());
        assertNull(clean.firstFalseStep());
    }
}
