package dev.tinyreason.tensor;

/**
 * The number format of a training run's matrix products. Weights, optimizer state, norms,
 * softmax and the loss always stay float32; only {@link #BF16} changes the matmuls (see
 * {@link Autocast}).
 */
public enum Precision {
    /** Everything in float32 (8 exponent bits, 23 mantissa bits). */
    FP32,
    /**
     * Mixed precision: matmul inputs rounded to bfloat16 (8 exponent bits, 7 mantissa bits),
     * products accumulated by the CPU's bf16 units, results back in float32; float32 master
     * weights. TRL's {@code bf16=True}.
     */
    BF16;

    /** Parses "fp32" or "bf16" (any case), with an error that lists the choices. */
    public static Precision parse(String name) {
        for (Precision p : values()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown precision '" + name + "'; use fp32 or bf16.");
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
