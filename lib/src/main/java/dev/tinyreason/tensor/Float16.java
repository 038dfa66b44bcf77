package dev.tinyreason.tensor;

/**
 * The two 16-bit float formats of checkpoints, converted by hand (Java 17 has neither):
 * bfloat16, float32's top half (8 exponent bits, 7 mantissa bits: same range, less precision),
 * and IEEE 754 half (5 exponent bits, 10 mantissa bits: max 65504). Narrowing rounds to the
 * nearest value, ties to even, as PyTorch does.
 */
public final class Float16 {

    private Float16() {}

    /** bfloat16 bits to float: exact. */
    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    /** float to bfloat16 bits: round to nearest even, NaN stays NaN. */
    public static short floatToBf16(float x) {
        int bits = Float.floatToRawIntBits(x);
        if (Float.isNaN(x)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int rounding = 0x7fff + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    /** IEEE half bits to float: exact, subnormals, infinities and NaN included. */
    public static float halfToFloat(short h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;  // subnormal (or zero)
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** float to IEEE half bits: round to nearest even; beyond 65504 becomes infinity. */
    public static short floatToHalf(float x) {
        int sign = (Float.floatToRawIntBits(x) >>> 16) & 0x8000;
        float abs = Math.abs(x);
        if (Float.isNaN(x)) {
            return (short) (sign | 0x7e00);
        }
        if (abs >= 65520f) {
            return (short) (sign | 0x7c00);
        }
        if (abs < 0x1p-14f) {
            return (short) (sign | Math.round(abs * 0x1p24f));  // subnormal, nearest
        }
        int bits = Float.floatToRawIntBits(abs);
        int half = ((((bits >>> 23) & 0xff) - 112) << 10) | ((bits & 0x7fffff) >>> 13);
        int rest = bits & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++;  // round to nearest even; a carry into the exponent is right too
        }
        return (short) (sign | half);
    }
}
