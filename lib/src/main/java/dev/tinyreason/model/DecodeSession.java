package dev.tinyreason.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tinyreason.tensor.Ops;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Incremental decoding of a batch with a KV cache, speaking plain Java: feed the (left-padded)
 * prompts once, then one token per sequence per step, and get each sequence's next-token
 * log-probabilities (the log-softmax of the logits, computed natively) back as {@code float[]}.
 * The sampler in {@code dev.tinyreason.infer} drives it.
 *
 * <p>Each sequence keeps its own RoPE position (its real tokens so far), so a short prompt
 * padded on the left decodes exactly as it would alone. Every call computes in its own scope;
 * only the cache outlives a call, and {@link #close()} frees it.
 *
 * <p>When it runs: {@link Decoder#open} (and so {@code Generator}) uses it for a batch of two or
 * more sequences, for one sequence on a JVM without the Vector API module, and for any batch
 * under {@code -Dtinyreason.decode=djl}. Otherwise a single sequence decodes in
 * {@code JavaDecoder}: at batch 1 each of the dozens of ops per layer costs a JNI call whose
 * fixed price exceeds its arithmetic, while a batch shares that price across its sequences.
 * Constructed directly, it always decodes on DJL.
 */
public final class DecodeSession implements Decoder {

    /** The most likely next token of each sequence and its log-probability. */
    public record Greedy(int[] tokens, float[] logProbs) {}

    private final LlamaModel model;
    private final KvCache cache;
    private int batch;
    private int[] nextPosition;
    private float[] keyMask;         // (B, capacity): 0 for real slots, MASKED for padding
    private boolean padded;          // some prompt slot is padding: steps need a key mask

    /** A cache for {@code batch} sequences of up to {@code capacity} slots each. */
    public DecodeSession(LlamaModel model, int batch, int capacity) {
        if (batch <= 0 || capacity <= 0) {
            throw new IllegalArgumentException("A decode session needs a positive batch and "
                    + "capacity, got batch=" + batch + ", capacity=" + capacity + ".");
        }
        this.model = model;
        this.batch = batch;
        this.cache = new KvCache(model.manager(), model.config(), batch, capacity);
        this.nextPosition = new int[batch];
        this.keyMask = new float[batch * capacity];
        Arrays.fill(keyMask, Ops.MASKED);
    }

    public int batchSize() {
        return batch;
    }

    /** Slots filled so far (the longest prompt plus the steps taken). */
    public int length() {
        return cache.length();
    }

    /** Feeds the prompts (padded, usually on the left); returns log p(next token) (B, V). */
    public float[][] prefill(TokenBatch prompts) {
        return prefill(prompts, this::rows);
    }

    /**
     * As {@link #prefill}, but picks each most likely token natively and copies out only it and
     * its log-prob: greedy decoding without moving (B, V) rows to Java at every step. Ties go
     * to the lowest id, as {@code Sampling.argmax}.
     */
    public Greedy prefillGreedy(TokenBatch prompts) {
        return prefill(prompts, DecodeSession::greedy);
    }

    /** Feeds one token per sequence; returns log p(the token after it) (B, V). */
    public float[][] step(int[] tokens) {
        return step(tokens, this::rows);
    }

    /** As {@link #step}, greedy: see {@link #prefillGreedy}. */
    public Greedy stepGreedy(int[] tokens) {
        return step(tokens, DecodeSession::greedy);
    }

    private <R> R prefill(TokenBatch prompts, Function<NDArray, R> readOut) {
        if (cache.length() != 0) {
            throw new IllegalStateException("prefill must come first; this session already "
                    + "holds " + cache.length() + " tokens.");
        }
        if (prompts.batchSize() != batch) {
            throw new IllegalArgumentException("The session is for " + batch + " sequences, "
                    + "the prompts have " + prompts.batchSize() + ".");
        }
        int t = prompts.length();
        checkRoom(t);
        for (int b = 0; b < batch; b++) {
            nextPosition[b] = prompts.realTokens(b);
            checkPosition(b, nextPosition[b] - 1);
            for (int s = 0; s < t; s++) {
                boolean real = prompts.isReal(b, s);
                keyMask[b * cache.capacity() + s] = real ? 0f : Ops.MASKED;
                padded |= !real;
            }
        }
        try (NDManager scope = cache.manager().newSubManager()) {
            NDArray mask = scope.create(prompts.causalMask(Ops.MASKED),
                    new Shape(batch, 1, 1, t, t));
            NDArray h = model.hidden(Ops.ids(scope, prompts.ids()),
                    Ops.ids(scope, prompts.positions()), mask, cache);
            cache.advance(t);
            return readOut.apply(model.head(h.get("..., -1:, :")).logSoftmax(2));  // (B, 1, V)
        }
    }

    private <R> R step(int[] tokens, Function<NDArray, R> readOut) {
        if (tokens.length != batch) {
            throw new IllegalArgumentException("step needs one token per sequence (" + batch
                    + "), got " + tokens.length + ".");
        }
        if (cache.length() == 0) {
            throw new IllegalStateException("Call prefill before step.");
        }
        checkRoom(1);
        int slot = cache.length();
        int keys = slot + 1;
        int[][] ids = new int[batch][1];
        int[][] pos = new int[batch][1];
        float[] mask = padded ? new float[batch * keys] : null;
        for (int b = 0; b < batch; b++) {
            ids[b][0] = tokens[b];
            pos[b][0] = nextPosition[b];
            checkPosition(b, nextPosition[b]);
            nextPosition[b]++;
            keyMask[b * cache.capacity() + slot] = 0f;
            if (padded) {
                System.arraycopy(keyMask, b * cache.capacity(), mask, b * keys, keys);
            }
        }
        try (NDManager scope = cache.manager().newSubManager()) {
            NDArray m = padded ? scope.create(mask, new Shape(batch, 1, 1, 1, keys)) : null;
            NDArray h = model.hidden(Ops.ids(scope, ids), Ops.ids(scope, pos), m, cache);
            cache.advance(1);
            return readOut.apply(model.head(h).logSoftmax(2));                    // (B, 1, V)
        }
    }

    /**
     * Keeps only the sequences at {@code rows} (ascending indices into the current batch); the
     * next {@link #step} takes one token for each of them, in that order, and returns their
     * rows. How a sampler stops paying for sequences that have finished.
     */
    @Override
    public void retain(int[] rows) {
        checkRows(rows, batch);
        int capacity = cache.capacity();
        int[] positions = new int[rows.length];
        float[] mask = new float[rows.length * capacity];
        for (int i = 0; i < rows.length; i++) {
            positions[i] = nextPosition[rows[i]];
            System.arraycopy(keyMask, rows[i] * capacity, mask, i * capacity, capacity);
        }
        cache.retain(rows);
        nextPosition = positions;
        keyMask = mask;
        batch = rows.length;
    }

    /** Throws unless {@code rows} are distinct ascending indices below {@code batch}, at least one. */
    static void checkRows(int[] rows, int batch) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("retain needs at least one sequence to keep.");
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= batch || i > 0 && rows[i] <= rows[i - 1]) {
                throw new IllegalArgumentException("retain takes ascending indices into the batch of "
                        + batch + ", got " + Arrays.toString(rows) + ".");
            }
        }
    }

    private float[][] rows(NDArray logProbs) {
        int v = model.config().vocabSize();
        float[] flat = logProbs.toFloatArray();
        float[][] out = new float[batch][v];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(flat, b * v, out[b], 0, v);
        }
        return out;
    }

    private static Greedy greedy(NDArray logProbs) {
        long[] best = logProbs.argMax(2).toLongArray();                           // (B, 1)
        float[] lp = logProbs.max(new int[] {2}).toFloatArray();  // the max is the best's
        int[] tokens = new int[best.length];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = (int) best[i];
        }
        return new Greedy(tokens, lp);
    }

    private void checkRoom(int t) {
        if (cache.length() + t > cache.capacity()) {
            throw new IllegalStateException("This session holds " + cache.capacity()
                    + " tokens per sequence; " + (cache.length() + t) + " do not fit.");
        }
    }

    private void checkPosition(int b, int position) {
        if (position >= model.config().maxPositions()) {
            throw new IllegalStateException("Sequence " + b + " reached position " + position
                    + ", beyond the model's maxPositions " + model.config().maxPositions()
                    + ".");
        }
    }

    @Override
    public void close() {
        cache.close();
    }
}
