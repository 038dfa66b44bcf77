package dev.tinyreason.export;

import dev.tinyreason.tensor.Float16;
import dev.tinyreason.tensor.Q8Blocks;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A GGUF file as {@link GgufReader} found it: the metadata, the tensor infos, and the data
 * section, from which {@link #floats} decodes any tensor back to float values.
 *
 * @param source   where it was read from, for messages
 * @param metadata the key-value pairs in file order
 * @param tensors  the tensor infos in file order
 * @param data     the data section (tensor offsets count from its start), read-only
 */
public record GgufFile(String source, int version, Map<String, GgufValue> metadata,
        List<Info> tensors, ByteBuffer data) {

    /**
     * One tensor's entry in the file.
     *
     * @param dims   GGUF order, {@code ne[0]} (a row's length) first
     * @param offset from the start of the data section
     */
    public record Info(String name, long[] dims, GgufType type, long offset) {
        public long elements() {
            return Arrays.stream(dims).reduce(1, (a, b) -> a * b);
        }

        public long bytes() {
            return type.bytes(elements());
        }

        /** The shape in PyTorch's order ({@code (out, in)} for a matrix). */
        public int[] torchShape() {
            int[] s = new int[dims.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = Math.toIntExact(dims[dims.length - 1 - i]);
            }
            return s;
        }
    }

    /** The value under {@code key}; the error names the key and the file. */
    public GgufValue get(String key) {
        GgufValue v = metadata.get(key);
        if (v == null) {
            throw new IllegalArgumentException(source + " has no metadata key '" + key + "'.");
        }
        return v;
    }

    /** An integer value. */
    public long integer(String key) {
        if (get(key) instanceof GgufValue.Int i) {
            return i.value();
        }
        throw wrongKind(key, "an integer");
    }

    /** A FLOAT32 or FLOAT64 value. */
    public double real(String key) {
        if (get(key) instanceof GgufValue.Real r) {
            return r.value();
        }
        throw wrongKind(key, "a float");
    }

    /** A STRING value. */
    public String text(String key) {
        if (get(key) instanceof GgufValue.Text t) {
            return t.value();
        }
        throw wrongKind(key, "a string");
    }

    /** An array of STRING, as a list. */
    public List<String> texts(String key) {
        if (get(key) instanceof GgufValue.Array a && a.elementKind() == GgufValue.Kind.STRING) {
            List<String> out = new ArrayList<>(a.values().size());
            a.values().forEach(v -> out.add(((GgufValue.Text) v).value()));
            return out;
        }
        throw wrongKind(key, "an array of strings");
    }

    /** The info of tensor {@code name}. */
    public Info tensor(String name) {
        for (Info t : tensors) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException(source + " has no tensor '" + name + "'.");
    }

    /** Tensor {@code name}'s values as floats, dequantised from F16 or Q8_0 if need be. */
    public float[] floats(String name) {
        Info t = tensor(name);
        int n = Math.toIntExact(t.elements());
        ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        b.position(Math.toIntExact(t.offset()));
        float[] out = new float[n];
        switch (t.type()) {
            case F32 -> b.asFloatBuffer().get(out);
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float16.halfToFloat(b.getShort());
                }
            }
            case Q8_0 -> {
                byte[] raw = new byte[Math.toIntExact(t.bytes())];
                b.get(raw);
                out = Q8Blocks.dequantize(raw, 0, n);
            }
        }
        return out;
    }

    private IllegalArgumentException wrongKind(String key, String wanted) {
        return new IllegalArgumentException(source + ": metadata key '" + key + "' should be "
                + wanted + " but is " + metadata.get(key).kind() + ".");
    }
}
