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

    /**
     * Whether this CPU multiplies bf16 in hardware (x86 flags {@code avx512_bf16} or
     * {@code amx_bf16} in {@code /proc/cpuinfo}). Without them PyTorch emulates bf16 matmuls in
     * software, many times slower than float32 itself ({@code ./tinyreason bench} measures
     * both), so {@link #BF16} only pays on a CPU that has
     * them. False where the flags cannot be read.
     */
    public static boolean bf16InHardware() {
        try {
            String flags = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/cpuinfo"));
            return flags.contains(" avx512_bf16") || flags.contains(" amx_bf16");
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

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
