package dev.tinyreason.tensor;

import ai.djl.ndarray.NDArray;

/**
 * Rotary position embedding (Su et al. 2021, "RoFormer", eq. 34) in the "rotate half" layout of
 * Hugging Face's Llama: dimension i of a head is paired with dimension i + hd/2, and the pair is
 * rotated by the angle {@code position * theta^(-2i/hd)}.
 *
 * <pre>
 *   rope(x) = x * cos + rotateHalf(x) * sin,   rotateHalf([x1, x2]) = [-x2, x1]
 *           = x * cos + swapHalves(x) * sinSigned,   sinSigned = [-sin, sin]
 * </pre>
 * The second form folds the minus sign into the table, so applying RoPE is a swap and three
 * element-wise ops.
 */
public final class Rope {

    private Rope() {}

    /** Tables of {@code positions} rows of {@code headDim} values: cos and signed sin. */
    public record Tables(float[] cos, float[] sinSigned, int positions, int headDim) {}

    /**
     * The angles exactly as HF computes them, in float32: {@code invFreq = 1 / theta^(2i/hd)},
     * {@code angle = position * invFreq}; values repeat for the two halves of a head.
     */
    public static Tables tables(int positions, int headDim, double theta) {
        int half = headDim / 2;
        float[] invFreq = new float[half];
        for (int i = 0; i < half; i++) {
            float exponent = (2f * i) / headDim;
            invFreq[i] = 1f / (float) Math.pow(theta, exponent);
        }
        float[] cos = new float[positions * headDim];
        float[] sin = new float[positions * headDim];
        for (int p = 0; p < positions; p++) {
            for (int i = 0; i < half; i++) {
                float angle = p * invFreq[i];
                float c = (float) Math.cos(angle);
                float s = (float) Math.sin(angle);
                cos[p * headDim + i] = c;
                cos[p * headDim + half + i] = c;
                sin[p * headDim + i] = -s;
                sin[p * headDim + half + i] = s;
            }
        }
        return new Tables(cos, sin, positions, headDim);
    }

    /**
     * Rotates every head of {@code x} (B, T, heads, hd) by its token's position.
     *
     * @param cos       (B or 1, T, 1, hd) rows of {@link Tables#cos} for the positions
     * @param sinSigned (B or 1, T, 1, hd) the same rows of {@link Tables#sinSigned}
     */
    public static NDArray apply(NDArray x, NDArray cos, NDArray sinSigned) {
        return x.mul(cos).add(swapHalves(x).mul(sinSigned));
    }

    /** [x1, x2] → [x2, x1] along the last axis. */
    static NDArray swapHalves(NDArray x) {
        long[] s = x.getShape().getShape();
        long[] split = new long[s.length + 1];
        System.arraycopy(s, 0, split, 0, s.length - 1);
        split[s.length - 1] = 2;
        split[s.length] = s[s.length - 1] / 2;
        return x.reshape(split).flip(s.length - 1).reshape(s);
    }
}
