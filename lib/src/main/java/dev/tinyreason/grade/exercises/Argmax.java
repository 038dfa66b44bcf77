package dev.tinyreason.grade.exercises;

/**
 * Exercise (00_welcome): the index of the largest logit — what greedy decoding picks.
 *
 * <p>Rule: on ties, the first (lowest) index wins; an empty array is an error.
 * Worked example: {@code argmax([0.1, 2.5, -1.0]) == 1}, {@code argmax([1, 5, 5]) == 1}.
 */
@FunctionalInterface
public interface Argmax {

    int argmax(float[] logits);

    /** The library's reference: greedy decoding's own {@link dev.tinyreason.infer.Sampling#argmax}. */
    Argmax REFERENCE = logits -> {
        if (logits.length == 0) {
            throw new IllegalArgumentException("argmax of an empty array is undefined.");
        }
        return dev.tinyreason.infer.Sampling.argmax(logits);
    };

    /** The starter stub in the notebook (it returns an impossible index). */
    Argmax STUB = logits -> -1;
}
