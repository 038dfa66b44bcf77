package dev.tinyreason.grade.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tinyreason.grade.Hint;
import dev.tinyreason.grade.Submission;
import dev.tinyreason.infer.Scoreboard.Entry;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests for {@link ParetoFront}; run by the grader against any implementation. */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class ParetoFrontTests {

    @Test
    @Order(1)
    @Hint("For each entry, look for another with tokens <= and accuracy >=, one of them "
            + "strictly: if there is one, drop the entry.")
    void matchesTheWorkedExample(ParetoFront impl) {
        List<Entry> e = List.of(new Entry("direct", 5, 0.40), new Entry("cot", 110, 0.62),
                new Entry("sc", 580, 0.60), new Entry("mcts", 1400, 0.87));
        assertEquals(List.of("direct", "cot", "mcts"), impl.front(e));
    }

    @Test
    @Order(2)
    @Hint("Return the survivors sorted by tokens, cheapest first, whatever the input order.")
    void sortsByTokens(ParetoFront impl) {
        List<Entry> e = List.of(new Entry("big", 900, 0.9), new Entry("small", 10, 0.2),
                new Entry("mid", 100, 0.5));
        assertEquals(List.of("small", "mid", "big"), impl.front(e));
    }

    @Test
    @Order(3)
    @Hint("Equal tokens: only the more accurate survives. Equal accuracy: only the cheaper.")
    void tiesOnOneAxisAreDecidedByTheOther(ParetoFront impl) {
        List<Entry> e = List.of(new Entry("a", 100, 0.5), new Entry("b", 100, 0.6),
                new Entry("c", 50, 0.6), new Entry("d", 200, 0.6));
        assertEquals(List.of("c"), impl.front(e));
    }

    @Test
    @Order(4)
    @Hint("An exact duplicate is not strictly better on either axis, so it dominates nothing.")
    void exactDuplicatesBothStay(ParetoFront impl) {
        List<Entry> e = List.of(new Entry("x", 10, 0.3), new Entry("y", 10, 0.3),
                new Entry("z", 20, 0.1));
        assertEquals(List.of("x", "y"), impl.front(e));
        assertEquals(List.of(), impl.front(List.of()));
    }
}
