package dev.tinyreason.export;

import java.util.Arrays;

/**
 * A tensor to write into a GGUF file: its name, its shape in GGUF's order, the type to store
 * it as, and its values in row-major order.
 *
 * <p>GGUF lists dimensions fastest-varying first ({@code ne[0]} is a row's length), the reverse
 * of PyTorch: a {@code torch.nn.Linear} weight of shape {@code (out, in)} has dims
 * {@code [in, out]}. The values themselves are laid out the same way in both.
 *
 * @param dims {@code ne[0]} first; a row is {@code dims[0]} values
 */
public record GgufTensor(String name, long[] dims, GgufType type, float[] values) {

    public GgufTensor {
        dims = dims.clone();
        long n = 1;
        for (long d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("tensor '" + name + "' has a dimension of "
                        + d + " in " + Arrays.toString(dims) + "; every dimension must be "
                        + "positive.");
            }
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("tensor '" + name + "' of dims "
                    + Arrays.toString(dims) + " holds " + n + " values, got " + values.length
                    + ".");
        }
        if (dims[0] % type.blockSize() != 0) {
            throw new IllegalArgumentException("tensor '" + name + "' has rows of " + dims[0]
                    + " values, which " + type + " cannot store (it needs a multiple of "
                    + type.blockSize() + "); store it as F16 or F32.");
        }
    }

    /**
     * The tensor stored under {@code name} from a PyTorch-shaped array ({@code (out, in)} for a
     * matrix), dims reversed into GGUF's order.
     */
    public static GgufTensor fromTorch(String name, int[] torchShape, GgufType type,
            float[] values) {
        long[] dims = new long[torchShape.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = torchShape[torchShape.length - 1 - i];
        }
        return new GgufTensor(name, dims, type, values);
    }

    /** Number of values. */
    public long elements() {
        return values.length;
    }

    /** Bytes of the stored data, before alignment padding. */
    public long bytes() {
        return type.bytes(values.length);
    }
}
