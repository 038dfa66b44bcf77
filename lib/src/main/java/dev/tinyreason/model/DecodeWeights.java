package dev.tinyreason.model;

import ai.djl.ndarray.NDArray;
import dev.tinyreason.tensor.Q8Blocks;
import java.util.Map;

/**
 * A {@link LlamaModel}'s parameters copied out of native memory for {@link JavaDecoder}: norm
 * weights as float arrays, every matrix as a {@link Projection} in the chosen
 * {@link WeightFormat}, in the model's own fused layouts (row-major, (out, in) as in
 * {@code torch.nn.Linear}).
 *
 * <p>A snapshot, taken once per generation: trainers update the native parameters in place
 * between generations (GRPO samples, steps, samples again), and nothing tells a copy that it
 * went stale, so no copy outlives the call that made it.
 *
 * @param embed (V, D) token embeddings
 * @param norm  (D) final RMSNorm weight
 * @param head  (V, D) output head: the same matrix as {@code embed} when the embeddings are tied
 */
record DecodeWeights(Projection embed, Layer[] layers, float[] norm, Projection head) {

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
    record Layer(float[] inputNorm, Projection qkv, float[] qNorm, float[] kNorm, Projection o,
            float[] postNorm, Projection gateUp, Projection down) {}

    /**
     * Copies every parameter of {@code model} (its current values), the matrices in
     * {@code format}; {@code pack}: float matrices also packed for the batched product.
     */
    static DecodeWeights of(LlamaModel model, WeightFormat format, DecodeKernels kernels,
            boolean pack) {
        ModelConfig c = model.config();
        if (format == WeightFormat.Q8_0) {
            requireWholeBlocks(c);
        }
        Map<String, NDArray> p = model.parameters();
        int d = c.hiddenSize();
        int f = c.intermediateSize();
        int v = c.vocabSize();
        Layer[] layers = new Layer[c.numLayers()];
        for (int i = 0; i < layers.length; i++) {
            String l = "layers." + i + ".";
            layers[i] = new Layer(copy(p, l + "input_norm"),
                    Projection.of(copy(p, l + "qkv"), c.qWidth() + 2 * c.kvWidth(), d, format,
                            kernels, pack),
                    c.qkNorm() ? copy(p, l + "q_norm") : null,
                    c.qkNorm() ? copy(p, l + "k_norm") : null,
                    Projection.of(copy(p, l + "o"), d, c.qWidth(), format, kernels, pack),
                    copy(p, l + "post_norm"),
                    Projection.of(copy(p, l + "gate_up"), 2 * f, d, format, kernels, pack),
                    Projection.of(copy(p, l + "down"), d, f, format, kernels, pack));
        }
        Projection head = Projection.of(copy(p, c.tieEmbeddings() ? "embed" : "lm_head"), v, d,
                format, kernels, pack);
        Projection embed = c.tieEmbeddings() ? head
                : Projection.of(copy(p, "embed"), v, d, format, kernels, false);
        return new DecodeWeights(embed, layers, copy(p, "norm"), head);
    }

    /**
     * Q8_0 cuts each matrix row into blocks of 32, and the rows are D, H·hd and F long: all
     * three must be whole blocks. Checked once, here, so the error names the model's widths.
     */
    private static void requireWholeBlocks(ModelConfig c) {
        int b = Q8Blocks.BLOCK;
        if (c.hiddenSize() % b != 0 || c.qWidth() % b != 0 || c.intermediateSize() % b != 0) {
            throw new IllegalArgumentException("Q8_0 weights come in blocks of " + b
                    + " along each matrix row, so hiddenSize, numHeads·headDim and "
                    + "intermediateSize must be multiples of " + b + "; this model has "
                    + c.hiddenSize() + ", " + c.qWidth() + " and " + c.intermediateSize()
                    + ". Decode it with WeightFormat.F32, or train one whose widths are "
                    + "multiples of " + b + ".");
        }
    }

    private static float[] copy(Map<String, NDArray> params, String name) {
        return params.get(name).toFloatArray();
    }
}
