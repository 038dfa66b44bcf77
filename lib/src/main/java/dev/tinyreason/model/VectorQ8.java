package dev.tinyreason.model;

import dev.tinyreason.tensor.Q8Blocks;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DecodeKernels#matMulRowsQ8} on the Vector API: the batch-1 product of the
 * {@link WeightFormat#Q8_0} decoder. Only {@link VectorKernels} names this class (loading it
 * needs {@code jdk.incubator.vector}).
 *
 * <p>Why this shape: W is never widened in memory, since reading a quarter of the bytes is the
 * point. Each block's bytes are loaded a vector of lanes at a time (8 or 16 bytes), widened to
 * floats in registers ({@code B2F}) and multiplied into a block sum; the block's scale then
 * enters once, with one more fused multiply-add into the row's total. Four rows run per pass,
 * as in {@link VectorKernels#matMulRows}: each slice of x is loaded once for four rows, and
 * the four independent chains hide the adds' latency.
 */
final class VectorQ8 {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = S.length();
    private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class,
            VectorShape.forBitSize(LANES * 8));
    private static final int BLOCK = Q8Blocks.BLOCK;

    private VectorQ8() {}

    static void matMulRows(byte[] q, float[] scales, int from, int to, int cols, float[] x,
            int tokens, float[] out, int outRows) {
        int perRow = cols / BLOCK;
        int r = from;
        for (; r + 4 <= to; r += 4) {
            int q0 = r * cols;
            int s0 = r * perRow;
            for (int t = 0; t < tokens; t++) {   // the four rows' bytes stay in cache
                int xt = t * cols;
                FloatVector a0 = FloatVector.zero(S);
                FloatVector a1 = a0;
                FloatVector a2 = a0;
                FloatVector a3 = a0;
                for (int b = 0; b < perRow; b++) {
                    int c = b * BLOCK;
                    FloatVector b0 = FloatVector.zero(S);
                    FloatVector b1 = b0;
                    FloatVector b2 = b0;
                    FloatVector b3 = b0;
                    for (int j = 0; j < BLOCK; j += LANES) {
                        FloatVector xv = FloatVector.fromArray(S, x, xt + c + j);
                        int at = q0 + c + j;
                        b0 = widen(q, at).fma(xv, b0);
                        b1 = widen(q, at + cols).fma(xv, b1);
                        b2 = widen(q, at + 2 * cols).fma(xv, b2);
                        b3 = widen(q, at + 3 * cols).fma(xv, b3);
                    }
                    a0 = b0.fma(FloatVector.broadcast(S, scales[s0 + b]), a0);
                    a1 = b1.fma(FloatVector.broadcast(S, scales[s0 + perRow + b]), a1);
                    a2 = b2.fma(FloatVector.broadcast(S, scales[s0 + 2 * perRow + b]), a2);
                    a3 = b3.fma(FloatVector.broadcast(S, scales[s0 + 3 * perRow + b]), a3);
                }
                int o = t * outRows + r;
                out[o] = a0.reduceLanes(VectorOperators.ADD);
                out[o + 1] = a1.reduceLanes(VectorOperators.ADD);
                out[o + 2] = a2.reduceLanes(VectorOperators.ADD);
                out[o + 3] = a3.reduceLanes(VectorOperators.ADD);
            }
        }
        for (; r < to; r++) {
            for (int t = 0; t < tokens; t++) {
                FloatVector acc = FloatVector.zero(S);
                for (int b = 0; b < perRow; b++) {
                    int c = b * BLOCK;
                    FloatVector block = FloatVector.zero(S);
                    for (int j = 0; j < BLOCK; j += LANES) {
                        block = widen(q, r * cols + c + j)
                                .fma(FloatVector.fromArray(S, x, t * cols + c + j), block);
                    }
                    acc = block.fma(FloatVector.broadcast(S, scales[r * perRow + b]), acc);
                }
                out[t * outRows + r] = acc.reduceLanes(VectorOperators.ADD);
            }
        }
    }

    /** LANES bytes from {@code at} as LANES floats. */
    private static FloatVector widen(byte[] q, int at) {
        return (FloatVector) ByteVector.fromArray(B, q, at)
                .convertShape(VectorOperators.B2F, S, 0);
    }
}
