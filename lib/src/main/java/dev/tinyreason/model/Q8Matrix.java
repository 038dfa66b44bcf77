package dev.tinyreason.model;

import dev.tinyreason.tensor.Q8Blocks;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * A weight matrix {@code (rows, cols)} held as llama.cpp's {@code Q8_0} ({@link Q8Blocks}):
 * one signed byte per weight and one scale per block of 32, a quarter of the float matrix's
 * memory, which is what a matrix-vector product at batch 1 spends its time reading.
 *
 * <p>{@link #matVec} computes {@code out = W x} without widening W first: per block, the 32
 * bytes become floats in registers and meet x in fused multiply-adds, and the block's sum is
 * scaled once, {@code Σ_b d_b · Σ_j q_bj · x_bj}. The Vector API does this a vector of lanes at
 * a time (8 or 16 floats, from 8 or 16 bytes); {@link #matVecScalar} is the same sum in plain
 * loops, the oracle and the fallback. The result equals the product with the dequantised
 * matrix up to float rounding; its distance from the float matrix's product is the
 * quantisation error, at most {@code Σ_b d_b / 2 · Σ_j |x_bj|} per output.
 *
 * <p>Not yet wired into {@link JavaDecoder}: that is the next step of the Q8_0 decode path.
 */
final class Q8Matrix {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = S.length();
    private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class,
            VectorShape.forBitSize(LANES * 8));

    final int rows;
    final int cols;
    private final byte[] q;        // (rows, cols) quantised values
    private final float[] scales;  // (rows, cols / 32), widened from half once

    private Q8Matrix(int rows, int cols, byte[] q, float[] scales) {
        this.rows = rows;
        this.cols = cols;
        this.q = q;
        this.scales = scales;
    }

    /** {@code w} (rows, cols), row-major, quantised; cols must be a multiple of 32. */
    static Q8Matrix quantize(float[] w, int rows, int cols) {
        if ((long) rows * cols != w.length) {
            throw new IllegalArgumentException("A (" + rows + ", " + cols + ") matrix has "
                    + (long) rows * cols + " values, got " + w.length + ".");
        }
        byte[] blocks = Q8Blocks.quantize(w);   // checks that rows are whole blocks
        int n = w.length / Q8Blocks.BLOCK;
        byte[] q = new byte[w.length];
        float[] scales = new float[n];
        for (int b = 0; b < n; b++) {
            int at = b * Q8Blocks.BLOCK_BYTES;
            scales[b] = Q8Blocks.scale(blocks, at);
            System.arraycopy(blocks, at + 2, q, b * Q8Blocks.BLOCK, Q8Blocks.BLOCK);
        }
        return new Q8Matrix(rows, cols, q, scales);
    }

    /** Bytes held: one per weight and four per block scale. */
    long bytes() {
        return q.length + 4L * scales.length;
    }

    /** {@code out[0..rows) = W x} with the Vector API. */
    void matVec(float[] x, float[] out) {
        check(x, out);
        int perRow = cols / Q8Blocks.BLOCK;
        for (int r = 0; r < rows; r++) {
            FloatVector acc = FloatVector.zero(S);
            int base = r * cols;
            for (int b = 0; b < perRow; b++) {
                int at = b * Q8Blocks.BLOCK;
                FloatVector block = FloatVector.zero(S);
                for (int j = 0; j < Q8Blocks.BLOCK; j += LANES) {
                    FloatVector w = (FloatVector) ByteVector.fromArray(B, q, base + at + j)
                            .convertShape(VectorOperators.B2F, S, 0);
                    block = w.fma(FloatVector.fromArray(S, x, at + j), block);
                }
                acc = block.fma(FloatVector.broadcast(S, scales[r * perRow + b]), acc);
            }
            out[r] = acc.reduceLanes(VectorOperators.ADD);
        }
    }

    /** {@link #matVec} in plain loops. */
    void matVecScalar(float[] x, float[] out) {
        check(x, out);
        int perRow = cols / Q8Blocks.BLOCK;
        for (int r = 0; r < rows; r++) {
            float sum = 0;
            for (int b = 0; b < perRow; b++) {
                int at = r * cols + b * Q8Blocks.BLOCK;
                float block = 0;
                for (int j = 0; j < Q8Blocks.BLOCK; j++) {
                    block += q[at + j] * x[b * Q8Blocks.BLOCK + j];
                }
                sum += scales[r * perRow + b] * block;
            }
            out[r] = sum;
        }
    }

    private void check(float[] x, float[] out) {
        if (x.length < cols || out.length < rows) {
            throw new IllegalArgumentException("W is (" + rows + ", " + cols + "): x needs "
                    + cols + " values and out " + rows + ", got " + x.length + " and "
                    + out.length + ".");
        }
    }
}
