package dev.tinyreason.tasks;

/**
 * What a verifier says about one completion, with TinyZero's reward tiers (Pan et al. 2025,
 * {@code countdown.py}: {@code format_score=0.1}, {@code score=1.0}).
 *
 * <ul>
 *   <li>{@link #NO_ANSWER} (reward 0): nothing the task can read as an answer;</li>
 *   <li>{@link #WRONG} (reward 0.1): an answer in the right form, but not a correct one;</li>
 *   <li>{@link #CORRECT} (reward 1.0).</li>
 * </ul>
 *
 * The small reward for a well-formed wrong answer teaches the format early in RL, while the gap
 * to 1.0 keeps correctness what the policy is paid for.
 */
public enum Verdict {
    NO_ANSWER(0.0),
    WRONG(0.1),
    CORRECT(1.0);

    private final double reward;

    Verdict(double reward) {
        this.reward = reward;
    }

    /** The scalar reward for RL: 0, 0.1 or 1.0. */
    public double reward() {
        return reward;
    }

    /** Whether the answer was right. */
    public boolean correct() {
        return this == CORRECT;
    }
}
