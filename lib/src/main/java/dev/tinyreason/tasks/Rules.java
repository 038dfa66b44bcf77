package dev.tinyreason.tasks;

/**
 * What a step may produce and when a number puzzle is solved.
 *
 * <p>Every intermediate result must be positive: {@code 3 - 5} and {@code 4 - 4} are not steps.
 * This costs nothing: Game of 24 has the same 1362 solvable puzzles with or without negative
 * intermediates, and it halves the branching (only the larger minus the smaller).
 *
 * @param fractions whether a result may be a fraction ({@code 8 / 3 = 8/3}); without, division
 *     must be exact
 * @param useAll whether the goal is a state holding only the target (every number used); without,
 *     the target appearing anywhere in the state is enough (each number at most once)
 */
public record Rules(boolean fractions, boolean useAll) {

    /** Countdown: whole numbers, exact division, each number at most once. */
    public static final Rules COUNTDOWN = new Rules(false, false);

    /** Game of 24: fractions allowed, every number used exactly once. */
    public static final Rules GAME24 = new Rules(true, true);

    /** Whether {@code r} may be the result of a step: positive, and whole unless fractions are on. */
    public boolean allows(Rational r) {
        return r != null && r.signum() > 0 && (fractions || r.isInteger());
    }

    /** The same rules with {@code useAll} set. */
    public Rules withUseAll(boolean useAll) {
        return new Rules(fractions, useAll);
    }
}
