package dev.tinyreason.tensor;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.tinyreason.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors file format (huggingface/safetensors), read and written by hand:
 * <pre>
 *   8 bytes   little-endian u64 N, the header's length
 *   N bytes   UTF-8 JSON: {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]},
 *             .., "__metadata__": {"key": "value", ..}}, padded with spaces
 *   rest      the tensors' bytes, little-endian, at offsets counted from the end of the header
 * </pre>
 * Reads F32, BF16 and F16 (widened to float in memory); writes each tensor in its own dtype.
 * Everything a damaged file can get wrong is checked and named: an oversized or unparsable
 * header, a tensor whose bytes do not match its shape, overlapping or out-of-file offsets, a
 * truncated file. Writes go to a temporary file that is renamed over the target, so a crash
 * mid-save leaves the previous file whole. Python's {@code safetensors.torch.load_file} reads
 * what this writes.
 */
public final class SafeTensors {

    /** The header limit of the reference implementation (100 MB); larger means a bad file. */
    public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    /** Element types this class reads and writes. */
    public enum DType {
        F32(4), BF16(2), F16(2);

        private final int bytes;

        DType(int bytes) {
            this.bytes = bytes;
        }

        public int bytes() {
            return bytes;
        }
    }

    /**
     * One named tensor: {@code values} holds {@code shape}'s elements in row-major order as
     * float, whatever {@code dtype} the file stores them in.
     */
    public record Tensor(DType dtype, int[] shape, float[] values) {

        public Tensor {
            long size = elements(shape);
            if (size != values.length) {
                throw new IllegalArgumentException("A tensor of shape " + Arrays.toString(shape)
                        + " holds " + size + " values, got " + values.length + ".");
            }
        }

        /** A float32 tensor. */
        public static Tensor f32(int[] shape, float[] values) {
            return new Tensor(DType.F32, shape, values);
        }

        /** The same values stored as {@code other} (rounded when narrower). */
        public Tensor as(DType other) {
            return new Tensor(other, shape, values);
        }
    }

    /** One header entry: where a tensor lives in the file and what it is, without its data. */
    public record Entry(DType dtype, int[] shape, long begin, long end) {}

    private SafeTensors() {}

    // ---- reading --------------------------------------------------------------------------

    /** Every tensor of {@code file}, in header order. */
    public static Map<String, Tensor> read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header h = header(file, ch);
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (Map.Entry<String, Entry> e : h.entries().entrySet()) {
                Entry en = e.getValue();
                long count = elements(en.shape());
                if (count > Integer.MAX_VALUE - 8) {
                    throw new IOException(file + ": tensor '" + e.getKey() + "' has " + count
                            + " elements, more than a Java array holds.");
                }
                ByteBuffer bytes = ByteBuffer.allocate((int) (en.end() - en.begin()))
                        .order(ByteOrder.LITTLE_ENDIAN);
                readFully(ch, bytes, h.dataStart() + en.begin(), file, e.getKey());
                bytes.flip();
                out.put(e.getKey(), new Tensor(en.dtype(), en.shape(), decode(bytes, en.dtype(),
                        (int) count)));
            }
            return out;
        }
    }

    /** The header entries of {@code file} (names, dtypes, shapes), checked, without the data. */
    public static Map<String, Entry> entries(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return header(file, ch).entries();
        }
    }

    /** The {@code __metadata__} strings of {@code file} (empty when it has none). */
    public static Map<String, String> metadata(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return header(file, ch).metadata();
        }
    }

    private record Header(Map<String, Entry> entries, Map<String, String> metadata,
            long dataStart) {}

    private static Header header(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw new IOException(file + " is not a safetensors file: it is only " + size
                    + " bytes long (truncated?).");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, lenBuf, 0, file, "the header length");
        long n = lenBuf.flip().getLong();
        if (n < 2 || n > MAX_HEADER_BYTES) {
            throw new IOException(file + " is not a safetensors file: its header claims " + n
                    + " bytes (allowed: 2 to " + MAX_HEADER_BYTES + ").");
        }
        if (8 + n > size) {
            throw new IOException(file + " is truncated: its header needs " + n
                    + " bytes but the file has only " + (size - 8) + " after the length.");
        }
        ByteBuffer json = ByteBuffer.allocate((int) n);
        readFully(ch, json, 8, file, "the header");
        JsonObject root;
        try {
            JsonElement parsed = JsonParser.parseString(
                    new String(json.array(), StandardCharsets.UTF_8).strip());
            if (!parsed.isJsonObject()) {
                throw new JsonParseException("the header is not a JSON object");
            }
            root = parsed.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(file + " has a corrupt safetensors header: " + e.getMessage());
        }
        Map<String, String> meta = new LinkedHashMap<>();
        Map<String, Entry> entries = new LinkedHashMap<>();
        long dataBytes = size - 8 - n;
        for (Map.Entry<String, JsonElement> e : root.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                if (e.getValue().isJsonObject()) {
                    e.getValue().getAsJsonObject().entrySet()
                            .forEach(m -> meta.put(m.getKey(), m.getValue().getAsString()));
                }
                continue;
            }
            entries.put(e.getKey(), entry(file, e.getKey(), e.getValue()));
        }
        checkLayout(file, entries, dataBytes);
        return new Header(Collections.unmodifiableMap(entries),
                Collections.unmodifiableMap(meta), 8 + n);
    }

    private static Entry entry(Path file, String name, JsonElement json) throws IOException {
        String where = file + ": tensor '" + name + "'";
        try {
            JsonObject info = json.getAsJsonObject();
            String dtypeName = info.get("dtype").getAsString();
            DType dtype;
            try {
                dtype = DType.valueOf(dtypeName);
            } catch (IllegalArgumentException e) {
                throw new IOException(where + " has dtype " + dtypeName + "; this reader supports "
                        + Arrays.toString(DType.values()) + ".");
            }
            JsonArray shapeJson = info.getAsJsonArray("shape");
            int[] shape = new int[shapeJson.size()];
            for (int i = 0; i < shape.length; i++) {
                long d = shapeJson.get(i).getAsLong();
                if (d < 0 || d > Integer.MAX_VALUE) {
                    throw new IOException(where + " has an impossible dimension " + d + ".");
                }
                shape[i] = (int) d;
            }
            JsonArray offsets = info.getAsJsonArray("data_offsets");
            long begin = offsets.get(0).getAsLong();
            long end = offsets.get(1).getAsLong();
            long want = elements(shape) * dtype.bytes();
            if (begin < 0 || end < begin || end - begin != want) {
                throw new IOException(where + " has data_offsets [" + begin + ", " + end
                        + "] but its shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                        + want + " bytes.");
            }
            return new Entry(dtype, shape, begin, end);
        } catch (RuntimeException e) {
            throw new IOException(where + " has a malformed header entry " + json + ".");
        }
    }

    /** Tensors must tile the data section exactly: no gaps, no overlaps, nothing past the end. */
    private static void checkLayout(Path file, Map<String, Entry> entries, long dataBytes)
            throws IOException {
        List<Map.Entry<String, Entry>> sorted = new ArrayList<>(entries.entrySet());
        sorted.sort((a, b) -> Long.compare(a.getValue().begin(), b.getValue().begin()));
        long expected = 0;
        for (Map.Entry<String, Entry> e : sorted) {
            if (e.getValue().begin() != expected) {
                throw new IOException(file + ": tensor '" + e.getKey() + "' starts at byte "
                        + e.getValue().begin() + " but the previous tensor ends at " + expected
                        + " (overlapping or missing data).");
            }
            expected = e.getValue().end();
        }
        if (expected > dataBytes) {
            throw new IOException(file + " is truncated: its tensors need " + expected
                    + " data bytes but the file holds " + dataBytes + ".");
        }
        if (expected < dataBytes) {
            throw new IOException(file + " is corrupt: " + (dataBytes - expected)
                    + " bytes follow the last tensor.");
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position, Path file,
            String what) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException(file + " is truncated while reading " + what + ".");
            }
            pos += n;
        }
    }

    private static float[] decode(ByteBuffer b, DType dtype, int count) {
        float[] out = new float[count];
        switch (dtype) {
            case F32 -> b.asFloatBuffer().get(out);
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = Float16.bf16ToFloat(b.getShort());
                }
            }
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = Float16.halfToFloat(b.getShort());
                }
            }
            default -> throw new AssertionError(dtype);
        }
        return out;
    }

    // ---- writing --------------------------------------------------------------------------

    /** Writes {@code tensors} (and string metadata) to {@code file}, atomically. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        JsonObject header = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            header.add("__metadata__", meta);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            JsonObject info = new JsonObject();
            info.addProperty("dtype", t.dtype().name());
            JsonArray shape = new JsonArray();
            Arrays.stream(t.shape()).forEach(shape::add);
            info.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offset += (long) t.values().length * t.dtype().bytes();
            offsets.add(offset);
            info.add("data_offsets", offsets);
            header.add(e.getKey(), info);
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        AtomicFiles.write(file, ch -> {
            ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
            head.putLong(padded).put(json);
            while (head.hasRemaining()) {
                head.put((byte) ' ');
            }
            AtomicFiles.writeFully(ch, head.flip());
            for (Tensor t : tensors.values()) {
                AtomicFiles.writeFully(ch, encode(t));
            }
        });
    }

    private static ByteBuffer encode(Tensor t) {
        float[] v = t.values();
        ByteBuffer b = ByteBuffer.allocate(v.length * t.dtype().bytes())
                .order(ByteOrder.LITTLE_ENDIAN);
        switch (t.dtype()) {
            case F32 -> b.asFloatBuffer().put(v);
            case BF16 -> {
                for (float x : v) {
                    b.putShort(Float16.floatToBf16(x));
                }
            }
            case F16 -> {
                for (float x : v) {
                    b.putShort(Float16.floatToHalf(x));
                }
            }
            default -> throw new AssertionError(t.dtype());
        }
        return b.position(0).limit(b.capacity());
    }

    private static long elements(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
