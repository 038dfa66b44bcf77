package dev.tinyreason.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ArithTest {

    private final Arith arith = new Arith();
    /** Canonical traces only: the column method, as version 1 wrote every trace. */
    private final Arith columns = new Arith(TraceVariety.NONE);

    @Test
    void workedTracesFromTheJavadoc() {
        assertEquals("7+8=15 c1 | 4+3+1=8 | 85", Arith.trace(47, '+', 38));
        assertEquals("13-8=5 b1 | 4-1-1=2 | 25", Arith.trace(43, '-', 18));
        assertEquals("12-9=3 b1 | 5-4-1=0 | 3", Arith.trace(52, '-', 49));
        assertEquals("7*8=56 c5 | 4*8+5=37 c3 | 376", Arith.trace(47, '*', 8));
        assertEquals("7*8=56 c5 | 4*8+5=37 c3 | 376 ; 7*3=21 c2 | 4*3+2=14 c1 | 1410 ; "
                + "6+0=6 | 7+1=8 | 3+4=7 | 0+1=1 | 1786", Arith.trace(47, '*', 38));
    }

    @Test
    void longestTraceStaysUnder200Characters() {
        String worst = Arith.trace(999, '*', 99);
        assertEquals("9*9=81 c8 | 9*9+8=89 c8 | 9*9+8=89 c8 | 8991 ; 9*9=81 c8 | 9*9+8=89 c8 | 9*9+8=89 c8 | "
                + "89910 ; 1+0=1 | 9+1=10 c1 | 9+9+1=19 c1 | 8+9+1=18 c1 | 0+8+1=9 | 98901", worst);
        assertTrue(worst.length() < 200, worst.length() + " chars");
        for (int i = 0; i < 300; i++) {
            Example e = columns.example(Split.TRAIN, 5, i);
            assertTrue(e.thinkTrace().length() < 200, e.thinkTrace());
        }
    }

    @Test
    void pinnedGeneratedExamples() {
        Example add = columns.generate(5, 1);
        assertEquals("What is 19042 + 46669?", add.prompt());
        assertEquals("2+9=11 c1 | 4+6+1=11 c1 | 0+6+1=7 | 9+6=15 c1 | 1+4+1=6 | 65711", add.thinkTrace());
        assertEquals("65711", add.answer());
        assertEquals(new Example.Meta("arith", 5, "2", 1), add.meta());
        Example varied = arith.generate(5, 2);  // its trace drawn by the default mix: a check pass
        assertEquals(columns.generate(5, 2).prompt(), varied.prompt());
        assertEquals("13-4=9 b1 | 10-7-1=2 b1 | 4-3-1=0 | 6-0=6 | 3-1=2 | 26029 ; check 26029+10374: "
                + "9+4=13 c1 | 2+7+1=10 c1 | 0+3+1=4 | 6+0=6 | 2+1=3 | 36403 ok | 26029", varied.thinkTrace());
        Example sub = columns.generate(4, 2);
        assertEquals("What is 3640 - 1037?", sub.prompt());
        assertEquals("10-7=3 b1 | 4-3-1=0 | 6-0=6 | 3-1=2 | 2603", sub.thinkTrace());
        Example mul = columns.generate(5, 3);
        assertEquals("What is 606 * 82?", mul.prompt());
        assertEquals("49692", mul.answer());
    }

    /** Re-adds the column results of every trace: the last digits, right to left, make the answer. */
    @Test
    void everyTraceEndsWithTheRightAnswerAndItsColumnsAddUp() {
        Random rng = new Random(5);
        Pattern column = Pattern.compile("^(1?)(\\d)([-+*])(\\d+)(?:([-+])(\\d+))?=(\\d+)(?: [cb](\\d+))?$");
        for (int i = 0; i < 2000; i++) {
            long a = rng.nextInt(100_000);
            long b = rng.nextInt(100_000);
            char op = "+-*".charAt(i % 3);
            if (op == '-' && a < b) {
                long t = a;
                a = b;
                b = t;
            }
            if (op == '*') {
                b %= 100;
            }
            String trace = Arith.trace(a, op, b);
            long want = op == '+' ? a + b : op == '-' ? a - b : a * b;
            assertTrue(trace.endsWith(" | " + want), trace);
            for (String part : trace.split(" ; ")) {
                String[] cols = part.split(" \\| ");
                for (int k = 0; k < cols.length - 1; k++) {
                    Matcher m = column.matcher(cols[k]);
                    assertTrue(m.matches(), cols[k] + " in " + trace);
                    long x = Long.parseLong(m.group(1) + m.group(2));
                    long y = Long.parseLong(m.group(4));
                    long z = m.group(6) == null ? 0 : Long.parseLong(m.group(6));
                    long r = switch (m.group(3)) {
                        case "+" -> x + y + z;
                        case "-" -> x - y - z;
                        default -> x * y + z;
                    };
                    assertEquals(r, Long.parseLong(m.group(7)), cols[k] + " in " + trace);
                }
            }
        }
    }

    @Test
    void difficultyIsTheSizeOfTheNumbers() {
        Pattern p = Pattern.compile("What is (\\d+) ([-+*]) (\\d+)\\?");
        for (int d = 1; d <= 5; d++) {
            for (int i = 0; i < 200; i++) {
                Example e = arith.example(Split.TRAIN, d, i);
                Matcher m = p.matcher(e.prompt());
                assertTrue(m.matches(), e.prompt());
                int la = m.group(1).length();
                int lb = m.group(3).length();
                if (m.group(2).equals("*")) {
                    int[] want = d <= 3 ? new int[] {d, 1} : new int[] {d - 2, 2};
                    assertEquals(want[0], la, e.prompt());
                    assertEquals(want[1], lb, e.prompt());
                } else {
                    assertEquals(d, la, e.prompt());
                    assertTrue(lb <= d, e.prompt());
                }
                assertEquals(d, e.difficulty());
            }
        }
    }

    @Test
    void oneDigitLevelHas165Forms() {
        Set<String> forms = new HashSet<>();
        for (long seed = 0; seed < 20_000; seed++) {
            forms.add(arith.canonical(arith.generate(1, seed)));
        }
        assertEquals(165, forms.size()); // 55 unordered sums, 55 differences a >= b, 55 products
    }

    @Test
    void canonicalFormIgnoresOperandOrderForPlusAndTimes() {
        assertEquals("38+47", arith.canonical(ex("What is 47 + 38?", "85")));
        assertEquals("38+47", arith.canonical(ex("What is 38 + 47?", "85")));
        assertEquals("8*47", arith.canonical(ex("What is 47 * 8?", "376")));
        assertEquals("43-18", arith.canonical(ex("What is 43 - 18?", "25")));
        assertThrows(IllegalArgumentException.class, () -> arith.canonical(ex("47 plus 38", "85")));
    }

    @Test
    void verdictsAndRewardTiers() {
        Example e = ex("What is 47 + 38?", "85");
        assertEquals(Verdict.CORRECT, arith.verify(e, "7+8=15 c1 | 4+3+1=8 | 85</think>85"));
        assertEquals(Verdict.CORRECT, arith.verify(e, "85"));
        assertEquals(Verdict.CORRECT, arith.verify(e, "<think>x</think>\n\n085"));
        assertEquals(Verdict.WRONG, arith.verify(e, "<think>...</think>86"));
        assertEquals(Verdict.WRONG, arith.verify(e, "-85"));
        assertEquals(Verdict.NO_ANSWER, arith.verify(e, "<think>7+8=15 c1"));
        assertEquals(Verdict.NO_ANSWER, arith.verify(e, "85!"));
        assertEquals(Verdict.NO_ANSWER, arith.verify(e, "eighty-five"));
        assertEquals(Verdict.NO_ANSWER, arith.verify(e, "1".repeat(31)));
        assertEquals(1.0, arith.reward(e, "85"));
        assertEquals(0.1, arith.reward(e, "86"));
        assertEquals(0.0, arith.reward(e, "?"));
        assertTrue(arith.formatOk("a</think>86"));
        assertFalse(arith.formatOk("85"));
        assertFalse(arith.formatOk("a</think>eighty"));
    }

    @Test
    void referenceCompletionsVerify() {
        for (int i = 0; i < 500; i++) {
            Example e = arith.example(i);
            assertEquals(Verdict.CORRECT, arith.verify(e, e.thinkingCompletion()));
            assertEquals(Verdict.CORRECT, arith.verify(e, e.directCompletion()));
            assertTrue(arith.formatOk(e.thinkingCompletion()));
        }
    }

    @Test
    void badDifficultyAndOperandsAreExplained() {
        assertThrows(IllegalArgumentException.class, () -> arith.generate(6, 0));
        assertThrows(IllegalArgumentException.class, () -> Arith.trace(3, '-', 5));
        assertThrows(IllegalArgumentException.class, () -> Arith.trace(3, '*', 500));
        assertThrows(IllegalArgumentException.class, () -> Arith.trace(3, '/', 5));
    }

    private static Example ex(String prompt, String answer) {
        return new Example(prompt, answer, "", new Example.Meta("arith", 0, "", 0));
    }
}
