package dev.tinyreason.model;

/**
 * The shape of a decoder-only Llama-style transformer: pre-norm RMSNorm, RoPE, SwiGLU MLP,
 * grouped-query attention, optional QK-norm, no biases (Touvron et al. 2023, "LLaMA";
 * Ainslie et al. 2023, "GQA"; the small-reasoning-model design adds QK-norm against attention
 * logits that blow up in small models).
 *
 * <p>Field names follow Hugging Face's {@code LlamaConfig} so that a learner can read a
 * {@code config.json} next to this record: {@code hidden_size} is {@link #hiddenSize}, and so on.
 * All widths of the presets are multiples of 64 so the matmuls stay on fast SIMD paths.
 *
 * @param vocabSize        tokens in the vocabulary (the tokenizer's size)
 * @param hiddenSize       width of the residual stream, d_model
 * @param numLayers        decoder blocks
 * @param numHeads         query heads
 * @param numKvHeads       key/value heads; each serves numHeads / numKvHeads query heads (GQA)
 * @param headDim          width of one head (even: RoPE rotates pairs)
 * @param intermediateSize hidden width of the SwiGLU MLP
 * @param maxPositions     longest sequence RoPE tables are built for
 * @param ropeTheta        RoPE base, 10000 in the RoFormer paper
 * @param rmsNormEps       epsilon inside RMSNorm's square root
 * @param qkNorm           RMSNorm on each query and key head before RoPE (as Qwen3)
 * @param tieEmbeddings    the output head reuses the token embedding matrix
 */
public record ModelConfig(int vocabSize, int hiddenSize, int numLayers, int numHeads,
        int numKvHeads, int headDim, int intermediateSize, int maxPositions, double ropeTheta,
        double rmsNormEps, boolean qkNorm, boolean tieEmbeddings) {

    public ModelConfig {
        positive("vocabSize", vocabSize);
        positive("hiddenSize", hiddenSize);
        positive("numLayers", numLayers);
        positive("numHeads", numHeads);
        positive("numKvHeads", numKvHeads);
        positive("headDim", headDim);
        positive("intermediateSize", intermediateSize);
        positive("maxPositions", maxPositions);
        if (numHeads % numKvHeads != 0) {
            throw new IllegalArgumentException("numHeads must be divisible by numKvHeads (each "
                    + "key/value head serves a whole group of query heads), got numHeads="
                    + numHeads + ", numKvHeads=" + numKvHeads + ".");
        }
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("headDim must be even, because RoPE rotates pairs "
                    + "of dimensions, got headDim=" + headDim + ".");
        }
        if (!(ropeTheta > 1)) {
            throw new IllegalArgumentException("ropeTheta must be greater than 1, got "
                    + ropeTheta + ".");
        }
        if (!(rmsNormEps > 0 && rmsNormEps < 1)) {
            throw new IllegalArgumentException("rmsNormEps must be in (0, 1), got "
                    + rmsNormEps + ".");
        }
    }

    /** The vocabulary size of the presets (the course's default BPE vocabulary). */
    public static final int DEFAULT_VOCAB = 2048;

    /** ≈ 0.85M parameters: for tests and the first notebooks (seconds per hundred steps). */
    public static ModelConfig nano() {
        return new ModelConfig(DEFAULT_VOCAB, 128, 3, 4, 2, 32, 384, 512, 10000, 1e-5, false,
                true);
    }

    /** ≈ 3.3M parameters: trains to fluent toy reasoning on a laptop in minutes. */
    public static ModelConfig tiny() {
        return new ModelConfig(DEFAULT_VOCAB, 256, 4, 4, 2, 64, 640, 1024, 10000, 1e-5, false,
                true);
    }

    /** ≈ 13M parameters: the largest the course trains on two cores. */
    public static ModelConfig small() {
        return new ModelConfig(DEFAULT_VOCAB, 384, 8, 6, 2, 64, 1024, 1024, 10000, 1e-5, false,
                true);
    }

    /** A preset by name: "nano", "tiny" or "small". */
    public static ModelConfig preset(String name) {
        return switch (name) {
            case "nano" -> nano();
            case "tiny" -> tiny();
            case "small" -> small();
            default -> throw new IllegalArgumentException("Unknown model preset '" + name
                    + "'; the presets are nano, tiny and small.");
        };
    }

    /** Query heads per key/value head. */
    public int groupSize() {
        return numHeads / numKvHeads;
    }

    /** Width of all query heads together. */
    public int qWidth() {
        return numHeads * headDim;
    }

    /** Width of all key (or value) heads together. */
    public int kvWidth() {
        return numKvHeads * headDim;
    }

    /** Trainable parameters. */
    public long parameterCount() {
        long d = hiddenSize;
        long attention = d * (qWidth() + 2L * kvWidth()) + (long) qWidth() * d;
        long mlp = 3L * d * intermediateSize;
        long norms = 2 * d + (qkNorm ? 2L * headDim : 0);
        long embed = (long) vocabSize * d;
        return embed * (tieEmbeddings ? 1 : 2) + numLayers * (attention + mlp + norms) + d;
    }

    /**
     * Matmul FLOPs of one training step per token (forward + backward ≈ 3 × forward), counting
     * 2 per multiply-add, with full (unmasked) attention over a {@code seqLen} context: the
     * 6N + 12·L·d·T of the PaLM paper, appendix B, with the embedding lookup left out.
     */
    public double trainingFlopsPerToken(int seqLen) {
        long d = hiddenSize;
        double matmulParams = numLayers * (d * (qWidth() + 2.0 * kvWidth()) + qWidth() * d
                + 3.0 * d * intermediateSize) + (double) vocabSize * d;
        double attention = numLayers * 4.0 * qWidth() * seqLen;  // QK^T and AV
        return 3 * (2 * matmulParams + attention);
    }

    public ModelConfig withVocabSize(int v) {
        return new ModelConfig(v, hiddenSize, numLayers, numHeads, numKvHeads, headDim,
                intermediateSize, maxPositions, ropeTheta, rmsNormEps, qkNorm, tieEmbeddings);
    }

    public ModelConfig withNumLayers(int n) {
        return new ModelConfig(vocabSize, hiddenSize, n, numHeads, numKvHeads, headDim,
                intermediateSize, maxPositions, ropeTheta, rmsNormEps, qkNorm, tieEmbeddings);
    }

    public ModelConfig withMaxPositions(int n) {
        return new ModelConfig(vocabSize, hiddenSize, numLayers, numHeads, numKvHeads, headDim,
                intermediateSize, n, ropeTheta, rmsNormEps, qkNorm, tieEmbeddings);
    }

    public ModelConfig withQkNorm(boolean on) {
        return new ModelConfig(vocabSize, hiddenSize, numLayers, numHeads, numKvHeads, headDim,
                intermediateSize, maxPositions, ropeTheta, rmsNormEps, on, tieEmbeddings);
    }

    public ModelConfig withTieEmbeddings(boolean on) {
        return new ModelConfig(vocabSize, hiddenSize, numLayers, numHeads, numKvHeads, headDim,
                intermediateSize, maxPositions, ropeTheta, rmsNormEps, qkNorm, on);
    }

    /** Changes the head layout; {@code headDim} follows as hiddenSize / numHeads. */
    public ModelConfig withHeads(int heads, int kvHeads) {
        if (hiddenSize % heads != 0) {
            throw new IllegalArgumentException("hiddenSize must be divisible by numHeads, got "
                    + "hiddenSize=" + hiddenSize + ", numHeads=" + heads + ".");
        }
        return new ModelConfig(vocabSize, hiddenSize, numLayers, heads, kvHeads,
                hiddenSize / heads, intermediateSize, maxPositions, ropeTheta, rmsNormEps, qkNorm,
                tieEmbeddings);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + name + "="
                    + value + ".");
        }
    }
}
