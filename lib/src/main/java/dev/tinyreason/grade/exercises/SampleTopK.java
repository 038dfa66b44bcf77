package dev.tinyreason.grade.exercises;

import dev.tinyreason.infer.Sampling;
import java.util.Random;

/**
 * Exercise (00b_tokenizer): temperature + top-k sampling of the next token from a row of
 * logits. Reference: {@link Sampling#sampleTopK}, which the generator calls for every sampled
 * token. The procedure is pinned so two implementations with the same {@link Random} agree:
 * temperature 0 or k = 1 → argmax (lowest index on ties, no draw); otherwise keep the k largest
 * logits (k ≤ 0 keeps all), weight each kept token by {@code exp((l - max) / T)}, draw
 * {@code u = rng.nextDouble() * sum} once, and return the first kept token, in index order, where
 * the running sum exceeds u.
 */
@FunctionalInterface
public interface SampleTopK {

    int sample(float[] logits, float temperature, int k, Random rng);

    /** The library's reference: the very method the generator calls. */
    SampleTopK REFERENCE = Sampling::sampleTopK;

    /** The starter stub in the notebook (always token 0). */
    SampleTopK STUB = (logits, temperature, k, rng) -> 0;
}
