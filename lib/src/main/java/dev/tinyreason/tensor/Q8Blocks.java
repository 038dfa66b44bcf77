package dev.tinyreason.tensor;

/**
 * 8-bit weights in llama.cpp's {@code Q8_0} format: a row is cut into blocks of 32 values, and
 * each block stores one scale {@code d = max|x| / 127} as an IEEE half followed by 32 signed
 * bytes {@code q = round(x / d)}, 34 bytes in all (ggml's {@code block_q8_0}). A value comes
 * back as {@code d * q}, so its error is at most half a step, {@code d / 2}, plus the rounding
 * of {@code d} to half precision. Per-block scales keep one outlier from flattening the whole
 * row: only its own 31 neighbours lose resolution (Dettmers et al. 2022, "LLM.int8()", make
 * the same point for per-vector scales).
 *
 * <p>Rounding follows ggml's reference quantiser: {@code q = roundf(x * (1 / d))}, halves
 * away from zero, with the scale taken in float before it is stored as a half; a block of
 * zeros has {@code d = 0} and all-zero bytes.
 */
public final class Q8Blocks {

    /** Values per block. */
    public static final int BLOCK = 32;

    /** Bytes per block: a 2-byte half scale and 32 int8 values. */
    public static final int BLOCK_BYTES = 2 + BLOCK;

    private Q8Blocks() {}

    /** Bytes that {@code n} values take (n must be a multiple of {@link #BLOCK}). */
    public static long bytes(long n) {
        requireBlocks(n);
        return n / BLOCK * BLOCK_BYTES;
    }

    /**
     * {@code values} quantised block by block into GGUF's byte layout (scale little-endian,
     * then the 32 bytes). The length must be a multiple of 32: callers quantise whole rows.
     */
    public static byte[] quantize(float[] values) {
        requireBlocks(values.length);
        byte[] out = new byte[(int) bytes(values.length)];
        for (int b = 0, at = 0; b < values.length; b += BLOCK, at += BLOCK_BYTES) {
            float amax = 0;
            for (int j = 0; j < BLOCK; j++) {
                amax = Math.max(amax, Math.abs(values[b + j]));
            }
            float d = amax / 127f;
            float id = d != 0 ? 1f / d : 0f;
            short half = Float16.floatToHalf(d);
            out[at] = (byte) half;
            out[at + 1] = (byte) (half >>> 8);
            for (int j = 0; j < BLOCK; j++) {
                out[at + 2 + j] = (byte) roundAway(values[b + j] * id);
            }
        }
        return out;
    }

    /** The values that {@code n} quantised values stored from {@code offset} stand for. */
    public static float[] dequantize(byte[] blocks, int offset, int n) {
        requireBlocks(n);
        if (offset < 0 || offset + bytes(n) > blocks.length) {
            throw new IllegalArgumentException(n + " Q8_0 values need " + bytes(n) + " bytes from "
                    + "offset " + offset + ", but the buffer holds " + blocks.length + ".");
        }
        float[] out = new float[n];
        for (int b = 0, at = offset; b < n; b += BLOCK, at += BLOCK_BYTES) {
            float d = scale(blocks, at);
            for (int j = 0; j < BLOCK; j++) {
                out[b + j] = d * blocks[at + 2 + j];
            }
        }
        return out;
    }

    /** The scale of the block that starts at byte {@code at}. */
    public static float scale(byte[] blocks, int at) {
        return Float16.halfToFloat((short) ((blocks[at] & 0xff) | (blocks[at + 1] << 8)));
    }

    /** C's {@code roundf}: nearest integer, halves away from zero (Java's Math.round goes up). */
    private static int roundAway(float x) {
        return (int) (x < 0 ? -Math.floor(-x + 0.5f) : Math.floor(x + 0.5f));
    }

    private static void requireBlocks(long n) {
        if (n % BLOCK != 0) {
            throw new IllegalArgumentException("Q8_0 stores blocks of " + BLOCK + " values, so a "
                    + "row's length must be a multiple of " + BLOCK + ", got " + n + ".");
        }
    }
}
