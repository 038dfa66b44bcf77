package dev.tinyreason.grade.exercises;

/**
 * Exercise (09_ship_it): quantise one block of 32 weights to llama.cpp's Q8_0.
 *
 * <p>Return the 32 signed bytes {@code q[i] = round(x[i] / d)} with the block's scale
 * {@code d = max|x| / 127}: the largest weight becomes ±127, and every other weight the nearest
 * multiple of {@code d}. Round halves away from zero, as C's {@code roundf} does (Java's
 * {@code Math.round} rounds −2.5 to −2, not −3). A block of zeros has {@code d = 0} and all-zero
 * bytes. A block that is not 32 long is an {@link IllegalArgumentException}.
 *
 * <p>Worked example: {@code x = [2.54, -1.27, 0.005, 0, ...]} has {@code d = 0.02}, so
 * {@code q = [127, -64, 0, 0, ...]} ({@code -1.27 / 0.02 = -63.5} rounds away from zero).
 */
@FunctionalInterface
public interface Q8Block {

    byte[] quantize(float[] block);

    /** The reference: the library's {@code Q8Blocks.quantize}, without its 2-byte scale. */
    Q8Block REFERENCE = block -> {
        if (block == null || block.length != dev.tinyreason.tensor.Q8Blocks.BLOCK) {
            throw new IllegalArgumentException("a Q8_0 block holds 32 values");
        }
        byte[] stored = dev.tinyreason.tensor.Q8Blocks.quantize(block);
        return java.util.Arrays.copyOfRange(stored, 2, stored.length);
    };

    /** The starter stub in the notebook. */
    Q8Block STUB = block -> new byte[32];
}
