package dev.tinyreason.infer.tree;

import dev.tinyreason.tasks.CountdownSearch;
import dev.tinyreason.tasks.Rational;
import dev.tinyreason.tasks.Rules;
import dev.tinyreason.tasks.Step;
import java.util.List;
import java.util.Locale;

/**
 * A value judgement of a state, the three words of the Tree-of-Thoughts Game of 24 value prompt
 * (Yao et al. 2023, Sec. 4.1): can the numbers left still reach the target? Their weights are
 * the paper's: {@code sure} 20, {@code likely} 1, {@code impossible} 0.001 (the code's
 * {@code value_map}), so one "sure" outweighs many "likely"s and "impossible" all but removes a
 * state.
 *
 * <p><b>Exact labels</b> ({@link #of}), what a value model is trained on, with {@link
 * CountdownSearch#canReach} as the judge:
 * <ul>
 *   <li>{@link #SURE}: the target is reached within one more step, which a glance can check
 *       ({@code 4 6 → 24}: {@code 4 * 6}); with every number to be used, as in Game of 24, these
 *       are exactly the solvable states of two numbers;</li>
 *   <li>{@link #LIKELY}: the target can be reached, but only in two or more steps, so finding
 *       the way still takes a search;</li>
 *   <li>{@link #IMPOSSIBLE}: no sequence of legal moves reaches the target.</li>
 * </ul>
 *
 * <p><b>The question</b> a value model answers, with thinking off:
 * {@code "Can 3 9 21 make 24? Answer sure, likely or impossible."} and its reply is the bare
 * word.
 */
public enum Judgement {
    SURE(20),
    LIKELY(1),
    IMPOSSIBLE(0.001);

    private final double weight;

    Judgement(double weight) {
        this.weight = weight;
    }

    /** The paper's weight of this judgement: 20, 1 or 0.001. */
    public double weight() {
        return weight;
    }

    /** The word a model writes: {@code sure}, {@code likely} or {@code impossible}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The value of several judgements of one state, as the paper aggregates them: the sum of
     * their weights. Null entries (replies that are none of the three words) add nothing.
     * <pre>
     * value([SURE, LIKELY, LIKELY])         = 22
     * value([LIKELY, IMPOSSIBLE, null])     = 1.001
     * value([])                             = 0
     * </pre>
     */
    public static double value(List<Judgement> judgements) {
        double v = 0;
        for (Judgement j : judgements) {
            if (j != null) {
                v += j.weight();
            }
        }
        return v;
    }

    /**
     * The judgement in a model's reply: the first word, ignoring case, surrounding spaces and a
     * final full stop; null if it is none of the three words. Total.
     */
    public static Judgement parse(String reply) {
        if (reply == null) {
            return null;
        }
        String w = reply.strip();
        int end = 0;
        while (end < w.length() && Character.isLetter(w.charAt(end))) {
            end++;
        }
        String word = w.substring(0, end).toLowerCase(Locale.ROOT);
        for (Judgement j : values()) {
            if (j.word().equals(word)) {
                return j;
            }
        }
        return null;
    }

    /** The exact label of {@code state} (see the class comment); {@code state} has a number. */
    public static Judgement of(List<Rational> state, Rational target, Rules rules) {
        if (!CountdownSearch.canReach(state, target, rules)) {
            return IMPOSSIBLE;
        }
        if (CountdownSearch.isSolved(state, target, rules)) {
            return SURE;
        }
        for (Step s : CountdownSearch.nextSteps(state, rules)) {
            if (CountdownSearch.isSolved(s.left(), target, rules)) {
                return SURE;
            }
        }
        return LIKELY;
    }

    /** The value question about {@code state}: {@code "Can 3 9 21 make 24? Answer sure, ..."}. */
    public static String question(List<Rational> state, int target) {
        return "Can " + Step.join(state) + " make " + target
                + "? Answer sure, likely or impossible.";
    }
}
