package dev.tinyreason.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The SIMD kernels against the scalar ones on random data, at lengths around and between the
 * vector widths (8 and 16 lanes), so that both the vector loops and their scalar tails run.
 *
 * <p>The two sum in different orders, so a result may differ by float rounding: each check
 * allows 1e-5 of the sum of the absolute terms (the scale of the rounding error), not of the
 * result, which cancellation can make arbitrarily small.
 */
class DecodeKernelsTest {

    static final int[] LENGTHS = {1, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 100, 128, 130, 385};
    static final DecodeKernels SCALAR = DecodeKernels.scalar();
    static final DecodeKernels VECTOR = DecodeKernels.select(true);

    static float[] gaussian(Random rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return v;
    }

    @Test
    void theTestComparesTwoDifferentBuilds() {
        assertTrue(VECTOR.name().startsWith("vector"), VECTOR.name());
        assertEquals("scalar", SCALAR.name());
    }

    /**
     * The batched product from packed weights, finished by the row product past the last
     * whole block, equals the row product: every row and token count, ranges that start inside
     * the matrix (as one thread's share), nothing written outside the range.
     */
    @Test
    void packedMatMulPlusTheRowTailEqualsTheRowProductOnAnyRange() {
        Random rng = new Random(2);
        int block = VECTOR.rowBlock();
        for (int rows : new int[] {3, block, block + 5, 3 * block + 1}) {
            for (int cols : new int[] {1, 7, 64}) {
                for (int tokens : new int[] {1, 3, 4, 9}) {
                    float[] w = gaussian(rng, rows * cols);
                    float[] panels = DecodeKernels.pack(w, rows, cols, block);
                    float[] x = gaussian(rng, tokens * cols);
                    float[] want = new float[tokens * rows];
                    SCALAR.matMul(w, rows, cols, x, tokens, want);
                    int from = rows > block ? block : 0;
                    float[] got = new float[tokens * rows];
                    int r = VECTOR.matMulT(panels, rows, cols, x, tokens, got, from, rows);
                    assertTrue(r >= from && r <= rows && (r - from) % block == 0, "left at " + r);
                    VECTOR.matMulRows(w, r, rows, cols, x, tokens, got, rows);
                    for (int t = 0; t < tokens; t++) {
                        for (int q = 0; q < rows; q++) {
                            int o = t * rows + q;
                            String what = rows + "x" + cols + " tokens " + tokens + " [" + t
                                    + ", " + q + "]";
                            if (q < from) {
                                assertEquals(0f, got[o], what + ": outside the range");
                            } else {
                                assertEquals(want[o], got[o], 1e-4, what);
                            }
                        }
                    }
                    assertEquals(0, SCALAR.matMulT(panels, rows, cols, x, tokens, got, 0, rows),
                            "the scalar build leaves every row to matMulRows");
                }
            }
        }
    }

    @Test
    void matMulAgreesForEveryShapeIncludingLeftoverRowsAndColumns() {
        Random rng = new Random(1);
        for (int rows : new int[] {1, 3, 4, 5, 7, 9}) {
            for (int cols : LENGTHS) {
                for (int tokens : new int[] {1, 2, 5}) {
                    float[] w = gaussian(rng, rows * cols);
                    float[] x = gaussian(rng, tokens * cols);
                    float[] want = new float[tokens * rows + 1];   // one spare: left alone
                    float[] got = new float[tokens * rows + 1];
                    SCALAR.matMul(w, rows, cols, x, tokens, want);
                    VECTOR.matMul(w, rows, cols, x, tokens, got);
                    for (int t = 0; t < tokens; t++) {
                        for (int r = 0; r < rows; r++) {
                            double exact = 0;
                            double scale = 0;
                            for (int c = 0; c < cols; c++) {
                                exact += (double) w[r * cols + c] * x[t * cols + c];
                                scale += Math.abs(w[r * cols + c] * x[t * cols + c]);
                            }
                            String what = tokens + "x" + cols + " @ (" + rows + "x" + cols
                                    + ")^T [" + t + ", " + r + "]";
                            int o = t * rows + r;
                            assertEquals(exact, want[o], 1e-5 * scale, what + " scalar");
                            assertEquals(want[o], got[o], 1e-5 * scale, what);
                        }
                    }
                    assertEquals(0f, got[tokens * rows], "nothing written past the output");
                }
            }
        }
    }

    @Test
    void attendIsSoftmaxWeightedValuesOverTransposedKeys() {
        Random rng = new Random(2);
        int capacity = 150;
        for (int hd : new int[] {2, 12, 16, 32, 40, 64}) {
            for (int keys : new int[] {1, 2, 15, 16, 17, 33, 64, 100, 150}) {
                float[] q = gaussian(rng, 3 + hd);              // the query starts at 3
                float[][] k = new float[keys][];
                float[][] v = new float[keys][];
                float[] keysT = new float[5 + hd * capacity];   // (hd, capacity) from 5
                float[] values = new float[7 + capacity * hd];  // (capacity, hd) from 7
                for (int t = 0; t < keys; t++) {
                    k[t] = gaussian(rng, hd);
                    v[t] = gaussian(rng, hd);
                    for (int i = 0; i < hd; i++) {
                        keysT[5 + i * capacity + t] = k[t][i];
                        values[7 + t * hd + i] = v[t][i];
                    }
                }
                double[] want = attention(q, 3, k, v);
                float[] scalar = new float[hd + 4];
                float[] vector = new float[hd + 4];
                SCALAR.attend(q, 3, keysT, 5, capacity, values, 7, keys, hd,
                        new float[capacity], scalar, 4);
                VECTOR.attend(q, 3, keysT, 5, capacity, values, 7, keys, hd,
                        new float[capacity], vector, 4);
                for (int i = 0; i < hd; i++) {
                    String what = "hd=" + hd + " keys=" + keys + " i=" + i;
                    assertEquals(want[i], scalar[4 + i], 1e-5, what + " scalar");
                    assertEquals(want[i], vector[4 + i], 1e-5, what + " vector");
                }
                for (int i = 0; i < 4; i++) {
                    assertEquals(0f, vector[i], "nothing written before outAt");
                }
            }
        }
    }

    /** softmax(q·k_t) · v_t in double, from untransposed keys: the definition. */
    static double[] attention(float[] q, int qAt, float[][] k, float[][] v) {
        int hd = v[0].length;
        double[] s = new double[k.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < k.length; t++) {
            for (int i = 0; i < hd; i++) {
                s[t] += (double) q[qAt + i] * k[t][i];
            }
            max = Math.max(max, s[t]);
        }
        double sum = 0;
        for (int t = 0; t < k.length; t++) {
            s[t] = Math.exp(s[t] - max);
            sum += s[t];
        }
        double[] out = new double[hd];
        for (int t = 0; t < k.length; t++) {
            for (int i = 0; i < hd; i++) {
                out[i] += s[t] / sum * v[t][i];
            }
        }
        return out;
    }

    @Test
    void addAndSiluMulAgree() {
        Random rng = new Random(4);
        for (int n : LENGTHS) {
            float[] x = gaussian(rng, n);
            float[] y1 = gaussian(rng, n);
            float[] y2 = Arrays.copyOf(y1, n);
            SCALAR.add(x, y1, n);
            VECTOR.add(x, y2, n);
            assertArrayEquals(y1, y2, "add n=" + n);   // one rounding either way: exact

            int tokens = 3;
            float[] gu = gaussian(rng, tokens * 2 * n);
            for (int i = 0; i < gu.length; i++) {
                gu[i] *= 6;   // gates from -18 to 18: both tails of the sigmoid
            }
            float[] s1 = new float[tokens * n];
            float[] s2 = new float[tokens * n];
            SCALAR.siluMul(gu, tokens, n, s1);
            VECTOR.siluMul(gu, tokens, n, s2);
            for (int t = 0; t < tokens; t++) {
                for (int i = 0; i < n; i++) {
                    double g = gu[t * 2 * n + i];
                    double exact = g / (1 + Math.exp(-g)) * gu[t * 2 * n + n + i];
                    int o = t * n + i;
                    String what = "n=" + n + " token " + t + " i=" + i;
                    assertEquals(exact, s1[o], 1e-5 * Math.abs(exact) + 1e-30, what + " scalar");
                    assertEquals(s1[o], s2[o], 1e-5 * Math.abs(s1[o]) + 1e-30, what);
                }
            }
        }
    }

    @Test
    void sumExpAgreesWithMathExp() {
        Random rng = new Random(3);
        for (int n : LENGTHS) {
            float[] x = gaussian(rng, n);
            for (int i = 0; i < n; i++) {
                x[i] *= 8;   // logits spread over e^±24: a realistic softmax input
            }
            float shift = 5f;
            double exact = 0;
            for (int i = 0; i < n; i++) {
                exact += Math.exp(x[i] - shift);
            }
            assertEquals(exact, SCALAR.sumExp(x, 0, n, shift), 1e-5 * exact, "scalar n=" + n);
            assertEquals(exact, VECTOR.sumExp(x, 0, n, shift), 1e-5 * exact, "vector n=" + n);
        }
    }

    @Test
    void withoutTheVectorModuleTheScalarBuildIsChosen() {
        assertSame(DecodeKernels.scalar(), DecodeKernels.select(false));
    }
}
