package dev.tinyreason.infer.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tinyreason.tasks.CountdownSearch;
import dev.tinyreason.tasks.Rational;
import dev.tinyreason.tasks.Rules;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JudgementTest {

    private static Judgement label(Integer... numbers) {
        return Judgement.of(CountdownSearch.state(List.of(numbers)), Rational.of(24),
                Rules.GAME24);
    }

    @Test
    void exactLabelsFollowTheDefinition() {
        assertEquals(Judgement.SURE, label(4, 6));          // 4 * 6
        assertEquals(Judgement.SURE, label(24));            // already there
        assertEquals(Judgement.IMPOSSIBLE, label(4, 5));
        assertEquals(Judgement.LIKELY, label(1, 8, 32));    // 32 - 8, then * 1: two steps
        assertEquals(Judgement.IMPOSSIBLE, label(1, 4, 16));
        assertEquals(Judgement.LIKELY, label(2, 2, 7, 10));
        // without use-all (countdown), a state one step from the target is sure at any size
        assertEquals(Judgement.SURE, Judgement.of(CountdownSearch.state(List.of(4, 38, 46)),
                Rational.of(42), Rules.COUNTDOWN));
    }

    @Test
    void aggregationIsThePapersSumOfWeights() {
        assertEquals(22, Judgement.value(List.of(Judgement.SURE, Judgement.LIKELY,
                Judgement.LIKELY)), 1e-12);
        assertEquals(1.001, Judgement.value(Arrays.asList(Judgement.LIKELY,
                Judgement.IMPOSSIBLE, null)), 1e-12);
        assertEquals(0, Judgement.value(List.of()), 0);
    }

    @Test
    void parsingIsTotal() {
        assertEquals(Judgement.SURE, Judgement.parse("sure"));
        assertEquals(Judgement.LIKELY, Judgement.parse(" Likely.\n"));
        assertEquals(Judgement.IMPOSSIBLE, Judgement.parse("impossible, 3 + 4 is 7"));
        for (String bad : new String[] {null, "", "surely", "24", "maybe sure", "\u0000"}) {
            assertNull(Judgement.parse(bad), String.valueOf(bad));
        }
    }

    @Test
    void theQuestionNamesStateAndTarget() {
        assertEquals("Can 3 9 21 make 24? Answer sure, likely or impossible.",
                Judgement.question(CountdownSearch.state(List.of(21, 3, 9)), 24));
        assertEquals("Can 8/3 3 make 24? Answer sure, likely or impossible.",
                Judgement.question(List.of(new Rational(8, 3), Rational.of(3)), 24));
    }

    @Test
    void expectedWeightOfTheJudgesProbabilities() {
        double inf = Double.NEGATIVE_INFINITY;
        assertEquals(20, JudgeProbValuer.expectedWeight(new double[] {0, inf, inf}), 1e-12);
        assertEquals(21.001 / 3, JudgeProbValuer.expectedWeight(new double[] {-2, -2, -2}),
                1e-12);
        // p = (0.5, 0.5, 0): halfway between sure and likely
        assertEquals(10.5, JudgeProbValuer.expectedWeight(new double[] {Math.log(0.5),
                Math.log(0.5), inf}), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> JudgeProbValuer.expectedWeight(new double[] {0, 0}));
    }
}
