package dev.tinyreason.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WordTest {

    private final Word word = new Word();
    /** Canonical traces only: the story's order, as version 1 wrote every trace. */
    private final Word storyOrder = new Word(TraceVariety.NONE);

    @Test
    void workedExampleFromTheJavadoc() {
        Example e = storyOrder.generate(3, 41);
        assertEquals("Ivan starts with 13 candles. Jon is 31 years old. Ivan buys 34 more candles. "
                + "Ivan gives 4 candles to each of 3 friends. At the end, how many candles does Ivan have?",
                e.prompt());
        assertEquals("13 + 34 = 47\n3 * 4 = 12\n47 - 12 = 35", e.thinkTrace());
        assertEquals("35", e.answer());
        assertEquals("13+34=47;3*4=12;47-12=35", word.canonical(e));
        assertEquals(Verdict.CORRECT, word.verify(e, "35"));
        assertEquals(Verdict.WRONG, word.verify(e, "<think>13 + 34 = 47</think>47"));
        assertEquals(Verdict.NO_ANSWER, word.verify(e, "35 candles"));
    }

    /** Each equation is right, uses only small whole numbers, and the chain ends at the answer. */
    @Test
    void tracesAreOneCorrectEquationPerStep() {
        Pattern eq = Pattern.compile("(\\d+) ([-+*/]) (\\d+) = (\\d+)");
        for (int d = 1; d <= 8; d++) {
            for (int i = 0; i < 150; i++) {
                Example e = storyOrder.example(Split.TRAIN, d, i);
                String[] lines = e.thinkTrace().split("\n");
                assertEquals(d, lines.length, e.thinkTrace());
                long last = -1;
                for (String line : lines) {
                    Matcher m = eq.matcher(line);
                    assertTrue(m.matches(), line);
                    long a = Long.parseLong(m.group(1));
                    long b = Long.parseLong(m.group(3));
                    long c = Long.parseLong(m.group(4));
                    long want = switch (m.group(2)) {
                        case "+" -> a + b;
                        case "-" -> a - b;
                        case "*" -> a * b;
                        default -> b != 0 && a % b == 0 ? a / b : -1;
                    };
                    assertEquals(want, c, line);
                    for (long n : new long[] {a, b, c}) {
                        assertTrue(n >= 0 && n < Word.LIMIT, line);
                    }
                    last = c;
                }
                assertEquals(Long.toString(last), e.answer());
                assertTrue(e.prompt().endsWith("?"), e.prompt());
            }
        }
    }

    @Test
    void wordingVaries() {
        Set<String> openings = new HashSet<>();
        Set<String> questions = new HashSet<>();
        int withDistractor = 0;
        for (int i = 0; i < 400; i++) {
            Example e = word.example(Split.TRAIN, 4, i);
            String p = e.prompt().replaceAll("[A-Z][a-z]+", "N").replaceAll("\\d+", "#");
            openings.add(p.substring(0, p.indexOf('.')));
            questions.add(p.substring(p.lastIndexOf(". ") + 2));
            withDistractor += e.prompt().matches(".*(years old|degrees|minutes away|more \\w+ than).*") ? 1 : 0;
        }
        assertTrue(openings.size() >= 4, openings.toString());
        assertTrue(questions.size() >= 4, questions.toString());
        assertTrue(withDistractor > 100 && withDistractor < 400, "distractors in " + withDistractor + " of 400");
    }

    @Test
    void aRewordingIsTheSameProblemToldAgain() {
        int differentPrompts = 0;
        for (int d = 1; d <= 8; d++) {
            for (int i = 0; i < 40; i++) {
                Example e = storyOrder.example(Split.TEST, d, i);
                Example r = storyOrder.reword(e, 1000L * d + i);
                assertEquals(storyOrder.canonical(e), storyOrder.canonical(r));
                assertEquals(Verdict.CORRECT, storyOrder.verify(r, e.thinkingCompletion()));
                assertEquals(e.answer(), r.answer());
                differentPrompts += r.prompt().equals(e.prompt()) ? 0 : 1;
                // the opening sentence, never preceded by a distractor, tells the starting pile
                Matcher was = Pattern.compile("\\d+").matcher(e.prompt());
                Matcher now = Pattern.compile("\\d+").matcher(r.prompt());
                assertTrue(was.find() && now.find(), r.prompt());
                assertEquals(was.group(), now.group(), r.prompt());
            }
        }
        assertTrue(differentPrompts > 300, differentPrompts + " of 320 rewordings changed the text");
        Example e = storyOrder.example(Split.TEST, 8, 0);
        assertEquals(e, storyOrder.telling(e, 0));
        assertEquals(storyOrder.telling(e, 3), storyOrder.telling(e, 3));
        assertFalse(storyOrder.telling(e, 1).prompt().equals(storyOrder.telling(e, 2).prompt()));
        assertThrows(IllegalArgumentException.class, () -> storyOrder.telling(e, -1));
        Example foreign = new Example("Mia has 3 apples. How many apples does Mia have now?", "3",
                "3", new Example.Meta("word", 1, "2", 7));
        assertThrows(IllegalArgumentException.class, () -> storyOrder.reword(foreign, 1));
    }

    @Test
    void referenceCompletionsVerifyAndGarbageDoesNot() {
        for (int i = 0; i < 300; i++) {
            Example e = word.example(i);
            assertEquals(Verdict.CORRECT, word.verify(e, e.thinkingCompletion()));
            assertTrue(word.formatOk(e.thinkingCompletion()));
            assertFalse(word.formatOk(e.directCompletion()));
        }
    }

    @Test
    void stepsOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> word.generate(0, 1));
        assertThrows(IllegalArgumentException.class, () -> word.generate(9, 1));
    }
}
