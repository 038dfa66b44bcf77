package dev.tinyreason.model;

import dev.tinyreason.tensor.Q8Blocks;

/**
 * A weight matrix {@code (rows, cols)} held as llama.cpp's {@code Q8_0} ({@link Q8Blocks}):
 * one signed byte per weight and one scale per block of 32, a quarter of the float matrix's
 * memory, which is what a matrix-vector product at batch 1 spends its time reading.
 *
 * <p>{@link #multiply} computes {@code x @ W^T} without widening W first
 * ({@link DecodeKernels#matMulRowsQ8}): per block, the 32 bytes become floats in registers and
 * meet x in fused multiply-adds, and the block's sum is scaled once,
 * {@code Σ_b d_b · Σ_j q_bj · x_bj}. The result equals the product with the dequantised matrix
 * up to float rounding; its distance from the float matrix's product is the quantisation
 * error, at most {@code Σ_b d_b / 2 · Σ_j |x_bj|} per output.
 *
 * @param q      (rows, cols) quantised values
 * @param scales (rows, cols / 32) block scales, widened from half once
 */
record Q8Matrix(int rows, int cols, byte[] q, float[] scales) implements Projection {

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

    @Override
    public void multiply(DecodeKernels kernels, float[] x, int tokens, float[] out, int from,
            int to) {
        if (x.length < tokens * cols || out.length < tokens * rows) {
            throw new IllegalArgumentException("W is (" + rows + ", " + cols + "): " + tokens
                    + " tokens need " + tokens * cols + " inputs and " + tokens * rows
                    + " outputs, got " + x.length + " and " + out.length + ".");
        }
        kernels.matMulRowsQ8(q, scales, from, to, cols, x, tokens, out, rows);
    }

    /** The row dequantised, {@code d_b · q_bj}: the values the products multiply by. */
    @Override
    public void copyRow(int r, float[] out, int at) {
        int perRow = cols / Q8Blocks.BLOCK;
        for (int c = 0; c < cols; c++) {
            out[at + c] = scales[r * perRow + c / Q8Blocks.BLOCK] * q[r * cols + c];
        }
    }

    /** The Q8 kernels take any row range; four keeps a share's rows in whole kernel passes. */
    @Override
    public int rowBlock(DecodeKernels kernels, int tokens) {
        return 4;
    }
}
