package dev.tinyreason.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Keys and values of every token seen so far, one preallocated (B, K, capacity, hd) buffer per
 * layer and kind, so that a new token costs one attention row instead of a whole forward pass
 * (the "KV cache" of every fast decoder). New entries are written in place at the current
 * length; readers get views of the filled part.
 */
final class KvCache implements AutoCloseable {

    private final NDManager manager;
    private final NDArray[] keys;
    private final NDArray[] values;
    private final int capacity;
    private int length;

    KvCache(NDManager parent, ModelConfig c, int batch, int capacity) {
        this.manager = parent.newSubManager();
        this.capacity = capacity;
        this.keys = new NDArray[c.numLayers()];
        this.values = new NDArray[c.numLayers()];
        Shape shape = new Shape(batch, c.numKvHeads(), capacity, c.headDim());
        for (int i = 0; i < c.numLayers(); i++) {
            keys[i] = manager.zeros(shape);
            values[i] = manager.zeros(shape);
        }
    }

    /**
     * Stores this step's keys and values (B, K, T, hd) of {@code layer} after the filled part and
     * returns views (B, K, length + T, hd) of everything stored, attached to {@code scope}.
     */
    NDList append(int layer, NDArray k, NDArray v, NDManager scope) {
        long t = k.getShape().get(2);
        if (length + t > capacity) {
            throw new IllegalStateException("The KV cache holds " + capacity + " tokens; "
                    + (length + t) + " do not fit.");
        }
        view(keys[layer], length, length + t, scope).addi(k);  // slots start at 0, written once
        view(values[layer], length, length + t, scope).addi(v);
        return new NDList(view(keys[layer], 0, length + t, scope),
                view(values[layer], 0, length + t, scope));
    }

    /**
     * Slots [from, to) of a buffer as a view (no copy), owned by {@code scope}. Torch's own
     * slice: DJL's general indexer parses an index and dispatches more per call, and this runs
     * once per layer per token.
     */
    private static NDArray view(NDArray buffer, long from, long to, NDManager scope) {
        NDArray v = JniUtils.slice((PtNDArray) buffer, 2, from, to, 1);
        v.attach(scope);
        return v;
    }

    /**
     * Keeps only the sequences at {@code rows} (batch indices, ascending), dropping the others'
     * keys and values: the buffers shrink to (rows.length, K, capacity, hd). Finished sequences
     * then stop costing attention and matmul work.
     */
    void retain(int[] rows) {
        long[] idx = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            idx[i] = rows[i];
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray index = scope.create(idx);
            for (int i = 0; i < keys.length; i++) {
                keys[i] = select(keys[i], index);
                values[i] = select(values[i], index);
            }
        }
    }

    private NDArray select(NDArray buffer, NDArray index) {
        NDArray kept = buffer.get(new NDIndex("{}", index));
        kept.attach(manager);
        buffer.close();
        return kept;
    }

    /** Marks {@code t} more slots as filled (after every layer appended them). */
    void advance(int t) {
        length += t;
    }

    int length() {
        return length;
    }

    int capacity() {
        return capacity;
    }

    NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        manager.close();
    }
}
