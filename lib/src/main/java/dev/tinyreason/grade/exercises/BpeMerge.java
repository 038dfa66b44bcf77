package dev.tinyreason.grade.exercises;

import dev.tinyreason.tokenizer.Bpe;

/**
 * Exercise (00b_tokenizer): the BPE merge step — replace every occurrence of the adjacent pair
 * ({@code left}, {@code right}) by {@code newId}, scanning left to right, without changing the
 * input array. Reference: {@link Bpe#merge}.
 *
 * <p>Worked example: {@code merge([5, 6, 6, 7, 9, 1], 6, 7, 99) == [5, 6, 99, 9, 1]};
 * overlaps resolve to the left: {@code merge([7, 7, 7], 7, 7, 99) == [99, 7]}.
 */
@FunctionalInterface
public interface BpeMerge {

    int[] merge(int[] ids, int left, int right, int newId);

    /** The library's reference: the very method the trainer and encoder call. */
    BpeMerge REFERENCE = Bpe::merge;

    /** The starter stub in the notebook (merges nothing). */
    BpeMerge STUB = (ids, left, right, newId) -> ids.clone();
}
