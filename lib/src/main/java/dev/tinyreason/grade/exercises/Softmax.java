package dev.tinyreason.grade.exercises;

/**
 * Exercise (00_welcome): turn logits into probabilities with a temperature,
 * {@code p_i = exp(l_i / T) / sum_j exp(l_j / T)}.
 *
 * <p>Subtracting the largest logit first leaves the result unchanged (the factor cancels) but keeps
 * {@code exp} from overflowing: {@code exp(1000)} is infinity in a float. Lower T sharpens the
 * distribution toward the argmax; higher T flattens it. T must be positive.
 * Worked example: {@code softmax([1, 2, 3], 1) ≈ [0.0900, 0.2447, 0.6652]}.
 */
@FunctionalInterface
public interface Softmax {

    float[] softmax(float[] logits, float temperature);

    /** The library's reference: the sampler's own {@link dev.tinyreason.infer.Sampling#softmax}. */
    Softmax REFERENCE = (logits, temperature) -> {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException(
                    "temperature must be > 0, got " + temperature + "; use argmax for T -> 0.");
        }
        double[] p = dev.tinyreason.infer.Sampling.softmax(logits, temperature);
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (float) p[i];
        }
        return out;
    };

    /** The starter stub in the notebook (all zeros). */
    Softmax STUB = (logits, temperature) -> new float[logits.length];
}
