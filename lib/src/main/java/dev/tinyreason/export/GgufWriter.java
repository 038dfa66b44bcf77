package dev.tinyreason.export;

import dev.tinyreason.io.AtomicFiles;
import dev.tinyreason.tensor.Float16;
import dev.tinyreason.tensor.Q8Blocks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a GGUF file, version 3 (ggml's gguf.md), by hand. Everything is little-endian:
 * <pre>
 *   "GGUF"  u32 version = 3  u64 tensor count  u64 metadata count
 *   metadata: string key, u32 value type, value       (string = u64 length + UTF-8 bytes)
 *   tensor infos: string name, u32 n_dims, u64 dims[n_dims] (ne[0] first), u32 ggml type,
 *                 u64 offset of the data from the start of the data section
 *   padding to general.alignment (32)
 *   tensor data, each tensor starting at a multiple of the alignment
 * </pre>
 * The file goes to a temporary name and is renamed into place ({@link AtomicFiles}), so an
 * interrupted export never leaves a half-written model where llama.cpp would load it.
 */
public final class GgufWriter {

    /** The format version written. */
    public static final int VERSION = 3;

    /** Where every tensor's data starts: GGUF's default alignment, written explicitly. */
    public static final int ALIGNMENT = 32;

    static final int MAGIC = 0x46554747;  // "GGUF" read as a little-endian u32

    private GgufWriter() {}

    /**
     * Writes {@code metadata} (plus {@code general.alignment}) and {@code tensors}, in the
     * given orders, to {@code file}; returns the file's size in bytes.
     */
    public static long write(Path file, Map<String, GgufValue> metadata, List<GgufTensor> tensors)
            throws IOException {
        Map<String, GgufValue> kv = new LinkedHashMap<>(metadata);
        kv.putIfAbsent("general.alignment", GgufValue.u32(ALIGNMENT));
        Out head = new Out();
        head.u32(MAGIC);
        head.u32(VERSION);
        head.u64(tensors.size());
        head.u64(kv.size());
        kv.forEach((key, value) -> {
            head.string(key);
            head.u32(value.kind().ordinal());
            head.value(value);
        });
        long offset = 0;
        for (GgufTensor t : tensors) {
            head.string(t.name());
            head.u32(t.dims().length);
            for (long d : t.dims()) {
                head.u64(d);
            }
            head.u32(t.type().id());
            head.u64(offset);
            offset = align(offset + t.bytes());
        }
        byte[] header = head.bytes();
        long[] size = {0};
        AtomicFiles.write(file, ch -> {
            ByteBuffer b = ByteBuffer.allocate((int) align(header.length));
            b.put(header).clear();
            AtomicFiles.writeFully(ch, b);
            for (GgufTensor t : tensors) {
                byte[] data = encode(t);
                ByteBuffer padded = ByteBuffer.allocate((int) align(data.length));
                padded.put(data).clear();
                AtomicFiles.writeFully(ch, padded);
            }
            size[0] = ch.size();
        });
        return size[0];
    }

    /** {@code n} rounded up to a multiple of {@link #ALIGNMENT}. */
    static long align(long n) {
        return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    /** The tensor's values in its stored type. */
    static byte[] encode(GgufTensor t) {
        float[] v = t.values();
        return switch (t.type()) {
            case F32 -> {
                ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(v);
                yield b.array();
            }
            case F16 -> {
                ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
                for (float x : v) {
                    b.putShort(Float16.floatToHalf(x));
                }
                yield b.array();
            }
            case Q8_0 -> Q8Blocks.quantize(v);
        };
    }

    /** A growing little-endian byte buffer for the header. */
    private static final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        void u8(int v) {
            bytes.write(v);
        }

        void u16(long v) {
            scratch.clear();
            scratch.putShort((short) v);
            bytes.write(scratch.array(), 0, 2);
        }

        void u32(long v) {
            scratch.clear();
            scratch.putInt((int) v);
            bytes.write(scratch.array(), 0, 4);
        }

        void u64(long v) {
            scratch.clear();
            scratch.putLong(v);
            bytes.write(scratch.array(), 0, 8);
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            bytes.write(b, 0, b.length);
        }

        void value(GgufValue value) {
            if (value instanceof GgufValue.Int i) {
                integer(i.kind(), i.value());
            } else if (value instanceof GgufValue.Real r) {
                if (r.kind() == GgufValue.Kind.FLOAT32) {
                    u32(Float.floatToRawIntBits((float) r.value()));
                } else {
                    u64(Double.doubleToRawLongBits(r.value()));
                }
            } else if (value instanceof GgufValue.Bool b) {
                u8(b.value() ? 1 : 0);
            } else if (value instanceof GgufValue.Text t) {
                string(t.value());
            } else if (value instanceof GgufValue.Array a) {
                u32(a.elementKind().ordinal());
                u64(a.values().size());
                for (GgufValue e : a.values()) {
                    if (e.kind() != a.elementKind()) {
                        throw new IllegalArgumentException("A GGUF array holds one kind of "
                                + "value: this one is " + a.elementKind() + " but holds a "
                                + e.kind() + ".");
                    }
                    value(e);
                }
            }
        }

        private void integer(GgufValue.Kind kind, long v) {
            switch (kind) {
                case UINT8, INT8 -> u8((int) v);
                case UINT16, INT16 -> u16(v);
                case UINT32, INT32 -> u32(v);
                case UINT64, INT64 -> u64(v);
                default -> throw new IllegalArgumentException(kind + " is not an integer kind.");
            }
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
