package dev.tinyreason.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DecodeKernels#matMulT} on the Vector API: the product of a batch step, {@code x @ w^T}
 * for many tokens at once, from weights packed in panels ({@link DecodeKernels#pack}). Only
 * {@link VectorKernels} names this class (loading it needs {@code jdk.incubator.vector}).
 *
 * <p>Why this shape: at batch 1 the product is one dot product per output row
 * ({@link VectorKernels#matMulRows}), and each needs a sum across the vector's lanes at the end.
 * With many tokens it pays to turn the loop inside out, as GEMM libraries do (the BLIS
 * micro-kernel): broadcast one token's value across a vector of output rows and multiply-add
 * it with a panel slice, so no lane sum is ever needed, and keep a tile of 4 tokens by 2
 * vectors of rows in eight registers, so each loaded weight slice serves four tokens.
 */
final class VectorGemm {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = S.length();

    private VectorGemm() {}

    /**
     * Output rows in blocks of two vectors (16 with AVX2) against tokens in blocks of four:
     * eight accumulators, and per input column two weight loads and four broadcasts feed
     * eight fused multiply-adds (a GEMM micro-kernel, as in BLIS).
     */
    static int matMulT(float[] panels, int cols, float[] x, int tokens, float[] out, int rows,
            int from, int to) {
        int block = 2 * LANES;
        int r = from;
        for (; r + block <= to; r += block) {
            int panel = r * cols;
            int t = 0;
            for (; t + 4 <= tokens; t += 4) {
                int x0 = t * cols;
                int x1 = x0 + cols;
                int x2 = x1 + cols;
                int x3 = x2 + cols;
                FloatVector a00 = FloatVector.zero(S);
                FloatVector a01 = a00;
                FloatVector a10 = a00;
                FloatVector a11 = a00;
                FloatVector a20 = a00;
                FloatVector a21 = a00;
                FloatVector a30 = a00;
                FloatVector a31 = a00;
                for (int c = 0; c < cols; c++) {
                    int at = panel + c * block;
                    FloatVector w0 = FloatVector.fromArray(S, panels, at);
                    FloatVector w1 = FloatVector.fromArray(S, panels, at + LANES);
                    FloatVector b = FloatVector.broadcast(S, x[x0 + c]);
                    a00 = w0.fma(b, a00);
                    a01 = w1.fma(b, a01);
                    b = FloatVector.broadcast(S, x[x1 + c]);
                    a10 = w0.fma(b, a10);
                    a11 = w1.fma(b, a11);
                    b = FloatVector.broadcast(S, x[x2 + c]);
                    a20 = w0.fma(b, a20);
                    a21 = w1.fma(b, a21);
                    b = FloatVector.broadcast(S, x[x3 + c]);
                    a30 = w0.fma(b, a30);
                    a31 = w1.fma(b, a31);
                }
                int o = t * rows + r;
                a00.intoArray(out, o);
                a01.intoArray(out, o + LANES);
                a10.intoArray(out, o + rows);
                a11.intoArray(out, o + rows + LANES);
                a20.intoArray(out, o + 2 * rows);
                a21.intoArray(out, o + 2 * rows + LANES);
                a30.intoArray(out, o + 3 * rows);
                a31.intoArray(out, o + 3 * rows + LANES);
            }
            for (; t < tokens; t++) {
                int xt = t * cols;
                FloatVector a0 = FloatVector.zero(S);
                FloatVector a1 = a0;
                for (int c = 0; c < cols; c++) {
                    int at = panel + c * block;
                    FloatVector b = FloatVector.broadcast(S, x[xt + c]);
                    a0 = FloatVector.fromArray(S, panels, at).fma(b, a0);
                    a1 = FloatVector.fromArray(S, panels, at + LANES).fma(b, a1);
                }
                a0.intoArray(out, t * rows + r);
                a1.intoArray(out, t * rows + r + LANES);
            }
        }
        return r;
    }
}
