package dev.tinyreason.model;

import java.util.Locale;

/**
 * Incremental decoding with a KV cache, speaking plain Java: feed the prompts once, then one
 * token per sequence per step, and get each sequence's next-token log-probabilities back. Two
 * implementations compute the same thing:
 *
 * <ul>
 *   <li>{@link DecodeSession}: DJL ops on PyTorch, any batch size; the prompts decode together.
 *   <li>{@code JavaDecoder}: one sequence in plain Java over copies of the weights, with the
 *       Vector API when the JVM has it. At batch 1 DJL's cost is one JNI call per op, not
 *       arithmetic, and the Java path is several times faster.
 * </ul>
 *
 * <p>{@link #open} picks: the Java path for exactly one sequence, DJL otherwise. Start the JVM
 * with {@code -Dtinyreason.decode=djl} to force DJL for every batch size (to compare the two,
 * or to rule the Java path out when hunting a bug); the default is {@code auto}.
 */
public sealed interface Decoder extends AutoCloseable permits DecodeSession, JavaDecoder {

    /** The system property that chooses the path: {@code auto} (default) or {@code djl}. */
    String PATH_PROPERTY = "tinyreason.decode";

    /**
     * A decoder for {@code batch} sequences of up to {@code capacity} tokens each: a
     * {@code JavaDecoder} when {@code batch == 1} (unless {@link #PATH_PROPERTY} is
     * {@code djl}), else a {@link DecodeSession}. The Java decoder copies the model's weights
     * now, so a decoder sees the weights of the moment it was opened.
     */
    static Decoder open(LlamaModel model, int batch, int capacity) {
        String path = System.getProperty(PATH_PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        if (!path.equals("auto") && !path.equals("djl")) {
            throw new IllegalArgumentException("The system property " + PATH_PROPERTY
                    + " must be auto or djl, got '" + path + "'.");
        }
        if (batch == 1 && path.equals("auto")) {
            return new JavaDecoder(model, capacity);
        }
        return new DecodeSession(model, batch, capacity);
    }

    int batchSize();

    /** Tokens fed so far (for a DJL batch, slots: the longest prompt plus the steps). */
    int length();

    /** Feeds the prompts (padded, usually on the left); returns log p(next token) (B, V). */
    float[][] prefill(TokenBatch prompts);

    /**
     * As {@link #prefill}, but returns only each sequence's most likely next token and its
     * log-prob, ties to the lowest id as {@code Sampling.argmax}.
     */
    DecodeSession.Greedy prefillGreedy(TokenBatch prompts);

    /** Feeds one token per sequence; returns log p(the token after it) (B, V). */
    float[][] step(int[] tokens);

    /** As {@link #step}, greedy: see {@link #prefillGreedy}. */
    DecodeSession.Greedy stepGreedy(int[] tokens);

    /** Frees the cache. */
    @Override
    void close();
}
