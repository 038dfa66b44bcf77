package dev.tinyreason.grade.exercises;

import dev.tinyreason.tokenizer.Bpe;

/**
 * Exercise (00b_tokenizer): the pair BPE training merges next — the most frequent adjacent pair,
 * ties broken by the smallest pair (left id first, then right id). Fewer than two ids is an
 * error. Reference: {@link Bpe#topPair}.
 *
 * <p>Worked example: {@code topPair([1, 2, 3, 1, 2]) == (1, 2)}; {@code topPair([5, 4, 3]) == (4, 3)}.
 */
@FunctionalInterface
public interface TopPair {

    Bpe.Pair topPair(int[] ids);

    /** The library's reference. */
    TopPair REFERENCE = Bpe::topPair;

    /** The starter stub in the notebook (a pair that never occurs). */
    TopPair STUB = ids -> new Bpe.Pair(-1, -1);
}
