package dev.tinyreason.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a GGUF file (version 3, the layout {@link GgufWriter} describes) into a
 * {@link GgufFile}. A damaged or foreign file fails with a message that names what is wrong
 * and where: a wrong magic, an unsupported version, a file that ends inside a named field, an
 * unknown value or tensor type, tensor data that runs past the end of the file. Missing keys
 * are named when they are asked for ({@link GgufFile#get}).
 *
 * <p>The whole file is mapped read-only; the course's models are far below the 2 GB a single
 * mapping can hold.
 */
public final class GgufReader {

    /** Longer strings or arrays than this mean a corrupt length field, not real content. */
    static final long MAX_COUNT = 1L << 28;

    private final ByteBuffer b;
    private final String source;

    private GgufReader(ByteBuffer b, String source) {
        this.b = b;
        this.source = source;
    }

    /** Reads {@code file}; see the class comment for what is checked. */
    public static GgufFile read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(file + " is " + ch.size() + " bytes; this "
                        + "reader maps files of up to 2 GB.");
            }
            ByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size())
                    .order(ByteOrder.LITTLE_ENDIAN);
            return new GgufReader(b, file.toString()).file();
        }
    }

    private GgufFile file() {
        int magic = (int) u32("the magic number");
        if (magic != GgufWriter.MAGIC) {
            throw new IllegalArgumentException(source + " is not a GGUF file: it starts with "
                    + String.format("%08x", Integer.reverseBytes(magic)) + " where a GGUF file "
                    + "has 47475546 (\"GGUF\").");
        }
        long version = u32("the version");
        if (version != GgufWriter.VERSION) {
            throw new IllegalArgumentException(source + " is GGUF version " + version + "; this "
                    + "reader reads version " + GgufWriter.VERSION + " (export it again with "
                    + "./tinyreason export gguf).");
        }
        long tensorCount = count("the tensor count");
        long kvCount = count("the metadata count");
        Map<String, GgufValue> kv = new LinkedHashMap<>();
        for (long i = 0; i < kvCount; i++) {
            String key = string("the key of metadata entry " + i);
            kv.put(key, value(kind(key), key));
        }
        long alignment = kv.get("general.alignment") instanceof GgufValue.Int a
                ? a.value() : GgufWriter.ALIGNMENT;
        if (alignment <= 0 || Long.bitCount(alignment) != 1) {
            throw new IllegalArgumentException(source + ": general.alignment is " + alignment
                    + "; it must be a power of two.");
        }
        List<GgufFile.Info> tensors = new ArrayList<>();
        for (long i = 0; i < tensorCount; i++) {
            tensors.add(info(i));
        }
        long dataStart = (b.position() + alignment - 1) / alignment * alignment;
        for (GgufFile.Info t : tensors) {
            long end = dataStart + t.offset() + t.bytes();
            if (t.offset() % alignment != 0 || end > b.limit()) {
                throw new IllegalArgumentException(source + ": the data of tensor '" + t.name()
                        + "' (" + t.bytes() + " bytes at data offset " + t.offset() + ") "
                        + (end > b.limit() ? "runs past the end of the file (" + b.limit()
                        + " bytes); the file is truncated" : "is not aligned to " + alignment)
                        + ".");
            }
        }
        ByteBuffer data = b.duplicate().position((int) Math.min(dataStart, b.limit())).slice()
                .asReadOnlyBuffer();
        return new GgufFile(source, (int) version, kv, tensors, data);
    }

    private GgufFile.Info info(long i) {
        String name = string("the name of tensor " + i);
        long nDims = u32("the dimension count of tensor '" + name + "'");
        if (nDims < 1 || nDims > 4) {
            throw new IllegalArgumentException(source + ": tensor '" + name + "' has " + nDims
                    + " dimensions; GGUF allows 1 to 4.");
        }
        long[] dims = new long[(int) nDims];
        for (int d = 0; d < nDims; d++) {
            dims[d] = count("dimension " + d + " of tensor '" + name + "'");
        }
        GgufType type;
        try {
            type = GgufType.of((int) u32("the type of tensor '" + name + "'"), name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        long offset = need(8, "the data offset of tensor '" + name + "'").getLong();
        if (offset < 0) {
            throw new IllegalArgumentException(source + ": tensor '" + name + "' has a negative "
                    + "data offset; the file is corrupt.");
        }
        return new GgufFile.Info(name, dims, type, offset);
    }

    private GgufValue.Kind kind(String key) {
        long id = u32("the value type of '" + key + "'");
        GgufValue.Kind kind = GgufValue.Kind.of((int) id);
        if (kind == null || id > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(source + ": metadata key '" + key + "' has value "
                    + "type " + id + ", which is not a GGUF type (0 to 12).");
        }
        return kind;
    }

    private GgufValue value(GgufValue.Kind kind, String key) {
        String field = "the value of '" + key + "'";
        return switch (kind) {
            case UINT8 -> new GgufValue.Int(kind, need(1, field).get() & 0xffL);
            case INT8 -> new GgufValue.Int(kind, need(1, field).get());
            case UINT16 -> new GgufValue.Int(kind, need(2, field).getShort() & 0xffffL);
            case INT16 -> new GgufValue.Int(kind, need(2, field).getShort());
            case UINT32 -> new GgufValue.Int(kind, u32(field));
            case INT32 -> new GgufValue.Int(kind, need(4, field).getInt());
            case UINT64, INT64 -> new GgufValue.Int(kind, need(8, field).getLong());
            case FLOAT32 -> new GgufValue.Real(kind, need(4, field).getFloat());
            case FLOAT64 -> new GgufValue.Real(kind, need(8, field).getDouble());
            case BOOL -> new GgufValue.Bool(need(1, field).get() != 0);
            case STRING -> new GgufValue.Text(string(field));
            case ARRAY -> {
                GgufValue.Kind element = kind(key + "[]");
                if (element == GgufValue.Kind.ARRAY) {
                    throw new IllegalArgumentException(source + ": metadata key '" + key
                            + "' is an array of arrays, which this reader does not read.");
                }
                long n = count("the length of '" + key + "'");
                List<GgufValue> values = new ArrayList<>((int) n);
                for (long i = 0; i < n; i++) {
                    values.add(value(element, key + "[" + i + "]"));
                }
                yield new GgufValue.Array(element, values);
            }
        };
    }

    private String string(String field) {
        long n = count("the length of " + field);
        byte[] bytes = new byte[(int) n];
        need(n, field).get(bytes);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(source + ": " + field + " is not UTF-8 text.");
        }
    }

    private long u32(String field) {
        return need(4, field).getInt() & 0xffffffffL;
    }

    /** A u64 used as a length or count: a huge one means a corrupt file, not a huge model. */
    private long count(String field) {
        long n = need(8, field).getLong();
        if (n < 0 || n > MAX_COUNT) {
            throw new IllegalArgumentException(source + ": " + field + " is "
                    + Long.toUnsignedString(n)
                    + ", which no sane file holds; the file is corrupt.");
        }
        return n;
    }

    /** The buffer, after checking that {@code n} more bytes are there for {@code field}. */
    private ByteBuffer need(long n, String field) {
        if (b.remaining() < n) {
            throw new IllegalArgumentException(source + " ends early: " + field + " needs " + n
                    + " bytes at offset " + b.position() + ", but the file has " + b.limit()
                    + " bytes. Is it truncated (an interrupted copy or download)?");
        }
        return b;
    }
}
