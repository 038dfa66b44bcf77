package dev.tinyreason.export;

import dev.tinyreason.tensor.Q8Blocks;

/**
 * The tensor element types this package writes and reads, with ggml's numbers for them
 * ({@code enum ggml_type} in ggml.h). A type stores blocks of {@link #blockSize} values in
 * {@link #blockBytes} bytes: one value per block for the float types, 32 for {@code Q8_0}.
 */
public enum GgufType {
    F32(0, 1, 4),
    F16(1, 1, 2),
    Q8_0(8, Q8Blocks.BLOCK, Q8Blocks.BLOCK_BYTES);

    private final int id;
    private final int blockSize;
    private final int blockBytes;

    GgufType(int id, int blockSize, int blockBytes) {
        this.id = id;
        this.blockSize = blockSize;
        this.blockBytes = blockBytes;
    }

    /** ggml's number for the type, as a tensor info stores it. */
    public int id() {
        return id;
    }

    /** Values per block. */
    public int blockSize() {
        return blockSize;
    }

    /** Bytes that {@code elements} values take; they must fill whole blocks. */
    public long bytes(long elements) {
        if (elements % blockSize != 0) {
            throw new IllegalArgumentException(this + " stores blocks of " + blockSize
                    + " values, so " + elements + " values do not fit.");
        }
        return elements / blockSize * blockBytes;
    }

    /** The type with ggml number {@code id}; the error names the types that are supported. */
    public static GgufType of(int id, String tensor) {
        for (GgufType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        throw new IllegalArgumentException("tensor '" + tensor + "' has ggml type " + id
                + ", which this reader does not decode; it reads F32 (0), F16 (1) and Q8_0 (8).");
    }
}
