package dev.tinyreason.export;

import dev.tinyreason.model.Checkpoint;
import dev.tinyreason.model.ModelConfig;
import dev.tinyreason.tensor.SafeTensors.Tensor;
import dev.tinyreason.tokenizer.ChatTemplate;
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
        kv.put("llama.vocab_size", GgufValue.u32(c.vocabSize()));
        kv.put("llama.context_length", GgufValue.u32(c.maxPositions()));
        kv.put("llama.embedding_length", GgufValue.u32(c.hiddenSize()));
        kv.put("llama.block_count", GgufValue.u32(c.numLayers()));
        kv.put("llama.feed_forward_length", GgufValue.u32(c.intermediateSize()));
        kv.put("llama.attention.head_count", GgufValue.u32(c.numHeads()));
        kv.put("llama.attention.head_count_kv", GgufValue.u32(c.numKvHeads()));
        // llama.cpp assumes head_dim = hidden / heads unless these say otherwise
        kv.put("llama.attention.key_length", GgufValue.u32(c.headDim()));
        kv.put("llama.attention.value_length", GgufValue.u32(c.headDim()));
        kv.put("llama.rope.dimension_count", GgufValue.u32(c.headDim()));
        kv.put("llama.rope.freq_base", GgufValue.f32(c.ropeTheta()));
        kv.put("llama.attention.layer_norm_rms_epsilon", GgufValue.f32(c.rmsNormEps()));
        return kv;
    }

    /** The weights under llama.cpp's names, in the order its converter writes them. */
    static List<GgufTensor> tensors(Checkpoint ckpt, GgufFileType type) {
        ModelConfig c = ckpt.config();
        List<GgufTensor> out = new ArrayList<>();
        Map<String, Tensor> w = ckpt.weights().tensors();
        add(out, type, "token_embd.weight", w.get("model.embed_tokens.weight"), null);
        for (int i = 0; i < c.numLayers(); i++) {
            String hf = "model.layers." + i + ".";
            String blk = "blk." + i + ".";
            add(out, type, blk + "attn_norm.weight", w.get(hf + "input_layernorm.weight"), null);
            add(out, type, blk + "attn_q.weight", w.get(hf + "self_attn.q_proj.weight"),
                    c.numHeads());
            add(out, type, blk + "attn_k.weight", w.get(hf + "self_attn.k_proj.weight"),
                    c.numKvHeads());
            add(out, type, blk + "attn_v.weight", w.get(hf + "self_attn.v_proj.weight"), null);
            add(out, type, blk + "attn_output.weight", w.get(hf + "self_attn.o_proj.weight"),
                    null);
            add(out, type, blk + "ffn_norm.weight",
                    w.get(hf + "post_attention_layernorm.weight"), null);
            add(out, type, blk + "ffn_gate.weight", w.get(hf + "mlp.gate_proj.weight"), null);
            add(out, type, blk + "ffn_up.weight", w.get(hf + "mlp.up_proj.weight"), null);
            add(out, type, blk + "ffn_down.weight", w.get(hf + "mlp.down_proj.weight"), null);
        }
        add(out, type, "output_norm.weight", w.get("model.norm.weight"), null);
        if (!c.tieEmbeddings()) {
            add(out, type, "output.weight", w.get("lm_head.weight"), null);
        }
        return out;
    }

    /** Adds {@code t} as {@code name}; {@code ropeHeads} non-null reorders its rows for RoPE. */
    private static void add(List<GgufTensor> out, GgufFileType type, String name, Tensor t,
            Integer ropeHeads) {
        int[] shape = t.shape();
        float[] v = ropeHeads == null ? t.values()
                : interleaveRope(t.values(), ropeHeads, shape[0] / ropeHeads, shape[1]);
        out.add(GgufTensor.fromTorch(name, shape, type.typeOf(shape), v));
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
                    int from = h * headDim + s * half + j;
                    int to = h * headDim + 2 * j + s;
                    System.arraycopy(w, from * in, out, to * in, in);
                }
            }
        }
        return out;
    }
}
