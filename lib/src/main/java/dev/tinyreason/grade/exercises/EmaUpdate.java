package dev.tinyreason.grade.exercises;

/**
 * Exercise (04_tiny_recursive_model): one step of the exponential moving average of the weights
 * that TRM keeps and evaluates (the paper's ablation: without EMA, Sudoku accuracy drops from
 * 87.4% to 79.9%): {@code shadow' = decay * shadow + (1 - decay) * weights}, element by
 * element, as a new array. {@code decay} must lie in [0, 1]. The TRM trainer applies the same
 * formula to its DJL tensors ({@code ema.muli(decay).addi(weights * (1 - decay))}).
 *
 * <p>Worked example: {@code ema([1, 2], [3, 6], 0.75) == [1.5, 3.0]}.
 */
@FunctionalInterface
public interface EmaUpdate {

    float[] ema(float[] shadow, float[] weights, float decay);

    /** The reference. */
    EmaUpdate REFERENCE = (shadow, weights, decay) -> {
        if (!(decay >= 0 && decay <= 1)) {
            throw new IllegalArgumentException("decay must be in [0, 1], got " + decay);
        }
        if (shadow.length != weights.length) {
            throw new IllegalArgumentException("shadow has " + shadow.length + " values but weights "
                    + weights.length + "; they must match.");
        }
        float[] out = new float[shadow.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = decay * shadow[i] + (1 - decay) * weights[i];
        }
        return out;
    };

    /** The starter stub in the notebook (all zeros). */
    EmaUpdate STUB = (shadow, weights, decay) -> new float[shadow.length];
}
