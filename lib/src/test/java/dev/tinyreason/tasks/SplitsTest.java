package dev.tinyreason.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitsTest {

    @Test
    void splitOfIsFixedForever() {
        // pinned, so that a change of hash (which would reshuffle every split) cannot go unnoticed
        assertEquals(Split.TRAIN, Split.of("38+47"));
        assertEquals(Split.of("38+47"), Split.of("38+47"));
        int[] counts = new int[3];
        for (int a = 0; a < 100; a++) {
            for (int b = a; b < 100; b++) {
                counts[Split.of(a + "+" + b).ordinal()]++;
            }
        }
        int total = counts[0] + counts[1] + counts[2];
        assertTrue(Math.abs(counts[Split.TEST.ordinal()] - total / 10) < total / 50, java.util.Arrays.toString(counts));
        assertTrue(Math.abs(counts[Split.VAL.ordinal()] - total / 10) < total / 50, java.util.Arrays.toString(counts));
    }

    /** No canonical form is in two splits, and each example sits in the split its form hashes to. */
    @Test
    void splitsAreDisjointByCanonicalForm() {
        for (Task task : List.of(Tasks.named("arith"), Tasks.named("word"), Tasks.named("countdown"))) {
            Map<Split, Set<String>> forms = new EnumMap<>(Split.class);
            for (Split split : Split.values()) {
                Set<String> mine = new HashSet<>();
                for (Example e : TaskData.generate(task, split, split == Split.TRAIN ? 150 : 40)) {
                    String c = task.canonical(e);
                    assertEquals(split, Split.of(c), task.name() + " " + e.prompt());
                    assertTrue(mine.add(c), "a form twice in one split: " + c);
                }
                forms.put(split, mine);
            }
            for (Split a : Split.values()) {
                for (Split b : Split.values()) {
                    if (a.ordinal() < b.ordinal()) {
                        Set<String> both = new HashSet<>(forms.get(a));
                        both.retainAll(forms.get(b));
                        assertTrue(both.isEmpty(), task.name() + " " + a + "/" + b + " share " + both);
                    }
                }
            }
        }
    }

    /** Rewordings share a canonical form: the arith operands swapped, a word problem's story changed. */
    @Test
    void surfaceChangesKeepTheForm() {
        Task arith = Tasks.named("arith");
        Example a = new Example("What is 47 + 38?", "85", "", new Example.Meta("arith", 2, "", 0));
        Example b = new Example("What is 38 + 47?", "85", "", new Example.Meta("arith", 2, "", 0));
        assertEquals(arith.canonical(a), arith.canonical(b));
        Task word = Tasks.named("word");
        Example w = word.example(Split.TEST, 3, 0);
        Example reworded = new Example(w.prompt().replace("?", " now?").replaceAll("[A-Z][a-z]+ ", "Someone "),
                w.answer(), w.thinkTrace(), w.meta());
        assertEquals(word.canonical(w), word.canonical(reworded));
        Task countdown = Tasks.named("countdown");
        assertEquals("3 5 7 9 -> 42", countdown.canonical(new Example("Use 9 7 5 3 to make 42.", "1", "",
                new Example.Meta("countdown", 4, "", 0))));
    }

    @Test
    void generationIsDeterministic() {
        for (Task task : Tasks.all()) {
            for (int i = 0; i < 40; i++) {
                assertEquals(task.example(i), task.example(i));
            }
            if (task instanceof GeneratedTask g) {
                for (int i = 0; i < 40; i++) {
                    Example e = task.example(Split.VAL, task.maxDifficulty(), i);
                    assertEquals(e, g.generate(e.difficulty(), e.meta().seed()), "provenance regenerates the example");
                }
            }
        }
        // pinned across machines: java.util.Random and the seed derivation are specified
        Task arith = Tasks.named("arith");
        Example e = arith.example(Split.TEST, 2, 0); // the example in Task's javadoc
        assertEquals("What is 40 + 73?", e.prompt());
        assertEquals(31408295492891L, e.meta().seed());
        assertEquals(Verdict.CORRECT, arith.verify(e, "0+3=3 | 4+7=11 c1 | 113</think>113"));
        assertEquals(0.1, arith.reward(e, "<think>...</think>112"));
        assertEquals(0.0, arith.reward(e, "one hundred and thirteen"));
    }

    @Test
    void largerSetsExtendSmallerOnes() {
        Task word = Tasks.named("word");
        List<Example> small = TaskData.generate(word, Split.TRAIN, 20);
        List<Example> large = TaskData.generate(word, Split.TRAIN, 30);
        for (int d = 1; d <= 8; d++) {
            int level = d;
            List<Example> s = small.stream().filter(e -> e.difficulty() == level).toList();
            List<Example> l = large.stream().filter(e -> e.difficulty() == level).toList();
            assertEquals(s, l.subList(0, s.size()));
        }
    }

    @Test
    void exhaustedLevelsGiveWhatTheyHave() {
        List<Example> oneDigit = TaskData.generate(Tasks.named("arith"), Split.TEST, d -> d == 1 ? 1000 : 0);
        assertTrue(oneDigit.size() > 5 && oneDigit.size() < 40, oneDigit.size() + " one-digit test problems");
    }
}
