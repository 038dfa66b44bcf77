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
 * <p>{@link #open} picks by measurement (batch 1, 16-token prompt, 128 new tokens, two cores):
 * the Java path for exactly one sequence when the JVM has the Vector API (16.8k against 2.4k
 * tokens/s on DJL for nano, 4.1k against 1.3k for tiny), DJL otherwise. Without the Vector API
 * the Java path's scalar loops win on nano (4.5k) but lose on tiny (1.0k), so DJL keeps that
 * case. The system property {@code tinyreason.decode} overrides the choice: {@code djl} forces
 * DJL for every batch size (to compare the two, or to rule the Java path out when hunting a
 * bug), {@code java} forces the Java path for one sequence even on the scalar loops; the
 * default is {@code auto}.
 */
public sealed interface Decoder extends AutoCloseable permits DecodeSession, JavaDecoder {

    /** The system property that chooses the path: {@code auto} (default), djl or java. */
    String PATH_PROPERTY = "tinyreason.decode";

    /**
     * A decoder for {@code batch} sequences of up to {@code capacity} tokens each: a
     * {@code JavaDecoder} for one sequence when the Vector API is present (or
     * {@link #PATH_PROPERTY} is {@code java}), else a {@link DecodeSession}. The Java decoder
     * copies the model's weights now, so a decoder sees the weights of the moment it opened.
     */
    static Decoder open(LlamaModel model, int batch, int capacity) {
        String path = System.getProperty(PATH_PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        boolean java = switch (path) {
            case "auto" -> batch == 1 && DecodeKernels.vectorModulePresent();
            case "java" -> batch == 1;   // the Java decoder holds one sequence only
            case "djl" -> false;
            default -> throw new IllegalArgumentException("The system property "
                    + PATH_PROPERTY + " must be auto, djl or java, got '" + path + "'.");
        };
        return java ? new JavaDecoder(model, capacity) : new DecodeSession(model, batch, capacity);
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

    /**
     * Keeps only the sequences at {@code rows} (ascending indices into the current batch): later
     * steps take and return one row per kept sequence, in that order.
     */
    void retain(int[] rows);

    /** Frees the cache. */
    @Override
    void close();
}
