package dev.tinyreason.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DecodeKernels} on the JDK's Vector API (JEP 414, incubating in Java 17): each loop
 * works on {@code SPECIES_PREFERRED} lanes at once (16 floats with AVX-512, 8 with AVX2) with
 * fused multiply-adds, and finishes the elements past the last whole vector one at a time. The
 * exponentials are the API's {@code EXP} lane operation (Intel's SVML on x86), a whole vector
 * per call instead of a {@link Math#exp} per element.
 *
 * <p>Only {@link DecodeKernels#select} names this class, and only when the module is present:
 * loading it on a JVM without {@code --add-modules jdk.incubator.vector} fails.
 *
 * <p>The matrix product takes four weight rows per pass, so each slice of a token is loaded
 * once for four rows and four independent accumulators hide the latency of the adds; on the
 * course's shapes that beats one row at a time with two accumulators (timed through the Java
 * decoder by {@code ./tinyreason bench --sampling}).
 */
final class VectorKernels implements DecodeKernels {

    static final VectorKernels INSTANCE = new VectorKernels();

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = S.length();

    private VectorKernels() {}

    @Override
    public void matMulRows(float[] w, int from, int to, int cols, float[] x, int tokens,
            float[] out, int outRows) {
        int whole = S.loopBound(cols);
        int r = from;
        for (; r + 4 <= to; r += 4) {
            int b0 = r * cols;
            int b1 = b0 + cols;
            int b2 = b1 + cols;
            int b3 = b2 + cols;
            for (int t = 0; t < tokens; t++) {   // the four rows stay in cache for every token
                int xt = t * cols;
                FloatVector a0 = FloatVector.zero(S);
                FloatVector a1 = a0;
                FloatVector a2 = a0;
                FloatVector a3 = a0;
                for (int c = 0; c < whole; c += LANES) {
                    FloatVector xv = FloatVector.fromArray(S, x, xt + c);
                    a0 = FloatVector.fromArray(S, w, b0 + c).fma(xv, a0);
                    a1 = FloatVector.fromArray(S, w, b1 + c).fma(xv, a1);
                    a2 = FloatVector.fromArray(S, w, b2 + c).fma(xv, a2);
                    a3 = FloatVector.fromArray(S, w, b3 + c).fma(xv, a3);
                }
                ScalarKernels.finishFourRows(w, b0, cols, x, xt, whole,
                        a0.reduceLanes(VectorOperators.ADD), a1.reduceLanes(VectorOperators.ADD),
                        a2.reduceLanes(VectorOperators.ADD), a3.reduceLanes(VectorOperators.ADD),
                        out, t * outRows + r);
            }
        }
        for (; r < to; r++) {
            for (int t = 0; t < tokens; t++) {
                out[t * outRows + r] = dot(w, r * cols, x, t * cols, cols);
            }
        }
    }

    /** The packed product: {@link VectorGemm}. */
    @Override
    public int matMulT(float[] panels, int rows, int cols, float[] x, int tokens, float[] out,
            int from, int to) {
        return VectorGemm.matMulT(panels, cols, x, tokens, out, rows, from, to);
    }

    /** The Q8_0 product: {@link VectorQ8}. */
    @Override
    public void matMulRowsQ8(byte[] q, float[] scales, int from, int to, int cols, float[] x,
            int tokens, float[] out, int outRows) {
        VectorQ8.matMulRows(q, scales, from, to, cols, x, tokens, out, outRows);
    }

    /** The width of {@link #matMulT}'s row blocks: two vectors. */
    @Override
    public int rowBlock() {
        return 2 * LANES;
    }

    private static float dot(float[] a, int aAt, float[] b, int bAt, int n) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            acc = FloatVector.fromArray(S, a, aAt + i).fma(FloatVector.fromArray(S, b, bAt + i),
                    acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += a[aAt + i] * b[bAt + i];
        }
        return s;
    }

    /**
     * Scores four vectors of positions per pass over the head's dimensions (four independent
     * accumulators: a multiply-add's latency is several cycles, and one chain would wait on
     * it), then the softmax, then the values four vectors of dimensions per pass over the
     * positions, odd and even positions in separate accumulators; the softmax's division is
     * applied once, to the output. Leftovers take two vectors, one, then single lanes.
     */
    @Override
    public void attend(float[] q, int qAt, float[] keysT, int kAt, int capacity, float[] values,
            int vAt, int keys, int hd, float[] scores, float[] out, int outAt) {
        int t = 0;
        for (; t + 4 * LANES <= keys; t += 4 * LANES) {   // four independent chains
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            for (int d = 0; d < hd; d++) {
                FloatVector qd = FloatVector.broadcast(S, q[qAt + d]);
                int row = kAt + d * capacity + t;
                a0 = FloatVector.fromArray(S, keysT, row).fma(qd, a0);
                a1 = FloatVector.fromArray(S, keysT, row + LANES).fma(qd, a1);
                a2 = FloatVector.fromArray(S, keysT, row + 2 * LANES).fma(qd, a2);
                a3 = FloatVector.fromArray(S, keysT, row + 3 * LANES).fma(qd, a3);
            }
            a0.intoArray(scores, t);
            a1.intoArray(scores, t + LANES);
            a2.intoArray(scores, t + 2 * LANES);
            a3.intoArray(scores, t + 3 * LANES);
        }
        for (; t + 2 * LANES <= keys; t += 2 * LANES) {
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            for (int d = 0; d < hd; d++) {
                FloatVector qd = FloatVector.broadcast(S, q[qAt + d]);
                int row = kAt + d * capacity + t;
                a0 = FloatVector.fromArray(S, keysT, row).fma(qd, a0);
                a1 = FloatVector.fromArray(S, keysT, row + LANES).fma(qd, a1);
            }
            a0.intoArray(scores, t);
            a1.intoArray(scores, t + LANES);
        }
        for (; t + LANES <= keys; t += LANES) {
            FloatVector a0 = FloatVector.zero(S);
            for (int d = 0; d < hd; d++) {
                a0 = FloatVector.fromArray(S, keysT, kAt + d * capacity + t)
                        .fma(FloatVector.broadcast(S, q[qAt + d]), a0);
            }
            a0.intoArray(scores, t);
        }
        for (; t < keys; t++) {
            float s = 0;
            for (int d = 0; d < hd; d++) {
                s += q[qAt + d] * keysT[kAt + d * capacity + t];
            }
            scores[t] = s;
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < keys; i++) {
            max = Math.max(max, scores[i]);
        }
        float inv = (float) (1 / expInPlace(scores, keys, max));
        weightedValues(scores, keys, values, vAt, hd, inv, out, outAt);
    }

    /** {@code out[i] = inv · Σ_t p[t] · values[vAt + t·hd + i]}, (keys) · (keys, hd) → (hd). */
    private static void weightedValues(float[] p, int keys, float[] values, int vAt, int hd,
            float inv, float[] out, int outAt) {
        int i = 0;
        for (; i + 4 * LANES <= hd; i += 4 * LANES) {   // eight chains: four vectors, odd/even t
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            FloatVector b0 = a0;
            FloatVector b1 = a0;
            FloatVector b2 = a0;
            FloatVector b3 = a0;
            int t = 0;
            for (; t + 2 <= keys; t += 2) {
                FloatVector pt = FloatVector.broadcast(S, p[t]);
                int row = vAt + t * hd + i;
                a0 = FloatVector.fromArray(S, values, row).fma(pt, a0);
                a1 = FloatVector.fromArray(S, values, row + LANES).fma(pt, a1);
                a2 = FloatVector.fromArray(S, values, row + 2 * LANES).fma(pt, a2);
                a3 = FloatVector.fromArray(S, values, row + 3 * LANES).fma(pt, a3);
                FloatVector pu = FloatVector.broadcast(S, p[t + 1]);
                int next = row + hd;
                b0 = FloatVector.fromArray(S, values, next).fma(pu, b0);
                b1 = FloatVector.fromArray(S, values, next + LANES).fma(pu, b1);
                b2 = FloatVector.fromArray(S, values, next + 2 * LANES).fma(pu, b2);
                b3 = FloatVector.fromArray(S, values, next + 3 * LANES).fma(pu, b3);
            }
            if (t < keys) {
                FloatVector pt = FloatVector.broadcast(S, p[t]);
                int row = vAt + t * hd + i;
                a0 = FloatVector.fromArray(S, values, row).fma(pt, a0);
                a1 = FloatVector.fromArray(S, values, row + LANES).fma(pt, a1);
                a2 = FloatVector.fromArray(S, values, row + 2 * LANES).fma(pt, a2);
                a3 = FloatVector.fromArray(S, values, row + 3 * LANES).fma(pt, a3);
            }
            a0.add(b0).mul(inv).intoArray(out, outAt + i);
            a1.add(b1).mul(inv).intoArray(out, outAt + i + LANES);
            a2.add(b2).mul(inv).intoArray(out, outAt + i + 2 * LANES);
            a3.add(b3).mul(inv).intoArray(out, outAt + i + 3 * LANES);
        }
        for (; i + 2 * LANES <= hd; i += 2 * LANES) {
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            for (int t = 0; t < keys; t++) {
                FloatVector pt = FloatVector.broadcast(S, p[t]);
                int row = vAt + t * hd + i;
                a0 = FloatVector.fromArray(S, values, row).fma(pt, a0);
                a1 = FloatVector.fromArray(S, values, row + LANES).fma(pt, a1);
            }
            a0.mul(inv).intoArray(out, outAt + i);
            a1.mul(inv).intoArray(out, outAt + i + LANES);
        }
        for (; i + LANES <= hd; i += LANES) {
            FloatVector a0 = FloatVector.zero(S);
            for (int t = 0; t < keys; t++) {
                a0 = FloatVector.fromArray(S, values, vAt + t * hd + i)
                        .fma(FloatVector.broadcast(S, p[t]), a0);
            }
            a0.mul(inv).intoArray(out, outAt + i);
        }
        for (; i < hd; i++) {
            float s = 0;
            for (int t = 0; t < keys; t++) {
                s += p[t] * values[vAt + t * hd + i];
            }
            out[outAt + i] = s * inv;
        }
    }

    @Override
    public void add(float[] x, float[] y, int n) {
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            FloatVector.fromArray(S, y, i).add(FloatVector.fromArray(S, x, i)).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] += x[i];
        }
    }

    @Override
    public double sumExp(float[] x, int at, int n, float shift) {
        FloatVector acc = FloatVector.zero(S);
        int i = at;
        int end = at + n;
        for (; i + LANES <= end; i += LANES) {
            acc = acc.add(FloatVector.fromArray(S, x, i).sub(shift)
                    .lanewise(VectorOperators.EXP));
        }
        double s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < end; i++) {
            s += Math.exp(x[i] - shift);
        }
        return s;
    }

    /** {@code x[i] = exp(x[i] - shift)} for i &lt; n; returns their sum. */
    private static double expInPlace(float[] x, int n, float shift) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            FloatVector e = FloatVector.fromArray(S, x, i).sub(shift)
                    .lanewise(VectorOperators.EXP);
            e.intoArray(x, i);
            acc = acc.add(e);
        }
        double s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            x[i] = (float) Math.exp(x[i] - shift);
            s += x[i];
        }
        return s;
    }

    @Override
    public void siluMul(float[] gu, int tokens, int f, float[] out) {
        for (int t = 0; t < tokens; t++) {
            int g0 = 2 * f * t;
            int o0 = f * t;
            int i = 0;
            for (; i + LANES <= f; i += LANES) {
                FloatVector g = FloatVector.fromArray(S, gu, g0 + i);
                FloatVector sigmoidDenominator = g.neg().lanewise(VectorOperators.EXP).add(1f);
                g.div(sigmoidDenominator).mul(FloatVector.fromArray(S, gu, g0 + f + i))
                        .intoArray(out, o0 + i);
            }
            for (; i < f; i++) {
                float g = gu[g0 + i];
                out[o0 + i] = g / (1f + (float) Math.exp(-g)) * gu[g0 + f + i];
            }
        }
    }

    @Override
    public String name() {
        return "vector (" + LANES + " lanes)";
    }
}
