package dev.tinyreason.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Game24Test {

    private final Game24 game24 = new Game24();

    /** 1362 of the 1820 multisets of four numbers from 1..13 make 24 (the 4nums.com count). */
    @Test
    void enumerationFindsEverySolvablePuzzle() {
        List<Game24.Ranked> ranked = Game24.ranked();
        assertEquals(1362, ranked.size());
        assertEquals(Game24.SOLVABLE, ranked.size());
        Set<List<Integer>> distinct = new HashSet<>();
        for (Game24.Ranked r : ranked) {
            distinct.add(r.numbers());
        }
        assertEquals(1362, distinct.size());
        assertEquals(Game24.NEEDS_FRACTIONS, ranked.stream().filter(Game24.Ranked::needsFractions).count());
        // known unsolvable and fraction-only puzzles
        assertTrue(!distinct.contains(List.of(1, 1, 1, 1)));
        assertTrue(ranked.stream().anyMatch(r -> r.numbers().equals(List.of(3, 3, 8, 8)) && r.needsFractions()));
        assertTrue(ranked.stream().anyMatch(r -> r.numbers().equals(List.of(1, 5, 5, 5)) && r.needsFractions()));
    }

    @Test
    void rankingIsTotalAndHardestLast() {
        List<Game24.Ranked> ranked = Game24.ranked();
        for (int i = 0; i < ranked.size(); i++) {
            Game24.Ranked r = ranked.get(i);
            assertEquals(i, r.rank());
            assertEquals(i, r.example().meta().seed());
            assertEquals(1 + i * 5 / ranked.size(), r.example().difficulty());
            if (i > 0) {
                Game24.Ranked q = ranked.get(i - 1);
                boolean ordered = !q.needsFractions() && r.needsFractions()
                        || q.needsFractions() == r.needsFractions() && (q.solutions() > r.solutions()
                        || q.solutions() == r.solutions() && (q.rolloutSuccess() > r.rolloutSuccess()
                        || q.rolloutSuccess() == r.rolloutSuccess()
                        && lexicographicallyBefore(q.numbers(), r.numbers())));
                assertTrue(ordered, q + "\n before \n" + r);
            }
        }
        assertEquals(List.of(1, 4, 8, 12), ranked.get(0).numbers());
        assertEquals(List.of(2, 3, 5, 12), ranked.get(1361).numbers());
        List<Example> hardest = Game24.hardest(100);
        assertEquals(100, hardest.size());
        assertEquals(ranked.get(1262).example(), hardest.get(0));
        assertEquals("Use 2 3 5 12 to make 24.", hardest.get(99).prompt());
        assertEquals(ranked.get(5).example(), game24.example(5));
        assertEquals(273, ranked.stream().filter(r -> r.example().difficulty() == 1).count());
    }

    @Test
    void everyReferenceAnswerAndPathIsValid() {
        for (Game24.Ranked r : Game24.ranked()) {
            Example e = r.example();
            assertEquals(Verdict.CORRECT, game24.verify(e, e.thinkingCompletion()), e.prompt());
            assertEquals("Use " + String.join(" ", r.numbers().stream().map(String::valueOf).toList())
                    + " to make 24.", e.prompt());
            List<Rational> state = CountdownSearch.state(r.numbers());
            for (String line : e.thinkTrace().split("\n")) {
                Step s = Step.parse(line);
                assertTrue(CountdownSearch.isValid(s, state, Rules.GAME24), line);
                state = s.left();
            }
            assertEquals(List.of(Rational.of(24)), state);
        }
    }

    @Test
    void verdictsFromTheJavadoc() {
        Example a = puzzle("Use 1 4 7 8 to make 24.");
        assertEquals(Verdict.CORRECT, game24.verify(a, "(8-4)*(7-1)"));
        assertEquals(Verdict.CORRECT, game24.verify(a, "<think>8 - 4 = 4 (left: 1 4 7)</think>\n\n8*(7-4)*1"));
        assertEquals(Verdict.WRONG, game24.verify(a, "8*(7-4)"));
        assertEquals(Verdict.WRONG, game24.verify(a, "(8-4)*6"));
        assertEquals(Verdict.WRONG, game24.verify(a, "(8-4)*(7-1)*1"));
        Example b = puzzle("Use 3 3 8 8 to make 24.");
        assertEquals(Verdict.CORRECT, game24.verify(b, "8/(3-8/3)"));
        assertEquals(Verdict.WRONG, game24.verify(b, "8/(3-3)*8"));
        assertEquals(Verdict.NO_ANSWER, game24.verify(b, "((8"));
        // any intermediate value is allowed in an answer: (-4) * (-6)
        assertEquals(Verdict.CORRECT, game24.verify(puzzle("Use 1 4 5 10 to make 24."), "(1-5)*(4-10)"));
    }

    @Test
    void onlyATestSplit() {
        assertEquals(List.of(Split.TEST), game24.splits());
        assertThrows(IllegalArgumentException.class, () -> game24.example(Split.TRAIN, 1, 0));
        assertEquals(game24.example(Split.TEST, 5, 0), Game24.ranked().get(1362 - 272).example());
        assertEquals("1 4 7 8", game24.canonical(puzzle("Use 8 7 4 1 to make 24.")));
    }

    private static boolean lexicographicallyBefore(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return a.get(i) < b.get(i);
            }
        }
        return false;
    }

    private static Example puzzle(String prompt) {
        return new Example(prompt, "0", "", new Example.Meta("game24", 0, "", 0));
    }
}
