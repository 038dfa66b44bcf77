package dev.tinyreason.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.model.Checkpoint;
import dev.tinyreason.model.LlamaWeights;
import dev.tinyreason.model.ModelConfig;
import dev.tinyreason.tokenizer.BpeConfig;
import dev.tinyreason.tokenizer.ChatTemplate;
import dev.tinyreason.tokenizer.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint exported for llama.cpp: the metadata and tensor names its llama architecture
 * reads, the tokenizer, the RoPE reordering of queries and keys (checked against both RoPE
 * conventions), the types per file type, and the refusals. llama.cpp itself runs the files in
 * {@code GgufPeerTest}.
 */
class LlamaGgufTest {

    static final ModelConfig CONFIG = ModelConfig.nano().withVocabSize(300).withNumLayers(2);

    static Checkpoint checkpoint(ModelConfig c) {
        Tokenizer tok = Tokenizer.train("the cat sat on the mat. 12 + 30 = 42. ".repeat(50),
                new BpeConfig(300, 2));
        return new Checkpoint(c, LlamaWeights.init(c, 7), tok, null, "");
    }

    @Test
    void theFileHasLlamaMetadataTokenizerAndTensorNames(@TempDir Path dir) throws Exception {
        Checkpoint ckpt = checkpoint(CONFIG);
        Path out = dir.resolve("m.gguf");
        LlamaGguf.Exported e = LlamaGguf.export(ckpt, "nano", GgufFileType.Q8_0, out);
        assertEquals(Files.size(out), e.bytes());
        GgufFile f = GgufReader.read(out);
        assertEquals("llama", f.text("general.architecture"));
        assertEquals("nano", f.text("general.name"));
        assertEquals(7, f.integer("general.file_type"));
        assertEquals(128, f.integer("llama.embedding_length"));
        assertEquals(2, f.integer("llama.block_count"));
        assertEquals(384, f.integer("llama.feed_forward_length"));
        assertEquals(4, f.integer("llama.attention.head_count"));
        assertEquals(2, f.integer("llama.attention.head_count_kv"));
        assertEquals(32, f.integer("llama.rope.dimension_count"));
        assertEquals(512, f.integer("llama.context_length"));
        assertEquals(10000.0, f.real("llama.rope.freq_base"));
        assertEquals(1e-5f, (float) f.real("llama.attention.layer_norm_rms_epsilon"));
        assertEquals(300, f.integer("llama.vocab_size"));
        assertEquals("gpt2", f.text("tokenizer.ggml.model"));
        assertEquals("qwen2", f.text("tokenizer.ggml.pre"));
        List<String> tokens = f.texts("tokenizer.ggml.tokens");
        assertEquals(300, tokens.size());
        assertEquals(List.of("<|pad|>", "<|bos|>", "<|eos|>", "<|reserved|>", "<think>",
                "</think>", "<|im_start|>", "<|im_end|>", "Ā"), tokens.subList(0, 9));
        assertEquals("Ġ", tokens.get(8 + ' '), "bytes are spelled as in tokenizer.json");
        assertEquals(ckpt.tokenizer().vocab().merges().size(),
                f.texts("tokenizer.ggml.merges").size());
        assertTrue(f.texts("tokenizer.ggml.merges").get(0).matches("\\S+ \\S+"));
        int trained = ckpt.tokenizer().vocabSize();
        assertTrue(trained < 300, "the model's extra rows get filler tokens");
        assertEquals("[PAD299]", tokens.get(299));
        GgufValue.Array types = (GgufValue.Array) f.get("tokenizer.ggml.token_type");
        assertArrayEquals(types(trained, 300), types.values().stream()
                .mapToInt(v -> (int) ((GgufValue.Int) v).value()).toArray());
        assertEquals(2, f.integer("tokenizer.ggml.eos_token_id"));
        assertEquals(7, f.integer("tokenizer.ggml.eot_token_id"));
        assertEquals(ChatTemplate.JINJA, f.text("tokenizer.chat_template"));
        assertEquals(2 + 9 * 2, e.tensors());
        assertEquals(List.of("token_embd.weight", "blk.0.attn_norm.weight", "blk.0.attn_q.weight",
                "blk.0.attn_k.weight", "blk.0.attn_v.weight", "blk.0.attn_output.weight",
                "blk.0.ffn_norm.weight", "blk.0.ffn_gate.weight", "blk.0.ffn_up.weight",
                "blk.0.ffn_down.weight"), f.tensors().subList(0, 10).stream()
                .map(GgufFile.Info::name).toList());
        assertEquals("output_norm.weight", f.tensors().get(19).name(), "tied: no output.weight");
        assertArrayEquals(new long[] {128, 384}, f.tensor("blk.1.ffn_up.weight").dims());
        assertArrayEquals(new long[] {384, 128}, f.tensor("blk.1.ffn_down.weight").dims());
        assertEquals(GgufType.Q8_0, f.tensor("token_embd.weight").type());
        assertEquals(GgufType.F32, f.tensor("blk.0.attn_norm.weight").type());
    }

    private static int[] types(int trained, int n) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = i < 8 ? GgufVocab.CONTROL : i < trained ? GgufVocab.NORMAL : GgufVocab.UNUSED;
        }
        return t;
    }

    @Test
    void f32WeightsComeBackExactlyAndQueriesKeysReordered(@TempDir Path dir) throws Exception {
        ModelConfig c = CONFIG.withTieEmbeddings(false);
        Checkpoint ckpt = checkpoint(c);
        GgufFile f = GgufReader.read(LlamaGguf.export(ckpt, "x", GgufFileType.F32,
                dir.resolve("f.gguf")).file());
        var w = ckpt.weights();
        assertArrayEquals(w.get("lm_head.weight").values(), f.floats("output.weight"));
        assertArrayEquals(w.get("model.layers.1.mlp.down_proj.weight").values(),
                f.floats("blk.1.ffn_down.weight"));
        float[] q = w.get("model.layers.0.self_attn.q_proj.weight").values();
        float[] gq = f.floats("blk.0.attn_q.weight");
        int in = c.hiddenSize();
        int hd = c.headDim();
        // head 1, HF row hd/2 + 3 (second half, pair 3) is llama.cpp row 2*3 + 1
        assertArrayEquals(java.util.Arrays.copyOfRange(q, (hd + hd / 2 + 3) * in,
                (hd + hd / 2 + 4) * in), java.util.Arrays.copyOfRange(gq, (hd + 7) * in,
                (hd + 8) * in));
    }

    @Test
    void f16KeepsNormsF32AndQ8KeepsPartialBlockRowsF16() {
        assertEquals(GgufType.F32, GgufFileType.F16.typeOf(new int[] {128}));
        assertEquals(GgufType.F16, GgufFileType.F16.typeOf(new int[] {300, 128}));
        assertEquals(GgufType.Q8_0, GgufFileType.Q8_0.typeOf(new int[] {300, 128}));
        assertEquals(GgufType.F16, GgufFileType.Q8_0.typeOf(new int[] {128, 100}));
        assertEquals(GgufFileType.Q8_0, GgufFileType.parse("Q8_0"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GgufFileType.parse("q4_k"));
        assertTrue(e.getMessage().contains("f32, f16 and q8_0"), e.getMessage());
    }

    /**
     * The oracle for the reordering: a query and a key rotated by HF's rotate-half RoPE give the
     * same dot product as the reordered rows rotated by llama.cpp's neighbour-pair RoPE, at any
     * two positions; without the reordering they do not.
     */
    @Test
    void reorderedRowsGiveHfAttentionScoresUnderLlamaCppRope() {
        int heads = 2;
        int hd = 8;
        int in = 5;
        Random rng = new Random(1);
        float[] wq = new float[heads * hd * in];
        float[] wk = new float[heads * hd * in];
        for (int i = 0; i < wq.length; i++) {
            wq[i] = (float) rng.nextGaussian();
            wk[i] = (float) rng.nextGaussian();
        }
        float[] x = {0.3f, -1f, 2f, 0.5f, 1.5f};
        float[] y = {-0.7f, 0.2f, 1f, -1.5f, 0.1f};
        float[] pq = LlamaGguf.interleaveRope(wq, heads, hd, in);
        float[] pk = LlamaGguf.interleaveRope(wk, heads, hd, in);
        for (int h = 0; h < heads; h++) {
            double hf = dot(hfRope(head(wq, x, h, hd), 7), hfRope(head(wk, y, h, hd), 3));
            double cpp = dot(cppRope(head(pq, x, h, hd), 7), cppRope(head(pk, y, h, hd), 3));
            double raw = dot(cppRope(head(wq, x, h, hd), 7), cppRope(head(wk, y, h, hd), 3));
            assertEquals(hf, cpp, 1e-9 * (1 + Math.abs(hf)), "head " + h);
            assertTrue(Math.abs(hf - raw) > 1e-3, "without reordering the scores differ");
        }
    }

    static double[] head(float[] w, float[] x, int h, int hd) {
        double[] out = new double[hd];
        for (int r = 0; r < hd; r++) {
            for (int i = 0; i < x.length; i++) {
                out[r] += (double) w[(h * hd + r) * x.length + i] * x[i];
            }
        }
        return out;
    }

    static double angle(int pos, int j, int hd) {
        return pos * Math.pow(10000, -2.0 * j / hd);
    }

    static double[] hfRope(double[] v, int pos) {
        int half = v.length / 2;
        double[] o = new double[v.length];
        for (int j = 0; j < half; j++) {
            double c = Math.cos(angle(pos, j, v.length));
            double s = Math.sin(angle(pos, j, v.length));
            o[j] = v[j] * c - v[j + half] * s;
            o[j + half] = v[j + half] * c + v[j] * s;
        }
        return o;
    }

    static double[] cppRope(double[] v, int pos) {
        double[] o = new double[v.length];
        for (int j = 0; j < v.length / 2; j++) {
            double c = Math.cos(angle(pos, j, v.length));
            double s = Math.sin(angle(pos, j, v.length));
            o[2 * j] = v[2 * j] * c - v[2 * j + 1] * s;
            o[2 * j + 1] = v[2 * j + 1] * c + v[2 * j] * s;
        }
        return o;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void qkNormAndMissingTokenizerAreRefusedWithTheReason(@TempDir Path dir) {
        ModelConfig qk = CONFIG.withQkNorm(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LlamaGguf.export(checkpoint(qk), "qk", GgufFileType.F32,
                        dir.resolve("q.gguf")));
        assertTrue(e.getMessage().contains("QK-norm") && e.getMessage().contains("withQkNorm"),
                e.getMessage());
        Checkpoint noTok = new Checkpoint(CONFIG, LlamaWeights.init(CONFIG, 1), null, null, "");
        e = assertThrows(IllegalArgumentException.class,
                () -> LlamaGguf.export(noTok, "t", GgufFileType.F32, dir.resolve("t.gguf")));
        assertTrue(e.getMessage().contains("no tokenizer.json"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("q.gguf"))
                && Files.notExists(dir.resolve("t.gguf")));
    }

    @Test
    void theCourseCheckpointShrinksToAboutAQuarterAsQ8(@TempDir Path dir) throws Exception {
        Path ckpt = Path.of("../data/checkpoints/sft-think");
        LlamaGguf.Exported f32 = LlamaGguf.export(ckpt, GgufFileType.F32, dir.resolve("a.gguf"));
        LlamaGguf.Exported q8 = LlamaGguf.export(ckpt, GgufFileType.Q8_0, dir.resolve("b.gguf"));
        assertEquals(38, f32.tensors());
        double ratio = (double) q8.bytes() / f32.bytes();
        assertTrue(ratio > 0.26 && ratio < 0.29, "Q8_0 / F32 bytes = " + ratio);
        assertEquals("sft-think", GgufReader.read(q8.file()).text("general.name"));
    }

    @Test
    void aLoadedFileIsTheExportedModel(@TempDir Path dir) throws Exception {
        for (boolean tied : new boolean[] {true, false}) {
            Checkpoint ckpt = checkpoint(CONFIG.withTieEmbeddings(tied));
            Path f32 = LlamaGguf.export(ckpt, "x", GgufFileType.F32, dir.resolve("a.gguf")).file();
            Checkpoint back = LlamaGguf.load(f32, ckpt.tokenizer());
            assertEquals(ckpt.config(), back.config(), "the config from the llama.* keys");
            ckpt.weights().tensors().forEach((name, t) -> assertArrayEquals(t.values(),
                    back.weights().get(name).values(), name + " (Q and K back in HF order)"));
        }
        Checkpoint ckpt = checkpoint(CONFIG);
        Path q8 = LlamaGguf.export(ckpt, "x", GgufFileType.Q8_0, dir.resolve("b.gguf")).file();
        float[] w = ckpt.weights().get("model.layers.1.self_attn.k_proj.weight").values();
        float[] back = LlamaGguf.load(q8, ckpt.tokenizer()).weights()
                .get("model.layers.1.self_attn.k_proj.weight").values();
        float max = 0;
        for (float v : w) {
            max = Math.max(max, Math.abs(v));
        }
        for (int i = 0; i < w.length; i++) {  // half a step of the widest block, plus d's rounding
            assertTrue(Math.abs(w[i] - back[i]) <= max / 127 * 0.51f, "weight " + i);
        }
    }

    @Test
    void loadingAnotherArchitectureSaysWhich(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("qwen.gguf");
        GgufWriter.write(f, java.util.Map.of("general.architecture", GgufValue.text("qwen2")),
                List.of());
        var e = assertThrows(IllegalArgumentException.class, () -> LlamaGguf.load(f, null));
        assertTrue(e.getMessage().contains("'qwen2'"), e.getMessage());
    }
}
