package dev.tinyreason.trm;

import dev.tinyreason.tensor.SafeTensors.DType;
import dev.tinyreason.tensor.SafeTensors.Tensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A model's weights as plain Java arrays, by name: what the reference forward pass reads, what
 * the DJL network copies in and out, and what a checkpoint stores.
 *
 * <p>Matrices are stored {@code (in, out)} so that a layer is {@code x @ W}. Names, for layer
 * {@code i}:
 * <pre>
 *   embed                      (vocab, hidden)    token embedding (0 = blank, 1..size = digit)
 *   pos                        (cells, hidden)    learned positions (attention mixer only)
 *   y_init, z_init             (hidden)           fixed start states (TRM only, not trained)
 *   layers.i.token_mlp.gate_up (cells, 2*inner)   MLP-mixer: SwiGLU across cells
 *   layers.i.token_mlp.down    (inner, cells)
 *   layers.i.attn.qkv          (hidden, 3*hidden) attention mixer
 *   layers.i.attn.out          (hidden, hidden)
 *   layers.i.mlp.gate_up       (hidden, 2*inner)  SwiGLU per cell
 *   layers.i.mlp.down          (inner, hidden)
 *   head                       (hidden, digits)   answer logits per cell
 *   q_head.weight, q_head.bias (hidden), (1)      halting logit (TRM only)
 * </pre>
 */
public final class TrmWeights {

    private final Map<String, Tensor> tensors;

    /** The weights by name; each is kept as float32, whatever format it was read in. */
    public TrmWeights(Map<String, Tensor> tensors) {
        Map<String, Tensor> f32 = new LinkedHashMap<>();
        tensors.forEach((name, t) -> f32.put(name, t.dtype() == DType.F32 ? t : t.as(DType.F32)));
        this.tensors = Collections.unmodifiableMap(f32);
    }

    /** Names and shapes the weights of {@code config} must have, in a fixed order. */
    public static Map<String, int[]> shapes(TrmConfig c) {
        Map<String, int[]> s = new LinkedHashMap<>();
        int d = c.hiddenSize();
        s.put("embed", new int[] {c.vocabSize(), d});
        if (c.mixer() == TrmConfig.Mixer.ATTENTION) {
            s.put("pos", new int[] {c.cells(), d});
        }
        if (c.recursion() == TrmConfig.Recursion.TRM) {
            s.put("y_init", new int[] {d});
            s.put("z_init", new int[] {d});
        }
        for (int i = 0; i < c.numLayers(); i++) {
            String p = "layers." + i + ".";
            if (c.mixer() == TrmConfig.Mixer.MLP_MIXER) {
                s.put(p + "token_mlp.gate_up", new int[] {c.cells(), 2 * c.tokenInner()});
                s.put(p + "token_mlp.down", new int[] {c.tokenInner(), c.cells()});
            } else {
                s.put(p + "attn.qkv", new int[] {d, 3 * d});
                s.put(p + "attn.out", new int[] {d, d});
            }
            s.put(p + "mlp.gate_up", new int[] {d, 2 * c.channelInner()});
            s.put(p + "mlp.down", new int[] {c.channelInner(), d});
        }
        s.put("head", new int[] {d, c.numDigits()});
        if (c.recursion() == TrmConfig.Recursion.TRM) {
            s.put("q_head.weight", new int[] {d});
            s.put("q_head.bias", new int[] {1});
        }
        return s;
    }

    /**
     * Fresh weights, as in the paper's code: truncated normals (cut at two standard deviations)
     * with std 1/sqrt(fan-in) for matrices, 1/sqrt(hidden) for embeddings (which the model scales
     * by sqrt(hidden)), 1 for the start states; the Q head starts at weight 0, bias -5, so that
     * early on the model never halts.
     */
    public static TrmWeights init(TrmConfig c, long seed) {
        Random rng = new Random(seed);
        Map<String, Tensor> t = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : shapes(c).entrySet()) {
            String name = e.getKey();
            int[] shape = e.getValue();
            float[] data = new float[Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
            double std = switch (name) {
                case "embed", "pos" -> 1.0 / Math.sqrt(c.hiddenSize());
                case "y_init", "z_init" -> 1.0;
                case "q_head.weight", "q_head.bias" -> 0.0;
                default -> 1.0 / Math.sqrt(shape[0]);
            };
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) (std * truncatedNormal(rng));
            }
            if (name.equals("q_head.bias")) {
                data[0] = -5f;
            }
            t.put(name, Tensor.f32(shape, data));
        }
        return new TrmWeights(t);
    }

    /** True for weights the optimizer updates (everything but the fixed start states). */
    public static boolean trainable(String name) {
        return !name.equals("y_init") && !name.equals("z_init");
    }

    public Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("No weight called '" + name + "'; the weights are "
                    + tensors.keySet() + ".");
        }
        return t;
    }

    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /** Number of trainable values. */
    public long parameterCount() {
        return tensors.entrySet().stream().filter(e -> trainable(e.getKey()))
                .mapToLong(e -> e.getValue().values().length).sum();
    }

    /** Throws unless these weights have exactly the names and shapes {@code config} needs. */
    public void checkMatches(TrmConfig config) {
        Map<String, int[]> want = shapes(config);
        for (Map.Entry<String, int[]> e : want.entrySet()) {
            Tensor t = tensors.get(e.getKey());
            if (t == null || !Arrays.equals(t.shape(), e.getValue())) {
                throw new IllegalArgumentException("The weights do not fit the config: '"
                        + e.getKey() + "' should have shape " + Arrays.toString(e.getValue())
                        + " but " + (t == null ? "is missing" : "has " + Arrays.toString(t.shape()))
                        + ".");
            }
        }
        if (!want.keySet().equals(tensors.keySet())) {
            throw new IllegalArgumentException("The weights do not fit the config: unexpected "
                    + "names " + tensors.keySet().stream().filter(k -> !want.containsKey(k))
                    .toList() + ".");
        }
    }

    private static double truncatedNormal(Random rng) {
        while (true) {
            double v = rng.nextGaussian();
            if (Math.abs(v) <= 2) {
                return v;
            }
        }
    }
}
