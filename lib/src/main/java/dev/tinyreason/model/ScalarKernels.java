package dev.tinyreason.model;

import dev.tinyreason.tensor.Q8Blocks;
import java.util.Arrays;

/**
 * {@link DecodeKernels} as plain loops: the fallback when the JVM has no Vector API module.
 * The matrix–vector product walks four rows at once, so that four independent sums keep the
 * CPU's adders busy (one running sum waits on the previous add at every step).
 */
final class ScalarKernels implements DecodeKernels {

    static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {}

    /**
     * Four rows' dot products with token {@code xt} over columns {@code from..cols-1}, added to
     * the partial sums {@code s0..s3} (those of the columns before), then written to
     * {@code out[o..o+3]}. The whole product in the scalar kernel ({@code from} 0); the columns
     * past the last whole vector in {@link VectorKernels}.
     */
    static void finishFourRows(float[] w, int b0, int cols, float[] x, int xt, int from,
            float s0, float s1, float s2, float s3, float[] out, int o) {
        int b1 = b0 + cols;
        int b2 = b1 + cols;
        int b3 = b2 + cols;
        for (int c = from; c < cols; c++) {
            float xc = x[xt + c];
            s0 += w[b0 + c] * xc;
            s1 += w[b1 + c] * xc;
            s2 += w[b2 + c] * xc;
            s3 += w[b3 + c] * xc;
        }
        out[o] = s0;
        out[o + 1] = s1;
        out[o + 2] = s2;
        out[o + 3] = s3;
    }

    @Override
    public void matMulRows(float[] w, int from, int to, int cols, float[] x, int tokens,
            float[] out, int outRows) {
        int r = from;
        for (; r + 4 <= to; r += 4) {
            for (int t = 0; t < tokens; t++) {   // the four rows stay in cache for every token
                finishFourRows(w, r * cols, cols, x, t * cols, 0, 0, 0, 0, 0, out,
                        t * outRows + r);
            }
        }
        for (; r < to; r++) {
            for (int t = 0; t < tokens; t++) {
                float s = 0;
                for (int c = 0; c < cols; c++) {
                    s += w[r * cols + c] * x[t * cols + c];
                }
                out[t * outRows + r] = s;
            }
        }
    }

    @Override
    public void matMulRowsQ8(byte[] q, float[] scales, int from, int to, int cols, float[] x,
            int tokens, float[] out, int outRows) {
        int perRow = cols / Q8Blocks.BLOCK;
        for (int r = from; r < to; r++) {
            for (int t = 0; t < tokens; t++) {
                float sum = 0;
                for (int b = 0; b < perRow; b++) {
                    int at = b * Q8Blocks.BLOCK;
                    float block = 0;
                    for (int j = 0; j < Q8Blocks.BLOCK; j++) {
                        block += q[r * cols + at + j] * x[t * cols + at + j];
                    }
                    sum += scales[r * perRow + b] * block;
                }
                out[t * outRows + r] = sum;
            }
        }
    }

    /** Position-major loops: the transposed keys and the values are both read in order. */
    @Override
    public void attend(float[] q, int qAt, float[] keysT, int kAt, int capacity, float[] values,
            int vAt, int keys, int hd, float[] scores, float[] out, int outAt) {
        Arrays.fill(scores, 0, keys, 0f);
        for (int d = 0; d < hd; d++) {
            float qd = q[qAt + d];
            int row = kAt + d * capacity;
            for (int t = 0; t < keys; t++) {
                scores[t] += qd * keysT[row + t];
            }
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int t = 0; t < keys; t++) {
            max = Math.max(max, scores[t]);
        }
        double sum = 0;
        for (int t = 0; t < keys; t++) {
            scores[t] = (float) Math.exp(scores[t] - max);
            sum += scores[t];
        }
        float inv = (float) (1 / sum);
        Arrays.fill(out, outAt, outAt + hd, 0f);
        for (int t = 0; t < keys; t++) {
            float p = scores[t] * inv;
            int row = vAt + t * hd;
            for (int i = 0; i < hd; i++) {
                out[outAt + i] += p * values[row + i];
            }
        }
    }

    @Override
    public void add(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += x[i];
        }
    }

    @Override
    public double sumExp(float[] x, int at, int n, float shift) {
        double s = 0;
        for (int i = at; i < at + n; i++) {
            s += Math.exp(x[i] - shift);
        }
        return s;
    }

    @Override
    public void siluMul(float[] gu, int tokens, int f, float[] out) {
        for (int t = 0; t < tokens; t++) {
            for (int i = 0; i < f; i++) {
                float g = gu[2 * f * t + i];
                out[f * t + i] = g / (1f + (float) Math.exp(-g)) * gu[2 * f * t + f + i];
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
