package dev.tinyreason.export;

import java.util.Locale;

/**
 * What an exported model's weight matrices are stored as, with llama.cpp's number for the whole
 * file ({@code general.file_type}, {@code enum llama_ftype}). Norm scales and other 1-D tensors
 * stay F32 in every file type, as llama.cpp's own converter keeps them: they are a few
 * kilobytes, and rounding them would shift every activation of the layer they scale.
 */
public enum GgufFileType {
    /** Exact: the logits match the checkpoint's to float rounding. */
    F32(0, GgufType.F32),
    /** Half precision: half the bytes, 11 significant bits. */
    F16(1, GgufType.F16),
    /** 8-bit blocks with a half scale each: about 8.5 bits per weight. */
    Q8_0(7, GgufType.Q8_0);

    private final int id;
    private final GgufType matrices;

    GgufFileType(int id, GgufType matrices) {
        this.id = id;
        this.matrices = matrices;
    }

    /** llama.cpp's number for the file type. */
    public int id() {
        return id;
    }

    /**
     * The type of a tensor of PyTorch shape {@code torchShape}: F32 for 1-D tensors; for a
     * matrix this file type's, except that a Q8_0 file keeps a matrix whose rows are not whole
     * blocks of 32 as F16 (as llama.cpp's converter falls back).
     */
    public GgufType typeOf(int[] torchShape) {
        if (torchShape.length < 2) {
            return GgufType.F32;
        }
        int row = torchShape[torchShape.length - 1];
        return row % matrices.blockSize() == 0 ? matrices : GgufType.F16;
    }

    /** The file type named {@code s}: f32, f16 or q8_0 (any case). */
    public static GgufFileType parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "f32" -> F32;
            case "f16" -> F16;
            case "q8_0", "q8" -> Q8_0;
            default -> throw new IllegalArgumentException("Unknown GGUF type '" + s + "'; the "
                    + "types are f32, f16 and q8_0.");
        };
    }
}
