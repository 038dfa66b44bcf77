package dev.tinyreason.model;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * A {@link LlamaModel}'s parameters copied out of native memory into Java arrays, in the
 * model's own fused layouts (row-major, (out, in) as in {@code torch.nn.Linear}), for
 * {@link JavaDecoder}.
 *
 * <p>A snapshot, taken once per generation: trainers update the native parameters in place
 * between generations (GRPO samples, steps, samples again), and nothing tells a copy that it
 * went stale, so no copy outlives the call that made it.
 *
 * @param embed (V, D) token embeddings
 * @param norm  (D) final RMSNorm weight
 * @param head  (V, D) output head: the same array as {@code embed} when the embeddings are tied
 */
record DecodeWeights(float[] embed, Layer[] layers, float[] norm, float[] head) {

    /**
     * One decoder block's parameters.
     *
     * @param qkv    ((H + 2K)·hd, D): query rows, then key rows, then value rows
     * @param qNorm  (hd) QK-norm weight of the queries, or null without QK-norm
     * @param kNorm  (hd) QK-norm weight of the keys, or null without QK-norm
     * @param o      (D, H·hd)
     * @param gateUp (2F, D): gate rows, then up rows
     * @param down   (D, F)
     */
    record Layer(float[] inputNorm, float[] qkv, float[] qNorm, float[] kNorm, float[] o,
            float[] postNorm, float[] gateUp, float[] down) {}

    /** Copies every parameter of {@code model} (its current values) into Java arrays. */
    static DecodeWeights of(LlamaModel model) {
        ModelConfig c = model.config();
        Map<String, NDArray> p = model.parameters();
        Layer[] layers = new Layer[c.numLayers()];
        for (int i = 0; i < layers.length; i++) {
            String l = "layers." + i + ".";
            layers[i] = new Layer(copy(p, l + "input_norm"), copy(p, l + "qkv"),
                    c.qkNorm() ? copy(p, l + "q_norm") : null,
                    c.qkNorm() ? copy(p, l + "k_norm") : null, copy(p, l + "o"),
                    copy(p, l + "post_norm"), copy(p, l + "gate_up"), copy(p, l + "down"));
        }
        float[] embed = copy(p, "embed");
        float[] head = c.tieEmbeddings() ? embed : copy(p, "lm_head");
        return new DecodeWeights(embed, layers, copy(p, "norm"), head);
    }

    /**
     * The same weights with the token embeddings rounded to Q8_0 blocks, as llama.cpp looks
     * tokens up in a Q8_0 {@code token_embd} (a tied head shares the rounded copy).
     */
    DecodeWeights withQ8Embeddings() {
        float[] e = dev.tinyreason.tensor.Q8Blocks.dequantize(
                dev.tinyreason.tensor.Q8Blocks.quantize(embed), 0, embed.length);
        return new DecodeWeights(e, layers, norm, head == embed ? e : head);
    }

    private static float[] copy(Map<String, NDArray> params, String name) {
        return params.get(name).toFloatArray();
    }
}
