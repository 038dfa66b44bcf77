package dev.tinyreason.model;

import dev.tinyreason.tensor.SafeTensors;
import dev.tinyreason.tensor.SafeTensors.Tensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A model's weights as plain Java arrays under Hugging Face Llama's tensor names: what a
 * checkpoint stores, what {@link LlamaModel} copies in and out. Matrices are {@code (out, in)}
 * as in {@code torch.nn.Linear}, so a layer computes {@code x @ W^T}. For layer {@code i}:
 * <pre>
 *   model.embed_tokens.weight                      (vocab, hidden)
 *   model.layers.i.input_layernorm.weight          (hidden)
 *   model.layers.i.self_attn.q_proj.weight         (heads*headDim, hidden)
 *   model.layers.i.self_attn.k_proj.weight         (kvHeads*headDim, hidden)
 *   model.layers.i.self_attn.v_proj.weight         (kvHeads*headDim, hidden)
 *   model.layers.i.self_attn.q_norm.weight         (headDim)            only with qkNorm
 *   model.layers.i.self_attn.k_norm.weight         (headDim)            only with qkNorm
 *   model.layers.i.self_attn.o_proj.weight         (hidden, heads*headDim)
 *   model.layers.i.post_attention_layernorm.weight (hidden)
 *   model.layers.i.mlp.gate_proj.weight            (intermediate, hidden)
 *   model.layers.i.mlp.up_proj.weight              (intermediate, hidden)
 *   model.layers.i.mlp.down_proj.weight            (hidden, intermediate)
 *   model.norm.weight                              (hidden)
 *   lm_head.weight                                 (vocab, hidden)      only when untied
 * </pre>
 */
public final class LlamaWeights {

    private final Map<String, Tensor> tensors;

    public LlamaWeights(Map<String, Tensor> tensors) {
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    /** Names and shapes the weights of {@code c} must have, in checkpoint order. */
    public static Map<String, int[]> shapes(ModelConfig c) {
        Map<String, int[]> s = new LinkedHashMap<>();
        int d = c.hiddenSize();
        s.put(HfNames.EMBED, new int[] {c.vocabSize(), d});
        for (int i = 0; i < c.numLayers(); i++) {
            s.put(HfNames.Layer.INPUT_NORM.of(i), new int[] {d});
            s.put(HfNames.Layer.Q.of(i), new int[] {c.qWidth(), d});
            s.put(HfNames.Layer.K.of(i), new int[] {c.kvWidth(), d});
            s.put(HfNames.Layer.V.of(i), new int[] {c.kvWidth(), d});
            if (c.qkNorm()) {
                s.put(HfNames.Layer.Q_NORM.of(i), new int[] {c.headDim()});
                s.put(HfNames.Layer.K_NORM.of(i), new int[] {c.headDim()});
            }
            s.put(HfNames.Layer.O.of(i), new int[] {d, c.qWidth()});
            s.put(HfNames.Layer.POST_NORM.of(i), new int[] {d});
            s.put(HfNames.Layer.GATE.of(i), new int[] {c.intermediateSize(), d});
            s.put(HfNames.Layer.UP.of(i), new int[] {c.intermediateSize(), d});
            s.put(HfNames.Layer.DOWN.of(i), new int[] {d, c.intermediateSize()});
        }
        s.put(HfNames.NORM, new int[] {d});
        if (!c.tieEmbeddings()) {
            s.put(HfNames.LM_HEAD, new int[] {c.vocabSize(), d});
        }
        return s;
    }

    /**
     * Fresh weights as GPT-2 and HF Llama start: normal(0, 0.02) for matrices, ones for norm
     * scales; the two projections that write into the residual stream (o_proj, down_proj) get
     * std 0.02 / sqrt(2 * layers) so the stream's variance does not grow with depth (GPT-2
     * paper, section 2.3). Uses only {@code java.util.Random}: the same seed gives the same
     * weights on every machine.
     */
    public static LlamaWeights init(ModelConfig c, long seed) {
        Random rng = new Random(seed);
        double residualStd = 0.02 / Math.sqrt(2.0 * c.numLayers());
        Map<String, Tensor> t = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : shapes(c).entrySet()) {
            String name = e.getKey();
            float[] v = new float[Arrays.stream(e.getValue()).reduce(1, (a, b) -> a * b)];
            if (isNorm(name)) {
                Arrays.fill(v, 1f);
            } else {
                double std = name.endsWith("o_proj.weight") || name.endsWith("down_proj.weight")
                        ? residualStd : 0.02;
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (std * rng.nextGaussian());
                }
            }
            t.put(name, Tensor.f32(e.getValue(), v));
        }
        return new LlamaWeights(t);
    }

    /** RMSNorm scales (1-D): AdamW leaves them out of weight decay. */
    public static boolean isNorm(String name) {
        return name.endsWith("norm.weight");
    }

    /** Embedding matrices: also left out of weight decay. */
    public static boolean isEmbedding(String name) {
        return name.equals(HfNames.EMBED) || name.equals(HfNames.LM_HEAD);
    }

    public Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("No weight called '" + name + "'.");
        }
        return t;
    }

    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /**
     * Throws unless these weights have exactly the names and shapes {@code c} needs; the message
     * names the first tensor that is missing, extra or mis-shaped.
     */
    public void checkMatches(ModelConfig c) {
        Map<String, int[]> want = shapes(c);
        for (Map.Entry<String, int[]> e : want.entrySet()) {
            Tensor t = tensors.get(e.getKey());
            if (t == null || !Arrays.equals(t.shape(), e.getValue())) {
                throw new IllegalArgumentException("The weights do not fit the config: tensor '"
                        + e.getKey() + "' should have shape " + Arrays.toString(e.getValue())
                        + " but " + (t == null ? "is missing"
                        : "has " + Arrays.toString(t.shape())) + ".");
            }
        }
        for (String name : tensors.keySet()) {
            if (!want.containsKey(name)) {
                throw new IllegalArgumentException("The weights do not fit the config: "
                        + "unexpected tensor '" + name + "'" + (name.startsWith("lm_head")
                        ? " (the config ties the embeddings, so there is no separate head)"
                        : "") + ".");
            }
        }
    }

    /**
     * {@code (1 - alpha) * a + alpha * b}, tensor by tensor: WiSE-FT's weight-space ensemble
     * (Wortsman et al. 2022, "Robust fine-tuning of zero-shot models", eq. 1). Between an early
     * and a late checkpoint of one fine-tuning run it trades the late one's fit for the early
     * one's calibration; {@code alpha = 1} is {@code b}. Both must have the same tensors.
     */
    public static LlamaWeights interpolate(LlamaWeights a, LlamaWeights b, double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha is the weight of the second checkpoint, in [0, 1], got "
                    + alpha + ".");
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : a.tensors.entrySet()) {
            Tensor x = e.getValue();
            Tensor y = b.tensors.get(e.getKey());
            if (y == null || !Arrays.equals(x.shape(), y.shape())) {
                throw new IllegalArgumentException("Only checkpoints of one architecture can be averaged: '"
                        + e.getKey() + "' is " + Arrays.toString(x.shape()) + " in the first and "
                        + (y == null ? "missing" : Arrays.toString(y.shape())) + " in the second.");
            }
            float[] v = new float[x.values().length];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) ((1 - alpha) * x.values()[i] + alpha * y.values()[i]);
            }
            out.put(e.getKey(), new Tensor(SafeTensors.DType.F32, x.shape(), v));
        }
        if (!b.tensors.keySet().equals(a.tensors.keySet())) {
            throw new IllegalArgumentException("Only checkpoints of one architecture can be averaged: their "
                    + "tensor names differ.");
        }
        return new LlamaWeights(out);
    }

    /** The same weights converted to {@code dtype} (e.g. BF16 to halve a checkpoint). */
    public LlamaWeights as(SafeTensors.DType dtype) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        tensors.forEach((k, v) -> t.put(k, v.as(dtype)));
        return new LlamaWeights(t);
    }
}
