package dev.tinyreason.model;

import ai.djl.ndarray.NDArray;
import dev.tinyreason.tensor.SafeTensors.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * How {@link LlamaModel} lays out the Hugging Face weights ({@link LlamaWeights}): the same
 * tensors under shorter names, with the projections that read the same input stacked by rows
 * into one matrix, so a block does fewer, larger matmuls ({@link DecoderLayer}). For layer
 * {@code i}:
 * <pre>
 *   embed                 model.embed_tokens.weight
 *   layers.i.input_norm   model.layers.i.input_layernorm.weight
 *   layers.i.qkv          q_proj, k_proj, v_proj stacked      (heads*hd + 2*kvHeads*hd, hidden)
 *   layers.i.q_norm       self_attn.q_norm.weight             only with qkNorm
 *   layers.i.k_norm       self_attn.k_norm.weight             only with qkNorm
 *   layers.i.o            self_attn.o_proj.weight
 *   layers.i.post_norm    post_attention_layernorm.weight
 *   layers.i.gate_up      mlp.gate_proj, mlp.up_proj stacked  (2*intermediate, hidden)
 *   layers.i.down         mlp.down_proj.weight
 *   norm                  model.norm.weight
 *   lm_head               lm_head.weight                      only when untied
 * </pre>
 * {@link #fuse} goes from Hugging Face names to this layout, {@link #unfuse} back.
 */
final class FusedLayout {

    private FusedLayout() {}

    /**
     * Hands every parameter of the layout to {@code into}, built from {@code weights}, in the
     * order above: the order the model's parameters keep (and its optimizer walks). Each fused
     * matrix is built just before it is handed over, so no second copy of every weight is
     * stacked up on the heap first.
     */
    static void fuse(ModelConfig config, LlamaWeights weights, BiConsumer<String, Tensor> into) {
        into.accept("embed", weights.get(HfNames.EMBED));
        for (int i = 0; i < config.numLayers(); i++) {
            String p = "layers." + i + ".";
            into.accept(p + "input_norm", weights.get(HfNames.Layer.INPUT_NORM.of(i)));
            into.accept(p + "qkv", rows(weights.get(HfNames.Layer.Q.of(i)),
                    weights.get(HfNames.Layer.K.of(i)),
                    weights.get(HfNames.Layer.V.of(i))));
            if (config.qkNorm()) {
                into.accept(p + "q_norm", weights.get(HfNames.Layer.Q_NORM.of(i)));
                into.accept(p + "k_norm", weights.get(HfNames.Layer.K_NORM.of(i)));
            }
            into.accept(p + "o", weights.get(HfNames.Layer.O.of(i)));
            into.accept(p + "post_norm", weights.get(HfNames.Layer.POST_NORM.of(i)));
            into.accept(p + "gate_up", rows(weights.get(HfNames.Layer.GATE.of(i)),
                    weights.get(HfNames.Layer.UP.of(i))));
            into.accept(p + "down", weights.get(HfNames.Layer.DOWN.of(i)));
        }
        into.accept("norm", weights.get(HfNames.NORM));
        if (!config.tieEmbeddings()) {
            into.accept("lm_head", weights.get(HfNames.LM_HEAD));
        }
    }

    /**
     * The parameters {@code params} (named as above) copied out under Hugging Face names, the
     * fused matrices split again: the inverse of {@link #fuse}.
     */
    static LlamaWeights unfuse(ModelConfig config, Map<String, NDArray> params) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        int d = config.hiddenSize();
        out.put(HfNames.EMBED, host(params.get("embed")));
        for (int i = 0; i < config.numLayers(); i++) {
            String p = "layers." + i + ".";
            out.put(HfNames.Layer.INPUT_NORM.of(i), host(params.get(p + "input_norm")));
            float[] qkv = params.get(p + "qkv").toFloatArray();
            int q = config.qWidth() * d;
            int kv = config.kvWidth() * d;
            out.put(HfNames.Layer.Q.of(i), slice(qkv, 0, q, config.qWidth(), d));
            out.put(HfNames.Layer.K.of(i), slice(qkv, q, kv, config.kvWidth(), d));
            out.put(HfNames.Layer.V.of(i), slice(qkv, q + kv, kv, config.kvWidth(), d));
            if (config.qkNorm()) {
                out.put(HfNames.Layer.Q_NORM.of(i), host(params.get(p + "q_norm")));
                out.put(HfNames.Layer.K_NORM.of(i), host(params.get(p + "k_norm")));
            }
            out.put(HfNames.Layer.O.of(i), host(params.get(p + "o")));
            out.put(HfNames.Layer.POST_NORM.of(i), host(params.get(p + "post_norm")));
            float[] gu = params.get(p + "gate_up").toFloatArray();
            int f = config.intermediateSize() * d;
            out.put(HfNames.Layer.GATE.of(i), slice(gu, 0, f, config.intermediateSize(), d));
            out.put(HfNames.Layer.UP.of(i), slice(gu, f, f, config.intermediateSize(), d));
            out.put(HfNames.Layer.DOWN.of(i), host(params.get(p + "down")));
        }
        out.put(HfNames.NORM, host(params.get("norm")));
        if (!config.tieEmbeddings()) {
            out.put(HfNames.LM_HEAD, host(params.get("lm_head")));
        }
        return new LlamaWeights(out);
    }

    /** Matrices with the same number of columns, stacked by rows: (sum of rows, cols). */
    private static Tensor rows(Tensor... parts) {
        int cols = parts[0].shape()[1];
        int total = 0;
        for (Tensor p : parts) {
            total += p.shape()[0];
        }
        float[] v = new float[total * cols];
        int at = 0;
        for (Tensor p : parts) {
            System.arraycopy(p.values(), 0, v, at, p.values().length);
            at += p.values().length;
        }
        return Tensor.f32(new int[] {total, cols}, v);
    }

    /** {@code count} values of a row-major stack from {@code from}, as a (rows, cols) matrix. */
    private static Tensor slice(float[] v, int from, int count, int rows, int cols) {
        float[] out = new float[count];
        System.arraycopy(v, from, out, 0, count);
        return Tensor.f32(new int[] {rows, cols}, out);
    }

    /** A host copy of a parameter, same shape. */
    private static Tensor host(NDArray p) {
        long[] s = p.getShape().getShape();
        int[] dims = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            dims[i] = (int) s[i];
        }
        return Tensor.f32(dims, p.toFloatArray());
    }
}
