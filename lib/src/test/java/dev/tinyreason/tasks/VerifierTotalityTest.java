package dev.tinyreason.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Verifiers never throw on what a model writes, however broken. */
class VerifierTotalityTest {

    private static List<String> garbage() {
        List<String> g = new ArrayList<>();
        g.add(null);
        g.add("");
        g.add("</think>");
        g.add("<think>");
        g.add("<think></think>");
        g.add("</think></think></think>");
        g.add("<|im_end|>");
        g.add("(".repeat(100_000));
        g.add("</think>" + "(".repeat(150) + "1");
        g.add("</think>" + "9".repeat(1_000_000));
        g.add("</think>" + "1+".repeat(60) + "1");
        g.add("x".repeat(10_000_000));
        g.add("</think>" + "-".repeat(30));
        g.add("</think>99999999999999999999999999999999");
        g.add("</think>9223372036854775807*9223372036854775807");
        g.add("</think>999999999*999999999*999999999*999999999/1");
        g.add("</think>1/0");
        g.add("</think>(1-1)/(1-1)");
        g.add("</think>1 = 1/0");
        g.add("</think>= 5");
        g.add("</think>\u0000\uD800\uDFFF\uFFFF🙂");
        g.add("13 - 9 = 4 (left: 4 4 10)");
        Random rng = new Random(3);
        String alphabet = "0123456789+-*/()= <>/think|im_end\n\t.,xé🙂";
        for (int i = 0; i < RANDOM_STRINGS; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = rng.nextInt(40); k > 0; k--) {
                sb.append(alphabet.charAt(rng.nextInt(alphabet.length())));
            }
            g.add(sb.toString());
            g.add("</think>" + sb);
        }
        return g;
    }

    static final int RANDOM_STRINGS = 3000;

    @Test
    void everyTaskReturnsAVerdictForGarbage() {
        List<String> garbage = garbage();
        int handWritten = garbage.size() - 2 * RANDOM_STRINGS;
        for (Task task : Tasks.all()) {
            Example e = task.example(0);
            for (int i = 0; i < garbage.size(); i++) {
                String s = garbage.get(i);
                Verdict v = task.verify(e, s);
                assertNotNull(v);
                if (i < handWritten) {  // a random string may end in the answer
                    assertNotEquals(Verdict.CORRECT, v, task.name() + " called garbage correct: " + s);
                }
                double r = task.reward(e, s);
                assertEquals(v.reward(), r);
                assertTrue(r == 0.0 || r == 0.1 || r == 1.0, "reward " + r + " is not a tier");
                task.formatOk(s);
                Reply.parse(s);
            }
        }
    }

    @Test
    void searchFunctionsAreTotal() {
        List<Rational> state = CountdownSearch.state(List.of(4, 4, 10, 13));
        for (String s : garbage()) {
            Step step = Step.parse(s);
            CountdownSearch.isValid(step, state, Rules.GAME24);
            Expression.parse(s);
            Rational.parse(s);
        }
    }

    @Test
    void rewardTiers() {
        Example e = Tasks.named("arith").example(0);
        Task arith = Tasks.named("arith");
        assertEquals(1.0, arith.reward(e, e.thinkingCompletion()));
        assertEquals(0.1, arith.reward(e, "<think>x</think>" + (Long.parseLong(e.answer()) + 1)));
        assertEquals(0.0, arith.reward(e, "<think>x</think>no idea"));
        assertEquals(0.0, Verdict.NO_ANSWER.reward());
        assertEquals(0.1, Verdict.WRONG.reward());
        assertEquals(1.0, Verdict.CORRECT.reward());
    }
}
