package dev.tinyreason.grade.exercises;

/**
 * Exercise (05_sft): TRL's {@code mean_token_accuracy}, the share of trained tokens the model
 * would have predicted exactly (argmax = target).
 *
 * <p>{@code logits[t]} is the model's output at position t: its guess for token {@code t + 1}.
 * So target {@code ids[t]} (for t ≥ 1) is scored against {@code argmax(logits[t - 1])}, and it
 * counts only where {@code lossMask[t]} is true (the mask of {@code Conversation}: whether token
 * t is trained). Ties go to the lowest index, as in greedy decoding. With no trained token the
 * accuracy is undefined: throw {@link IllegalArgumentException}.
 *
 * <p>Worked example (vocabulary of 3): {@code ids = [0, 2, 1, 1]},
 * {@code lossMask = [F, T, T, T]}, argmax of the rows of {@code logits} = {@code [2, 0, 1, 2]}:
 * targets 2, 1, 1 against guesses 2, 0, 1 → 2 of 3 right, accuracy 0.667.
 */
@FunctionalInterface
public interface MeanTokenAccuracy {

    double accuracy(float[][] logits, int[] ids, boolean[] lossMask);

    /** The reference. */
    MeanTokenAccuracy REFERENCE = (logits, ids, lossMask) -> {
        if (logits.length != ids.length || lossMask.length != ids.length) {
            throw new IllegalArgumentException("One row of logits and one mask value per id: "
                    + ids.length + " ids, " + logits.length + " rows, " + lossMask.length
                    + " mask values.");
        }
        int counted = 0;
        int correct = 0;
        for (int t = 1; t < ids.length; t++) {
            if (lossMask[t]) {
                counted++;
                correct += Argmax.REFERENCE.argmax(logits[t - 1]) == ids[t] ? 1 : 0;
            }
        }
        if (counted == 0) {
            throw new IllegalArgumentException("The mask trains no token, so accuracy is "
                    + "undefined.");
        }
        return (double) correct / counted;
    };

    /** The starter stub in the notebook. */
    MeanTokenAccuracy STUB = (logits, ids, lossMask) -> 0.0;
}
