package dev.tinyreason.export;

import dev.tinyreason.model.HfNames;
import dev.tinyreason.model.Checkpoint;
import dev.tinyreason.model.LlamaWeights;
import dev.tinyreason.model.ModelConfig;
import dev.tinyreason.tensor.SafeTensors.Tensor;
import dev.tinyreason.tokenizer.ChatTemplate;
import dev.tinyreason.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checkpoint as a GGUF file that llama.cpp runs with its {@code llama} architecture: the
 * config as {@code llama.*} metadata, the tokenizer ({@link GgufVocab}), and the weights under
 * llama.cpp's tensor names, converted the way its own {@code convert_hf_to_gguf.py} converts a
 * Hugging Face Llama:
 * <pre>
 *   model.embed_tokens.weight                      token_embd.weight
 *   model.layers.N.input_layernorm.weight          blk.N.attn_norm.weight
 *   model.layers.N.self_attn.{q,k,v,o}_proj.weight blk.N.attn_{q,k,v,output}.weight
 *   model.layers.N.post_attention_layernorm.weight blk.N.ffn_norm.weight
 *   model.layers.N.mlp.{gate,up,down}_proj.weight  blk.N.ffn_{gate,up,down}.weight
 *   model.norm.weight                              output_norm.weight
 *   lm_head.weight                                 output.weight (none when tied: llama.cpp
 *                                                  then reads token_embd for the head)
 * </pre>
 * The query and key rows are reordered for llama.cpp's RoPE ({@link #interleaveRope}).
 * QK-norm has no place in the {@code llama} architecture, so such a checkpoint is refused.
 */
public final class LlamaGguf {

    /** What an export wrote. */
    public record Exported(Path file, GgufFileType type, long bytes, int tensors) {}

    /** The {@code llama.*} metadata keys, each named once for writing and reading. */
    private static final String VOCAB = "llama.vocab_size";
    private static final String CONTEXT = "llama.context_length";
    private static final String EMBEDDING = "llama.embedding_length";
    private static final String BLOCKS = "llama.block_count";
    private static final String FEED_FORWARD = "llama.feed_forward_length";
    private static final String HEADS = "llama.attention.head_count";
    private static final String KV_HEADS = "llama.attention.head_count_kv";
    private static final String KEY_LENGTH = "llama.attention.key_length";
    private static final String VALUE_LENGTH = "llama.attention.value_length";
    private static final String ROPE_DIMS = "llama.rope.dimension_count";
    private static final String ROPE_BASE = "llama.rope.freq_base";
    private static final String RMS_EPS = "llama.attention.layer_norm_rms_epsilon";

    private LlamaGguf() {}

    /** Writes the checkpoint at {@code dir} to {@code out} with matrices of {@code type}. */
    public static Exported export(Path dir, GgufFileType type, Path out) throws IOException {
        Checkpoint ckpt = Checkpoint.load(dir);
        String name = dir.toAbsolutePath().normalize().getFileName().toString();
        return export(ckpt, name, type, out);
    }

    /** Writes {@code ckpt}, called {@code name} in the metadata, to {@code out}. */
    public static Exported export(Checkpoint ckpt, String name, GgufFileType type, Path out)
            throws IOException {
        ModelConfig c = ckpt.config();
        if (c.qkNorm()) {
            throw new IllegalArgumentException("This checkpoint uses QK-norm (RMSNorm on each "
                    + "query and key head, as Qwen3), which llama.cpp's llama architecture does "
                    + "not have: its logits would silently differ. Export a model trained "
                    + "without QK-norm (ModelConfig.withQkNorm(false)).");
        }
        if (ckpt.tokenizer() == null) {
            throw new IllegalArgumentException("The checkpoint has no tokenizer.json, and "
                    + "llama.cpp needs the vocabulary inside the GGUF file. Save the checkpoint "
                    + "with its tokenizer (Checkpoint.of(model, tokenizer)).");
        }
        Map<String, GgufValue> kv = new LinkedHashMap<>(metadata(c, name, type));
        kv.putAll(GgufVocab.metadata(ckpt.tokenizer(), c.vocabSize(), ckpt.generation()));
        kv.put("tokenizer.chat_template", GgufValue.text(ChatTemplate.JINJA));
        List<GgufTensor> tensors = tensors(ckpt, type);
        long bytes = GgufWriter.write(out, kv, tensors);
        return new Exported(out, type, bytes, tensors.size());
    }

    /** The {@code general.*} and {@code llama.*} keys of a model with config {@code c}. */
    static Map<String, GgufValue> metadata(ModelConfig c, String name, GgufFileType type) {
        Map<String, GgufValue> kv = new LinkedHashMap<>();
        kv.put("general.architecture", GgufValue.text("llama"));
        kv.put("general.name", GgufValue.text(name));
        kv.put("general.file_type", GgufValue.u32(type.id()));
        kv.put("general.alignment", GgufValue.u32(GgufWriter.ALIGNMENT));
        kv.put(VOCAB, GgufValue.u32(c.vocabSize()));
        kv.put(CONTEXT, GgufValue.u32(c.maxPositions()));
        kv.put(EMBEDDING, GgufValue.u32(c.hiddenSize()));
        kv.put(BLOCKS, GgufValue.u32(c.numLayers()));
        kv.put(FEED_FORWARD, GgufValue.u32(c.intermediateSize()));
        kv.put(HEADS, GgufValue.u32(c.numHeads()));
        kv.put(KV_HEADS, GgufValue.u32(c.numKvHeads()));
        // llama.cpp assumes head_dim = hidden / heads unless these say otherwise
        kv.put(KEY_LENGTH, GgufValue.u32(c.headDim()));
        kv.put(VALUE_LENGTH, GgufValue.u32(c.headDim()));
        kv.put(ROPE_DIMS, GgufValue.u32(c.headDim()));
        kv.put(ROPE_BASE, GgufValue.f32(c.ropeTheta()));
        kv.put(RMS_EPS, GgufValue.f32(c.rmsNormEps()));
        return kv;
    }

    /**
     * Each weight's llama.cpp name beside its Hugging Face name, in the order llama.cpp's
     * converter writes them; the value is the heads whose rows RoPE reorders, or 0.
     */
    static Map<String, Map.Entry<String, Integer>> names(ModelConfig c) {
        Map<String, Map.Entry<String, Integer>> n = new LinkedHashMap<>();
        n.put("token_embd.weight", Map.entry(HfNames.EMBED, 0));
        for (int i = 0; i < c.numLayers(); i++) {
            String blk = "blk." + i + ".";
            n.put(blk + "attn_norm.weight", Map.entry(HfNames.Layer.INPUT_NORM.of(i), 0));
            n.put(blk + "attn_q.weight", Map.entry(HfNames.Layer.Q.of(i), c.numHeads()));
            n.put(blk + "attn_k.weight", Map.entry(HfNames.Layer.K.of(i),
                    c.numKvHeads()));
            n.put(blk + "attn_v.weight", Map.entry(HfNames.Layer.V.of(i), 0));
            n.put(blk + "attn_output.weight", Map.entry(HfNames.Layer.O.of(i), 0));
            n.put(blk + "ffn_norm.weight", Map.entry(HfNames.Layer.POST_NORM.of(i), 0));
            n.put(blk + "ffn_gate.weight", Map.entry(HfNames.Layer.GATE.of(i), 0));
            n.put(blk + "ffn_up.weight", Map.entry(HfNames.Layer.UP.of(i), 0));
            n.put(blk + "ffn_down.weight", Map.entry(HfNames.Layer.DOWN.of(i), 0));
        }
        n.put("output_norm.weight", Map.entry(HfNames.NORM, 0));
        if (!c.tieEmbeddings()) {
            n.put("output.weight", Map.entry(HfNames.LM_HEAD, 0));
        }
        return n;
    }

    /** The weights under llama.cpp's names, Q and K rows reordered for its RoPE. */
    static List<GgufTensor> tensors(Checkpoint ckpt, GgufFileType type) {
        List<GgufTensor> out = new ArrayList<>();
        Map<String, Tensor> w = ckpt.weights().tensors();
        names(ckpt.config()).forEach((name, hf) -> {
            Tensor t = w.get(hf.getKey());
            int[] shape = t.shape();
            int heads = hf.getValue();
            float[] v = heads == 0 ? t.values()
                    : interleaveRope(t.values(), heads, shape[0] / heads, shape[1]);
            out.add(GgufTensor.fromTorch(name, shape, type.typeOf(shape), v));
        });
        return out;
    }

    /** A float32 key as the shortest decimal that names it (1e-5, not 9.99999974e-6). */
    private static double decimal(double f32) {
        return Double.parseDouble(Float.toString((float) f32));
    }

    // ---- reading back ----------------------------------------------------------------------

    /**
     * The model a GGUF file holds, as this library runs it: the config from its
     * {@code llama.*} keys and every weight decoded to float (a Q8_0 matrix comes back as
     * {@code d * q}, exactly the values llama.cpp multiplies by), Q and K rows put back in
     * Hugging Face's RoPE order. The tokenizer is not rebuilt from the file: pass the one the
     * model was trained with.
     */
    public static Checkpoint load(Path file, Tokenizer tokenizer) throws IOException {
        GgufFile f = GgufReader.read(file);
        String arch = f.text("general.architecture");
        if (!arch.equals("llama")) {
            throw new IllegalArgumentException(file + " holds a '" + arch + "' model; this "
                    + "library reads the llama architecture it exports.");
        }
        int heads = (int) f.integer(HEADS);
        int layers = (int) f.integer(BLOCKS);
        int vocab = (int) f.integer(VOCAB);
        boolean tied = f.tensors().stream().noneMatch(i -> i.name().equals("output.weight"));
        ModelConfig c = new ModelConfig(vocab, (int) f.integer(EMBEDDING), layers,
                heads, (int) f.integer(KV_HEADS),
                (int) f.integer(KEY_LENGTH),
                (int) f.integer(FEED_FORWARD),
                (int) f.integer(CONTEXT), decimal(f.real(ROPE_BASE)),
                decimal(f.real(RMS_EPS)), false, tied);
        Map<String, Tensor> w = new LinkedHashMap<>();
        names(c).forEach((name, hf) -> {
            int[] shape = f.tensor(name).torchShape();
            float[] v = f.floats(name);
            int h = hf.getValue();
            if (h != 0) {
                v = halveRope(v, h, shape[0] / h, shape[1]);
            }
            w.put(hf.getKey(), Tensor.f32(shape, v));
        });
        return new Checkpoint(c, new LlamaWeights(w), tokenizer, null, null);
    }

    /**
     * The rows of a query or key projection {@code (heads * headDim, in)} reordered from
     * Hugging Face's RoPE layout to llama.cpp's.
     *
     * <p>Both rotate pairs of a head's dimensions by the same angles, but pair different
     * dimensions: HF's {@code rotate_half} pairs {@code j} with {@code j + headDim/2} (the
     * halves), llama.cpp's "normal" RoPE pairs {@code 2j} with {@code 2j + 1} (neighbours).
     * Moving row {@code s * headDim/2 + j} of each head to row {@code 2j + s} ({@code s} = 0
     * or 1) puts each HF pair where llama.cpp looks for it. Queries and keys move the same way,
     * so every dot product q·k, and with it attention, is unchanged. This is the
     * {@code reshape(heads, 2, headDim/2, in).swapaxes(1, 2)} of llama.cpp's converter.
     */
    static float[] interleaveRope(float[] w, int heads, int headDim, int in) {
        return moveRopeRows(w, heads, headDim, in, true);
    }

    /** {@link #interleaveRope}'s inverse: llama.cpp's row order back to Hugging Face's. */
    static float[] halveRope(float[] w, int heads, int headDim, int in) {
        return moveRopeRows(w, heads, headDim, in, false);
    }

    private static float[] moveRopeRows(float[] w, int heads, int headDim, int in,
            boolean toLlamaCpp) {
        if ((long) heads * headDim * in != w.length || headDim % 2 != 0) {
            throw new IllegalArgumentException("A RoPE projection of " + heads + " heads of "
                    + "even width " + headDim + " over " + in + " inputs has "
                    + ((long) heads * headDim * in) + " values, got " + w.length + ".");
        }
        float[] out = new float[w.length];
        int half = headDim / 2;
        for (int h = 0; h < heads; h++) {
            for (int s = 0; s < 2; s++) {
                for (int j = 0; j < half; j++) {
                    int hfRow = h * headDim + s * half + j;
                    int cppRow = h * headDim + 2 * j + s;
                    System.arraycopy(w, (toLlamaCpp ? hfRow : cppRow) * in, out,
                            (toLlamaCpp ? cppRow : hfRow) * in, in);
                }
            }
        }
        return out;
    }
}
