package dev.tinyreason.tasks;

import dev.tinyreason.tasks.DataCard.FileStats;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The data card's "Many paths per problem" section: the path families of each task and their
 * shares, measured on the training files. Which trace of a line is the canonical one is found by
 * drawing the same seed with {@link TraceVariety#NONE}; at the hardest level, 16 traces redrawn
 * for each of up to 100 training problems show how many different traces and lengths one
 * problem has.
 */
final class DataCardPaths {

    private DataCardPaths() {}

    /** Appends the section: the prose, then one table row per training file of a task with variety. */
    static void append(StringBuilder md, List<FileStats> files) {
        TraceVariety v = TraceVariety.DEFAULT;
        md.append(String.format(Locale.ROOT, """
                ## Many paths per problem

                A problem has several correct traces, and each training line shows one drawn at random
                (seeded by the line's `_seed`, from a stream of its own, so the problems and splits do not
                depend on it; `TraceVariety` in `tasks/`). The mix (`TraceVariety.DEFAULT`): %.0f%% of traces
                take the **canonical** path, the rest one of the others that apply to the problem,
                uniformly; %.0f%% end with a **verification pass** and %.0f%% **restate** the problem
                first (drawn independently), so nearly half carry some redundancy: correct, but longer. The shipped
                models learned only the canonical traces (`Stage.traces()`), except `sft-verify`, DPO's start,
                which learned them with a verification pass in 70%% of traces; `--traces varied` trains a
                stage on the mix, and `data/sft-variety/README.md` measures what that did to `sft-think`.

                - **arith**: column method (canonical); operands swapped (`8+7=15 c1 | ...`);
                  subtraction by adding up (`9+7=16 c1 | ...`: 34609 + ? = 73336); a two-digit
                  multiplier's tens first; the product the other way round (the multiplier times
                  each digit). Every step stays a one-digit column step. Check: a sum by
                  subtracting, a difference by adding back, a product by another path
                  (`... ; check 85-38: 15-8=7 b1 | 8-3-1=4 | 47 ok | 85`). Restatement: `47+38 ; ...`.
                - **word**: the story's order (canonical); the groups' products first; each run of
                  gains and losses netted first (`34 - 12 = 22` then `13 + 22 = 35`); gains before
                  losses; a multiplication distributed over the addition before it. Check: every step
                  undone back to the start (`check: 70 / 2 = 35 ... 47 - 34 = 13 ok`), then the answer
                  again. Restatement: `plan: 13 +34 -3*4 *2`.
                - **countdown**: closest-first search (canonical) or a search whose move order is
                  shuffled (other dead ends, often another answer). Check: `check: 23+15+8-4 = 42 ok`.
                  No restatement.

                | task | training lines | canonical path | verification pass | restatement | distinct traces of 16, hardest level | length CV of a problem's traces, hardest level |
                |---|---:|---:|---:|---:|---:|---:|
                """, 100 * v.canonicalShare(), 100 * v.checkShare(), 100 * v.restateShare()));
        for (FileStats f : files) {
            if (f.split() != Split.TRAIN || !(f.task() instanceof GeneratedTask g) || canonical(g) == null) {
                continue;
            }
            GeneratedTask plain = canonical(g);
            int n = f.examples().size();
            int canon = 0;
            int checked = 0;
            int restated = 0;
            for (Example e : f.examples()) {
                String t = e.thinkTrace();
                Example c = plain.generate(e.difficulty(), e.meta().seed());
                canon += core(t).equals(c.thinkTrace()) ? 1 : 0;
                checked += t.contains("check") ? 1 : 0;
                restated += t.startsWith("plan: ") || t.matches("(?s)^\\d+[-+*]\\d+ ; .*") ? 1 : 0;
            }
            double[] spread = spread(g, f.examples());
            md.append(String.format(Locale.ROOT, "| %s | %,d | %.1f%% | %.1f%% | %.1f%% | %.1f | %.2f |%n",
                    g.name(), n, 100.0 * canon / n, 100.0 * checked / n, 100.0 * restated / n, spread[0], spread[1]));
        }
        md.append("\n");
    }

    /** The trace without its restatement and verification pass. */
    private static String core(String t) {
        return t.replaceFirst("^plan: [^\\n]*\\n", "").replaceFirst("^\\d+[-+*]\\d+ ; ", "")
                .replaceFirst("(?s) ; check .*$", "").replaceFirst("(?s)\\ncheck: .*$", "");
    }

    /** Mean distinct traces and mean length CV over 16 redraws of up to 100 hardest-level problems. */
    private static double[] spread(GeneratedTask g, List<Example> examples) {
        List<Example> hardest = examples.stream().filter(e -> e.difficulty() == g.maxDifficulty()).limit(100).toList();
        double distinct = 0;
        double cv = 0;
        Random draws = new Random(0);
        for (Example e : hardest) {
            Set<String> seen = new HashSet<>();
            double s = 0;
            double s2 = 0;
            for (int j = 0; j < 16; j++) {
                String t = g.generate(e.difficulty(), e.meta().seed(), new Random(draws.nextLong())).thinkTrace();
                seen.add(t);
                s += t.length();
                s2 += (double) t.length() * t.length();
            }
            double mean = s / 16;
            distinct += seen.size();
            cv += Math.sqrt(Math.max(0, s2 / 16 - mean * mean)) / mean;
        }
        return new double[] {distinct / hardest.size(), cv / hardest.size()};
    }

    /** The same generator with canonical traces only; null for a task without trace variety. */
    private static GeneratedTask canonical(GeneratedTask g) {
        return switch (g.name()) {
            case Arith.NAME -> new Arith(TraceVariety.NONE);
            case Word.NAME -> new Word(TraceVariety.NONE);
            case Countdown.NAME -> new Countdown(TraceVariety.NONE);
            default -> null;
        };
    }
}
