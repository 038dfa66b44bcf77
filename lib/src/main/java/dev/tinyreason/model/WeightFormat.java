package dev.tinyreason.model;

import java.util.Locale;

/**
 * How the Java decoder holds a model's weight matrices while it generates: as they were trained
 * ({@link #F32}) or as llama.cpp's 8-bit {@code Q8_0} blocks ({@link #Q8_0}), the format a
 * {@code ./tinyreason export gguf --type q8_0} file ships. Norm weights stay float32 in both,
 * as llama.cpp keeps them: they are a few kilobytes, and rounding them would shift every
 * activation of the layer they scale.
 *
 * <pre>{@code
 * Generator q8 = new Generator(model, tokenizer).withWeights(WeightFormat.Q8_0);
 * }</pre>
 */
public enum WeightFormat {
    /** The trained float32 weights, 4 bytes each: the reference. */
    F32,
    /**
     * Every matrix (embeddings, attention and MLP projections, output head) in blocks of 32
     * weights with one scale each, {@code w ≈ d · q}, {@code q} a signed byte
     * ({@link dev.tinyreason.tensor.Q8Blocks}): about a quarter of the bytes a decoding step
     * reads, for a weight error of at most half a step, {@code d / 2}. Needs every matrix row
     * to be whole blocks, so the model's widths must be multiples of 32.
     */
    Q8_0;

    /** The format named {@code s}: f32 or q8_0 (any case; q8 also works). */
    public static WeightFormat parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "f32", "fp32" -> F32;
            case "q8_0", "q8" -> Q8_0;
            default -> throw new IllegalArgumentException("Unknown weight format '" + s
                    + "'; use f32 or q8_0.");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
