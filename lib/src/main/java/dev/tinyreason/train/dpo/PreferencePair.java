package dev.tinyreason.train.dpo;

import dev.tinyreason.tasks.Example;

/**
 * One preference: for a problem, a completion to prefer and one to avoid, both sampled from
 * the model being aligned, with the reason the second was rejected and both lengths.
 *
 * @param example  the training problem
 * @param chosen   the preferred completion (the text after the generation prompt)
 * @param rejected the dispreferred completion
 * @param reason   why {@code rejected} lost
 * @param chosenTokens   generated tokens of {@code chosen}
 * @param rejectedTokens generated tokens of {@code rejected}
 */
public record PreferencePair(Example example, String chosen, String rejected, Reason reason,
        int chosenTokens, int rejectedTokens) {

    /** Why a completion was rejected, in order of preference for building pairs. */
    public enum Reason {
        /** Its final answer is wrong (the verifier says so). */
        WRONG_ANSWER,
        /** Its think block or answer is malformed (no {@code </think>}, or no answer). */
        MALFORMED,
        /**
         * Right, but at least {@code Mix.lengthRatio} times as long as the chosen trace (a length
         * pair: both sides correct, only the length differs).
         */
        LONGER
    }
}
