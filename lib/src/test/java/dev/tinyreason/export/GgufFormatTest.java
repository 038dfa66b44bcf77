package dev.tinyreason.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.tensor.Float16;
import dev.tinyreason.tensor.Q8Blocks;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GGUF written and read back: F32 exactly, F16 to half rounding, Q8_0 within half a step of
 * each block; metadata of every kind; and damaged files that fail with the bad field named.
 */
class GgufFormatTest {

    static float[] random(int n, long seed) {
        Random rng = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        v[5] = 40f;  // an outlier: only its own block should lose resolution
        return v;
    }

    static Path sample(Path dir) throws Exception {
        Path file = dir.resolve("t.gguf");
        Map<String, GgufValue> kv = new LinkedHashMap<>();
        kv.put("general.architecture", GgufValue.text("llama"));
        kv.put("a.u32", GgufValue.u32(4_000_000_000L));
        kv.put("a.i8", new GgufValue.Int(GgufValue.Kind.INT8, -5));
        kv.put("a.u64", new GgufValue.Int(GgufValue.Kind.UINT64, 1L << 40));
        kv.put("a.f32", GgufValue.f32(1e-5));
        kv.put("a.f64", new GgufValue.Real(GgufValue.Kind.FLOAT64, Math.PI));
        kv.put("a.bool", new GgufValue.Bool(true));
        kv.put("a.texts", GgufValue.texts(List.of("ĠHello", "<think>", "é")));
        kv.put("a.ints", GgufValue.i32s(new int[] {3, -1, 1}));
        GgufWriter.write(file, kv, List.of(
                new GgufTensor("f32", new long[] {64, 3}, GgufType.F32, random(192, 1)),
                new GgufTensor("f16", new long[] {7}, GgufType.F16, random(7, 2)),
                new GgufTensor("q8", new long[] {64, 3}, GgufType.Q8_0, random(192, 3))));
        return file;
    }

    @Test
    void tensorsComeBackExactRoundedOrWithinHalfAQuantisationStep(@TempDir Path dir)
            throws Exception {
        GgufFile f = GgufReader.read(sample(dir));
        assertArrayEquals(random(192, 1), f.floats("f32"));
        float[] f16 = random(7, 2);
        for (int i = 0; i < f16.length; i++) {
            assertEquals(Float16.halfToFloat(Float16.floatToHalf(f16[i])), f.floats("f16")[i]);
        }
        float[] x = random(192, 3);
        float[] back = f.floats("q8");
        for (int b = 0; b < x.length; b += 32) {
            float amax = 0;
            for (int j = 0; j < 32; j++) {
                amax = Math.max(amax, Math.abs(x[b + j]));
            }
            float step = amax / 127;
            for (int j = 0; j < 32; j++) {
                // half a step, plus what rounding the scale to a half moves the largest value
                double bound = step / 2 + 127 * step * 0x1p-11 + 1e-7;
                assertEquals(x[b + j], back[b + j], bound, "block " + b / 32 + " value " + j);
            }
        }
        assertTrue(Math.abs(x[6] - back[6]) > 1e-3, "the outlier's block is coarse");
        assertEquals(x[40], back[40], 0.02, "other blocks keep their resolution");
        assertArrayEquals(new long[] {64, 3}, f.tensor("q8").dims());
        assertArrayEquals(new int[] {3, 64}, f.tensor("q8").torchShape());
    }

    @Test
    void q8PinnedBlockRoundsHalvesAwayFromZero() {
        float[] x = new float[32];
        x[0] = 127f;     // sets the scale d = 1
        x[1] = -63.5f;   // a half: -64, as C's roundf (Java's Math.round gives -63)
        x[2] = 0.4f;
        x[3] = 2.5f;
        byte[] q = Q8Blocks.quantize(x);
        assertEquals(34, q.length);
        assertEquals(1f, Q8Blocks.scale(q, 0));
        assertEquals(127, q[2]);
        assertEquals(-64, q[3]);
        assertEquals(0, q[4]);
        assertEquals(3, q[5]);
        assertArrayEquals(new byte[34], Q8Blocks.quantize(new float[32]), "zeros: d = 0");
    }

    @Test
    void metadataOfEveryKindRoundTrips(@TempDir Path dir) throws Exception {
        GgufFile f = GgufReader.read(sample(dir));
        assertEquals(3, f.version());
        assertEquals("llama", f.text("general.architecture"));
        assertEquals(32, f.integer("general.alignment"));
        assertEquals(4_000_000_000L, f.integer("a.u32"));
        assertEquals(-5, f.integer("a.i8"));
        assertEquals(1L << 40, f.integer("a.u64"));
        assertEquals(1e-5f, (float) f.real("a.f32"));
        assertEquals(Math.PI, f.real("a.f64"));
        assertEquals(new GgufValue.Bool(true), f.get("a.bool"));
        assertEquals(List.of("ĠHello", "<think>", "é"), f.texts("a.texts"));
        assertEquals(GgufValue.i32s(new int[] {3, -1, 1}), f.get("a.ints"));
        assertEquals(List.of("f32", "f16", "q8"), f.tensors().stream()
                .map(GgufFile.Info::name).toList());
        long start = Files.size(dir.resolve("t.gguf")) - f.data().capacity();
        assertEquals(0, start % 32, "the data section is aligned");
        f.tensors().forEach(t -> assertEquals(0, t.offset() % 32, t.name()));
    }

    @Test
    void damagedFilesNameWhatIsWrong(@TempDir Path dir) throws Exception {
        byte[] good = Files.readAllBytes(sample(dir));
        assertError(dir, patch(good, 0, "PK"), "is not a GGUF file");
        assertError(dir, patchInt(good, 4, 2), "is GGUF version 2; this reader reads version 3");
        byte[] cut = java.util.Arrays.copyOf(good, 100);
        assertError(dir, cut, "ends early: the key of metadata entry 2 needs 4 bytes at offset 98");
        byte[] noData = java.util.Arrays.copyOf(good, good.length - 50);
        assertError(dir, noData, "the data of tensor 'q8'");
        int typeAt = indexOf(good, "q8".getBytes()) + 2 + 4 + 16;  // name, n_dims, dims
        assertError(dir, patchInt(good, typeAt, 12), "tensor 'q8' has ggml type 12");
        GgufFile f = GgufReader.read(dir.resolve("t.gguf"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> f.integer("llama.block_count"));
        assertTrue(missing.getMessage().contains("has no metadata key 'llama.block_count'"),
                missing.getMessage());
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                () -> f.integer("a.f32"));
        assertTrue(kind.getMessage().contains("'a.f32' should be an integer but is FLOAT32"),
                kind.getMessage());
    }

    private static void assertError(Path dir, byte[] content, String expected) throws Exception {
        Path bad = dir.resolve("bad.gguf");
        Files.write(bad, content);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GgufReader.read(bad));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("bad.gguf"), "names the file: " + e.getMessage());
    }

    private static byte[] patch(byte[] b, int at, String s) {
        byte[] c = b.clone();
        System.arraycopy(s.getBytes(), 0, c, at, s.length());
        return c;
    }

    private static byte[] patchInt(byte[] b, int at, int v) {
        byte[] c = b.clone();
        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt(at, v);
        return c;
    }

    /** Where the name of tensor "q8" (after its u64 length 2) starts in the header. */
    private static int indexOf(byte[] b, byte[] name) {
        outer:
        for (int i = 8; i + name.length <= b.length; i++) {
            if (b[i - 8] != 2 || b[i - 7] != 0) {
                continue;
            }
            for (int j = 0; j < name.length; j++) {
                if (b[i + j] != name[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("no tensor name " + new String(name));
    }
}
