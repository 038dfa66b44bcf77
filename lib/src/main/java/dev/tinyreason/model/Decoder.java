package dev.tinyreason.model;

import java.util.Locale;

/**
 * Incremental decoding with a KV cache, speaking plain Java: feed the prompts once, then one
 * token per sequence per step, and get each sequence's next-token log-probabilities back. Two
 * implementations compute the same thing:
 *
 * <ul>
 *   <li>{@link DecodeSession}: DJL ops on PyTorch; the prompts, left-padded, decode together.
 *   <li>{@code JavaDecoder}: plain Java over copies of the weights, with the Vector API when
 *       the JVM has it. At batch 1 DJL's cost is one JNI call per op, not arithmetic; for a
 *       batch, a step's products run as a GEMM micro-kernel on two threads, each sequence keeps
 *       its own cache (no padding), identical prompts share one prefill, and a finished
 *       sequence's rows are dropped for free.
 * </ul>
 *
 * <p>{@link #open} picks by measurement: with the Vector API the Java path wins at every batch
 * size the course uses, by most at batch 1 and on the smallest model (where DJL's per-op cost
 * weighs most) and by least at large batches, where that fixed cost is shared by many rows.
 * Without the Vector API the scalar loops lose to DJL from the {@code tiny} model up, so DJL
 * keeps that case. {@code ./tinyreason bench --sampling} measures both paths in the same run
 * (results in {@code bench/results/}). The system property {@code tinyreason.decode}
 * overrides the choice: {@code djl} forces DJL (to compare the two, or to rule the Java path
 * out when hunting a bug), {@code java} forces the Java path even on the scalar loops; the
 * default is {@code auto}.
 */
public sealed interface Decoder extends AutoCloseable permits DecodeSession, JavaDecoder {

    /** The system property that chooses the path: {@code auto} (default), djl or java. */
    String PATH_PROPERTY = "tinyreason.decode";

    /**
     * A decoder for {@code batch} sequences of up to {@code capacity} tokens each: a
     * {@code JavaDecoder} when the Vector API is present (or {@link #PATH_PROPERTY} is
     * {@code java}), else a {@link DecodeSession}. The Java decoder copies the model's weights
     * now, so a decoder sees the weights of the moment it opened.
     */
    static Decoder open(LlamaModel model, int batch, int capacity) {
        return open(model, batch, capacity, WeightFormat.F32);
    }

    /**
     * As {@link #open(LlamaModel, int, int)}, with the weight matrices held in {@code format}.
     * {@link WeightFormat#Q8_0} decodes on the Java path only (DJL multiplies float tensors),
     * with the scalar loops where the JVM lacks the Vector API; every batch size works, a batch
     * running the 8-bit matrix–vector product row by row rather than the float GEMM kernel.
     */
    static Decoder open(LlamaModel model, int batch, int capacity, WeightFormat format) {
        String path = System.getProperty(PATH_PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        boolean java = switch (path) {
            case "auto" -> DecodeKernels.vectorModulePresent() || format != WeightFormat.F32;
            case "java" -> true;
            case "djl" -> false;
            default -> throw new IllegalArgumentException("The system property "
                    + PATH_PROPERTY + " must be auto, djl or java, got '" + path + "'.");
        };
        if (!java && format != WeightFormat.F32) {
            throw new IllegalStateException(format + " weights decode only on the Java path, "
                    + "and the system property " + PATH_PROPERTY + "=djl rules it out; clear "
                    + "the property, or decode with WeightFormat.F32.");
        }
        return java ? new JavaDecoder(model, batch, capacity, format)
                : new DecodeSession(model, batch, capacity);
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

    /**
     * True when {@link #retain} costs nothing (the Java decoder drops references), so a caller
     * should drop each finished sequence at once; false when it copies the cache (DJL), so
     * dropping is worth it only for several at a time.
     */
    default boolean retainIsFree() {
        return false;
    }

    /** Frees the cache. */
    @Override
    void close();
}
