package dev.tinyreason.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.tensor.SafeTensors.DType;
import dev.tinyreason.tensor.SafeTensors.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safetensors reader and writer: round trips, number formats, and every damaged file. */
class SafeTensorsTest {

    static Map<String, Tensor> sample() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("a.weight", Tensor.f32(new int[] {2, 3}, new float[] {1, -2, 3.5f, 0, 1e-3f, 7}));
        t.put("b", new Tensor(DType.BF16, new int[] {4}, new float[] {1, -0.5f, 256, 3.0f}));
        t.put("c", new Tensor(DType.F16, new int[] {2}, new float[] {0.25f, -65504}));
        t.put("scalar", Tensor.f32(new int[] {}, new float[] {42}));
        return t;
    }

    @Test
    void aWrittenFileReadsBackWithNamesShapesDtypesAndMetadata(@TempDir Path dir)
            throws IOException {
        Path f = dir.resolve("m.safetensors");
        SafeTensors.write(f, sample(), Map.of("format", "pt"));
        Map<String, Tensor> back = SafeTensors.read(f);
        assertEquals(sample().keySet(), back.keySet());
        for (String k : sample().keySet()) {
            assertEquals(sample().get(k).dtype(), back.get(k).dtype(), k);
            assertArrayEquals(sample().get(k).shape(), back.get(k).shape(), k);
            assertArrayEquals(sample().get(k).values(), back.get(k).values(), k);
        }
        assertEquals(Map.of("format", "pt"), SafeTensors.metadata(f));
        long headerLen = ByteBuffer.wrap(Files.readAllBytes(f), 0, 8)
                .order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLen % 8);
    }

    @Test
    void halfPrecisionRoundsToNearestEven() {
        assertEquals((short) 0x3f80, Float16.floatToBf16(1f));
        // 1 + 2^-8 lies halfway between two bf16 values: ties go to the even one (1.0)
        assertEquals((short) 0x3f80, Float16.floatToBf16(1f + 0x1p-8f));
        assertEquals((short) 0x3f81, Float16.floatToBf16(1f + 0x1.8p-8f));
        assertEquals((short) 0x3c00, Float16.floatToHalf(1f));
        assertEquals((short) 0x7bff, Float16.floatToHalf(65504f));
        assertEquals((short) 0x7c00, Float16.floatToHalf(1e6f));
        assertEquals((short) 0x0001, Float16.floatToHalf(0x1p-24f));
        for (short h : new short[] {0x3c00, (short) 0xc000, 0x0001, 0x03ff, 0x7bff, 0x3555}) {
            assertEquals(h, Float16.floatToHalf(Float16.halfToFloat(h)));
        }
        assertTrue(Float.isNaN(Float16.halfToFloat((short) 0x7e00)));
    }

    @Test
    void aTruncatedFileSaysItIsTruncated(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.safetensors");
        SafeTensors.write(f, sample(), Map.of());
        byte[] all = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(all, all.length - 3));
        assertMessage(f, "truncated");
        Files.write(f, Arrays.copyOf(all, 20));
        assertMessage(f, "truncated");
        Files.write(f, Arrays.copyOf(all, 5));
        assertMessage(f, "truncated");
    }

    @Test
    void anOversizedOrCorruptHeaderIsNamed(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.safetensors");
        Files.write(f, withHeader(Long.MAX_VALUE, new byte[16]));
        assertMessage(f, "header claims");
        Files.write(f, withHeader(200L * 1024 * 1024, new byte[16]));
        assertMessage(f, "header claims");
        byte[] junk = "{\"a\": {\"dtype\": ".getBytes(StandardCharsets.UTF_8);
        Files.write(f, withHeader(junk.length, junk));
        assertMessage(f, "corrupt safetensors header");
    }

    @Test
    void badEntriesNameTheTensor(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.safetensors");
        writeRaw(f, "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,12]}}", 12);
        assertMessage(f, "tensor 'w' has data_offsets [0, 12]");
        writeRaw(f, "{\"w\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8);
        assertMessage(f, "tensor 'w' has dtype I64");
        writeRaw(f, "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12);
        assertMessage(f, "tensor 'b' starts at byte 4");
        writeRaw(f, "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 8);
        assertMessage(f, "4 bytes follow the last tensor");
        writeRaw(f, "{\"a\":{\"dtype\":\"F32\",\"shape\":\"x\"}}", 0);
        assertMessage(f, "tensor 'a' has a malformed header entry");
    }

    @Test
    void aFailedWriteLeavesThePreviousFileWhole(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.safetensors");
        SafeTensors.write(f, sample(), Map.of());
        byte[] before = Files.readAllBytes(f);
        Map<String, Tensor> bad = new LinkedHashMap<>(sample()) {
            @Override
            public java.util.Collection<Tensor> values() {  // the header is written by now
                throw new IllegalStateException("disk full");
            }
        };
        assertThrows(RuntimeException.class, () -> SafeTensors.write(f, bad, Map.of()));
        assertArrayEquals(before, Files.readAllBytes(f));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "the temporary file is cleaned up");
        }
    }

    private static void assertMessage(Path f, String part) {
        IOException e = assertThrows(IOException.class, () -> SafeTensors.read(f));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    private static byte[] withHeader(long n, byte[] rest) {
        ByteBuffer b = ByteBuffer.allocate(8 + rest.length).order(ByteOrder.LITTLE_ENDIAN);
        return b.putLong(n).put(rest).array();
    }

    private static void writeRaw(Path f, String json, int dataBytes) throws IOException {
        byte[] j = json.getBytes(StandardCharsets.UTF_8);
        byte[] all = withHeader(j.length, Arrays.copyOf(j, j.length + dataBytes));
        Files.write(f, all);
    }
}
