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
 * <p>{@link JavaDecoder} multiplies by these when it is opened with
 * {@link Decoder.Weights#Q8_0} ({@link JavaBlocks}' linear layers).
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
        if (cols % Q8Blocks.BLOCK != 0) {
            throw new IllegalArgumentException("Q8_0 cuts each row into blocks of "
                    + Q8Blocks.BLOCK + " weights, so a row's length must be a multiple of "
                    + Q8Blocks.BLOCK + "; this (" + rows + ", " + cols + ") matrix's is not. "
                    + "Decode this model with fp32 weights (Decoder.Weights.FP32).");
        }
        byte[] blocks = Q8Blocks.quantize(w);
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
        matMulRows(x, 1, out, rows, 0, rows);
    }

    /** {@link #matVec} in plain loops. */
    void matVecScalar(float[] x, float[] out) {
        check(x, out);
        matMulRowsScalar(x, 1, out, rows, 0, rows);
    }

    /**
     * Rows {@code [from, to)} of {@code x @ W^T} for {@code tokens} rows of x (each
     * {@code cols} long, back to back): {@code out[t * outStride + r]}, the layout of
     * {@link DecodeKernels#matMulRows}. The Vector API widens each block's bytes in registers.
     */
    void matMulRows(float[] x, int tokens, float[] out, int outStride, int from, int to) {
        int perRow = cols / Q8Blocks.BLOCK;
        for (int t = 0; t < tokens; t++) {
            int xAt = t * cols;
            for (int r = from; r < to; r++) {
                FloatVector acc = FloatVector.zero(S);
                int base = r * cols;
                for (int b = 0; b < perRow; b++) {
                    int at = b * Q8Blocks.BLOCK;
                    FloatVector block = FloatVector.zero(S);
                    for (int j = 0; j < Q8Blocks.BLOCK; j += LANES) {
                        FloatVector w = (FloatVector) ByteVector.fromArray(B, q, base + at + j)
                                .convertShape(VectorOperators.B2F, S, 0);
                        block = w.fma(FloatVector.fromArray(S, x, xAt + at + j), block);
                    }
                    acc = block.fma(FloatVector.broadcast(S, scales[r * perRow + b]), acc);
                }
                out[t * outStride + r] = acc.reduceLanes(VectorOperators.ADD);
            }
        }
    }

    /** {@link #matMulRows} in plain loops: the oracle, and the path without the Vector API. */
    void matMulRowsScalar(float[] x, int tokens, float[] out, int outStride, int from, int to) {
        int perRow = cols / Q8Blocks.BLOCK;
        for (int t = 0; t < tokens; t++) {
            int xAt = t * cols;
            for (int r = from; r < to; r++) {
                float sum = 0;
                for (int b = 0; b < perRow; b++) {
                    int at = r * cols + b * Q8Blocks.BLOCK;
                    float block = 0;
                    for (int j = 0; j < Q8Blocks.BLOCK; j++) {
                        block += q[at + j] * x[xAt + b * Q8Blocks.BLOCK + j];
                    }
                    sum += scales[r * perRow + b] * block;
                }
                out[t * outStride + r] = sum;
            }
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
