package dev.tinyreason.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.tinyreason.tensor.Ops;
import dev.tinyreason.tensor.Rope;
import dev.tinyreason.tensor.SafeTensors.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The tiny reasoning model: a decoder-only Llama on DJL. Token ids go in, next-token logits come
 * out: {@code embed → numLayers × DecoderLayer → RMSNorm → (tied) output head}.
 *
 * <pre>{@code
 * LlamaModel model = LlamaModel.init(ModelConfig.nano(), 42);
 * float[][] logp = model.tokenLogProbs(TokenBatch.of(new int[] {1, 17, 33, 2}));
 * }</pre>
 *
 * <p>Memory: the model owns one {@link NDManager} that holds only its parameters and constants.
 * The plain-Java methods open and close their own scope; the {@code NDArray} methods, for
 * trainers, take the scope to compute in and put every result there (see {@link Ops}).
 */
public final class LlamaModel implements AutoCloseable {

    private final ModelConfig config;
    private final NDManager manager;
    private final dev.tinyreason.tensor.NativeMemory.Owned memory;  // frees the tensors when unreachable
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private final List<DecoderLayer> layers = new ArrayList<>();
    private final NDArray eps;
    private final NDArray ropeCos;   // (maxPositions, (H+K)*hd)
    private final NDArray ropeSin;
    private final Rope.Tables rope;  // (maxPositions, hd) host copy, for JavaDecoder

    /** Copies {@code weights} into native memory; every parameter records gradients. */
    public LlamaModel(ModelConfig config, LlamaWeights weights) {
        weights.checkMatches(config);
        this.config = config;
        this.memory = dev.tinyreason.tensor.NativeMemory.open(this);
        this.manager = memory.manager();
        FusedLayout.fuse(config, weights, this::put);
        for (int i = 0; i < config.numLayers(); i++) {
            layers.add(layer(i));
        }
        params.values().forEach(p -> p.setRequiresGradient(true));
        this.eps = Ops.constant(manager, (float) config.rmsNormEps());
        this.rope = Rope.tables(config.maxPositions(), config.headDim(), config.ropeTheta());
        this.ropeCos = manager.create(perHead(rope.cos()), new Shape(config.maxPositions(),
                (long) (config.numHeads() + config.numKvHeads()) * config.headDim()));
        this.ropeSin = manager.create(perHead(rope.sinSigned()), ropeCos.getShape());
    }

    /** Block {@code i} over its parameters ({@link FusedLayout} names them). */
    private DecoderLayer layer(int i) {
        String p = "layers." + i + ".";
        return new DecoderLayer(config, params.get(p + "input_norm"), params.get(p + "qkv"),
                params.get(p + "q_norm"), params.get(p + "k_norm"), params.get(p + "o"),
                params.get(p + "post_norm"), params.get(p + "gate_up"), params.get(p + "down"));
    }

    /**
     * A RoPE table (positions, hd) repeated for every query and key head, the query heads'
     * copies scaled by 1/sqrt(hd): attention's scaling then costs no op of its own.
     */
    private float[] perHead(float[] table) {
        int hd = config.headDim();
        int heads = config.numHeads() + config.numKvHeads();
        float scale = (float) (1 / Math.sqrt(hd));
        float[] out = new float[config.maxPositions() * heads * hd];
        for (int p = 0; p < config.maxPositions(); p++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < hd; i++) {
                    float v = table[p * hd + i];
                    out[(p * heads + h) * hd + i] = h < config.numHeads() ? v * scale : v;
                }
            }
        }
        return out;
    }

    /** A fresh model with seeded weights ({@link LlamaWeights#init}). */
    public static LlamaModel init(ModelConfig config, long seed) {
        return new LlamaModel(config, LlamaWeights.init(config, seed));
    }

    public ModelConfig config() {
        return config;
    }

    /**
     * The RoPE tables (positions, hd) before {@link #perHead}, shared and read only: they
     * depend on the config alone, so unlike the weights they never go stale.
     */
    Rope.Tables ropeTables() {
        return rope;
    }

    /** The manager that holds the parameters; trainers open per-step sub-managers of it. */
    public NDManager manager() {
        return manager;
    }

    /** Parameters by internal name ({@code layers.0.qkv}, ...), for optimizers. */
    public Map<String, NDArray> parameters() {
        return Collections.unmodifiableMap(params);
    }

    /** True for the parameters AdamW decays: the matrices inside the blocks. */
    public static boolean decays(String name) {
        return name.startsWith("layers.") && !name.endsWith("norm");
    }

    // ---- forward ---------------------------------------------------------------------------

    /** Logits (B, T, V) for every position of {@code batch}, computed in {@code scope}. */
    public NDArray logits(NDManager scope, TokenBatch batch) {
        return logits(scope, batch, UnaryOperator.identity());
    }

    /**
     * Logits (B, T, V) with {@code afterEmbedding} applied to the input embeddings (B, T, D)
     * before the first block: where NEFTune (Jain et al. 2023) adds its training noise.
     */
    public NDArray logits(NDManager scope, TokenBatch batch,
            UnaryOperator<NDArray> afterEmbedding) {
        NDArray ids = Ops.ids(scope, batch.ids());
        NDArray positions = Ops.ids(scope, batch.positions());
        int b = batch.batchSize();
        int t = batch.length();
        NDArray mask = scope.create(batch.causalMask(Ops.MASKED), new Shape(b, 1, 1, t, t));
        return head(hidden(ids, positions, mask, null, afterEmbedding));
    }

    /**
     * log p(ids[t+1] | ids[..t]) for t = 0..T-2: (B, T-1), in {@code scope}, with gradients when
     * called inside a GradientCollector. Entries whose target is padding are meaningless; mask
     * them with {@link #targetMask}.
     */
    public NDArray tokenLogProbs(NDManager scope, TokenBatch batch) {
        int t = batch.length();
        if (t < 2) {
            throw new IllegalArgumentException("Log-probs need at least two tokens per row "
                    + "(one to condition on, one to score), got " + t + ".");
        }
        NDArray logits = nextTokenLogits(scope, batch, UnaryOperator.identity()); // (B,T-1,V)
        NDArray targets = Ops.ids(scope, nextTokenTargets(batch));               // (B, T-1)
        return Ops.tokenLogProbs(logits, targets);
    }

    /**
     * Logits (B, T-1, V) at positions 0..T-2, the predictions of tokens 1..T-1 (their ids are
     * {@link #nextTokenTargets}). Logits at 0..T-2 depend only on tokens 0..T-2, so only those
     * are fed: no (B, T, V) tensor is computed and then sliced.
     */
    public NDArray nextTokenLogits(NDManager scope, TokenBatch batch,
            UnaryOperator<NDArray> afterEmbedding) {
        return logits(scope, dropLast(batch), afterEmbedding);
    }

    /** The ids that {@link #nextTokenLogits} predicts: each row shifted left by one (B, T-1). */
    public static int[][] nextTokenTargets(TokenBatch batch) {
        return shiftLeft(batch.ids());
    }

    /**
     * 1 where the target of a log-prob is a real token predicted from its own sequence
     * ({@link TokenBatch#isTarget}), else 0: (B, T-1) float.
     */
    public static NDArray targetMask(NDManager scope, TokenBatch batch) {
        int rows = batch.batchSize();
        int t = batch.length() - 1;
        float[] flat = new float[rows * t];
        for (int b = 0; b < rows; b++) {
            for (int i = 0; i < t; i++) {
                flat[b * t + i] = batch.isTarget(b, i + 1) ? 1f : 0f;
            }
        }
        return scope.create(flat, new Shape(rows, t));
    }

    /** Sum over positions of {@code tokenLogProbs * mask}: log p of each sequence, (B). */
    public static NDArray sequenceLogProb(NDArray tokenLogProbs, NDArray mask) {
        return tokenLogProbs.mul(mask).sum(new int[] {1});
    }

    /** {@link #tokenLogProbs(NDManager, TokenBatch)} as Java arrays; padding targets are 0. */
    public float[][] tokenLogProbs(TokenBatch batch) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray lp = tokenLogProbs(scope, batch).mul(targetMask(scope, batch));
            float[] flat = lp.toFloatArray();
            int t = batch.length() - 1;
            float[][] out = new float[batch.batchSize()][t];
            for (int b = 0; b < out.length; b++) {
                System.arraycopy(flat, b * t, out[b], 0, t);
            }
            return out;
        }
    }

    /** log p of each whole sequence (all real tokens after the first), as Java doubles. */
    public double[] sequenceLogProbs(TokenBatch batch) {
        float[][] lp = tokenLogProbs(batch);
        double[] out = new double[lp.length];
        for (int b = 0; b < lp.length; b++) {
            for (float v : lp[b]) {
                out[b] += v;
            }
        }
        return out;
    }

    /** Logits (B, T, V) as a Java array (for tests and small batches). */
    public float[][][] logits(TokenBatch batch) {
        try (NDManager scope = manager.newSubManager()) {
            float[] flat = logits(scope, batch).toFloatArray();
            int t = batch.length();
            int v = config.vocabSize();
            float[][][] out = new float[batch.batchSize()][t][v];
            for (int b = 0; b < out.length; b++) {
                for (int i = 0; i < t; i++) {
                    System.arraycopy(flat, (b * t + i) * v, out[b][i], 0, v);
                }
            }
            return out;
        }
    }

    /** Embedding and every block: (B, T, D), before the final norm. */
    NDArray hidden(NDArray ids, NDArray positions, NDArray mask, KvCache cache) {
        return hidden(ids, positions, mask, cache, UnaryOperator.identity());
    }

    private NDArray hidden(NDArray ids, NDArray positions, NDArray mask, KvCache cache,
            UnaryOperator<NDArray> afterEmbedding) {
        DecoderLayer.RopeRows rope = new DecoderLayer.RopeRows(rows(positions, ropeCos),
                rows(positions, ropeSin));
        NDArray x = afterEmbedding.apply(Ops.embedding(ids, params.get("embed"))); // (B,T,D)
        NDManager outer = x.getManager();
        for (int i = 0; i < layers.size(); i++) {
            // Each layer's intermediates (norms, projections, attention scores) live in their
            // own scope, freed when the layer is done; only its output moves on. DJL frees an
            // array only when its manager closes, so without this a forward pass held every
            // layer's (B, H, T, T) scores at once, which grow with the square of the prompt
            // length: gigabytes for the prefill of a large batch of word problems.
            // Autograd keeps its own references to what backward needs.
            try (NDManager layer = outer.newSubManager()) {
                x.attach(layer);
                x = layers.get(i).forward(x, rope, mask, eps, cache, i);
                x.attach(outer);
            }
        }
        java.lang.ref.Reference.reachabilityFence(this);  // see NativeMemory: no early free
        return x;
    }

    /** Final norm and output head: (B, T, D) → (B, T, V). */
    NDArray head(NDArray hidden) {
        NDArray w = config.tieEmbeddings() ? params.get("embed") : params.get("lm_head");
        NDArray out = Ops.linear(Ops.rmsNorm(hidden, params.get("norm"), eps), w);
        java.lang.ref.Reference.reachabilityFence(this);
        return out;
    }

    /** Table rows for positions (B, T) → (B, T, H+K, hd), in the positions' scope. */
    private NDArray rows(NDArray positions, NDArray table) {
        Shape p = positions.getShape();
        return Ops.embedding(positions, table).reshape(p.get(0), p.get(1),
                config.numHeads() + config.numKvHeads(), config.headDim());
    }

    // ---- weights in and out ----------------------------------------------------------------

    /** The current weights copied out under HF names (the fused matrices split again). */
    public LlamaWeights weights() {
        LlamaWeights out = FusedLayout.unfuse(config, params);
        java.lang.ref.Reference.reachabilityFence(this);
        return out;
    }

    /** Overwrites every parameter with {@code weights} (same config), keeping optimizer refs. */
    public void load(LlamaWeights weights) {
        weights.checkMatches(config);
        LlamaModel fresh = new LlamaModel(config, weights);
        try {
            fresh.params.forEach((name, p) -> params.get(name).set(p.toFloatArray()));
        } finally {
            fresh.close();
        }
    }

    /** Copies {@code t} into the model's memory as parameter {@code name}, float32. */
    private void put(String name, Tensor t) {
        int[] s = t.shape();
        long[] dims = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            dims[i] = s[i];
        }
        params.put(name, manager.create(t.values(), new Shape(dims)).toType(DataType.FLOAT32,
                false));
    }

    private static TokenBatch dropLast(TokenBatch batch) {
        int[][] ids = new int[batch.batchSize()][];
        int[][] mask = new int[batch.batchSize()][];
        for (int b = 0; b < ids.length; b++) {
            ids[b] = java.util.Arrays.copyOf(batch.ids()[b], batch.length() - 1);
            mask[b] = java.util.Arrays.copyOf(batch.attentionMask()[b], batch.length() - 1);
        }
        return new TokenBatch(ids, mask);
    }

    private static int[][] shiftLeft(int[][] rows) {
        int[][] out = new int[rows.length][];
        for (int b = 0; b < rows.length; b++) {
            out[b] = java.util.Arrays.copyOfRange(rows[b], 1, rows[b].length);
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "LlamaModel[%.2fM parameters, %d layers, "
                + "hidden %d, heads %d/%d, vocab %d, qkNorm=%s]", config.parameterCount() / 1e6,
                config.numLayers(), config.hiddenSize(), config.numHeads(), config.numKvHeads(),
                config.vocabSize(), config.qkNorm());
    }

    /**
     * Frees the parameters now. Optional: a model nothing refers to any more is freed by the
     * garbage collector ({@link dev.tinyreason.tensor.NativeMemory}).
     */
    @Override
    public void close() {
        memory.close();
    }
}
