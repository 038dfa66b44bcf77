package dev.tinyreason.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.tensor.Q8Blocks;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Q8_0 matrix-vector product: equal to the product with the dequantised matrix (float
 * rounding), within the quantisation bound of the float matrix's product, the same from the
 * Vector API and the plain loops ({@link DecodeKernels#matMulRowsQ8}) for any row range and
 * token count, and a quarter of the memory.
 */
class Q8MatrixTest {

    static final int ROWS = 40;
    static final int COLS = 256;

    static float[] random(int n, Random rng, double std) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (std * rng.nextGaussian());
        }
        return v;
    }

    @Test
    void productMatchesTheDequantisedMatrixAndStaysWithinTheQuantisationBound() {
        Random rng = new Random(4);
        float[] w = random(ROWS * COLS, rng, 0.05);
        w[77] = 1.5f;  // an outlier in row 0, block 2
        float[] x = random(COLS, rng, 1);
        Q8Matrix m = Q8Matrix.quantize(w, ROWS, COLS);
        byte[] blocks = Q8Blocks.quantize(w);
        float[] dq = Q8Blocks.dequantize(blocks, 0, w.length);
        float[] vec = new float[ROWS];
        float[] scalar = new float[ROWS];
        m.multiply(DecodeKernels.select(true), x, 1, vec, 0, ROWS);
        m.multiply(DecodeKernels.scalar(), x, 1, scalar, 0, ROWS);
        for (int r = 0; r < ROWS; r++) {
            double exact = 0;
            double onDequantised = 0;
            double bound = 0;
            for (int c = 0; c < COLS; c++) {
                exact += (double) w[r * COLS + c] * x[c];
                onDequantised += (double) dq[r * COLS + c] * x[c];
                bound += Q8Blocks.scale(blocks, (r * COLS + c) / 32 * 34) / 2 * Math.abs(x[c]);
            }
            assertEquals(onDequantised, vec[r], 1e-4, "row " + r + " (Vector API)");
            assertEquals(onDequantised, scalar[r], 1e-4, "row " + r + " (loops)");
            assertTrue(Math.abs(vec[r] - exact) <= bound * 1.01 + 1e-6, "row " + r + ": error "
                    + Math.abs(vec[r] - exact) + " beyond the bound " + bound);
        }
        assertEquals(ROWS * COLS + 4L * ROWS * COLS / 32, m.bytes());
        assertTrue(m.bytes() < 0.3 * 4 * ROWS * COLS);
    }

    /**
     * Several tokens and a share of the rows that starts and ends off the four-row passes (as
     * one thread's share): each entry is that token's product with that row, nothing outside
     * the range is written, and a row looked up (an embedding) is the dequantised row.
     */
    @Test
    void anyRowRangeAndTokenCountGivesEachTokensProductAndRowsDequantise() {
        Random rng = new Random(5);
        int rows = 13;
        int cols = 96;
        int tokens = 3;
        float[] w = random(rows * cols, rng, 0.1);
        float[] x = random(tokens * cols, rng, 1);
        Q8Matrix m = Q8Matrix.quantize(w, rows, cols);
        float[] dq = Q8Blocks.dequantize(Q8Blocks.quantize(w), 0, w.length);
        float[] row = new float[cols + 2];
        m.copyRow(7, row, 2);
        for (int c = 0; c < cols; c++) {
            assertEquals(dq[7 * cols + c], row[2 + c], 0f, "row 7, column " + c);
        }
        for (DecodeKernels k : new DecodeKernels[] {DecodeKernels.select(true),
                DecodeKernels.scalar()}) {
            float[] out = new float[tokens * rows];
            m.multiply(k, x, tokens, out, 2, 11);
            for (int t = 0; t < tokens; t++) {
                for (int r = 0; r < rows; r++) {
                    double want = 0;
                    for (int c = 0; c < cols; c++) {
                        want += (double) dq[r * cols + c] * x[t * cols + c];
                    }
                    String what = k.name() + " token " + t + " row " + r;
                    if (r < 2 || r >= 11) {
                        assertEquals(0f, out[t * rows + r], what + ": outside the range");
                    } else {
                        assertEquals(want, out[t * rows + r], 1e-4, what);
                    }
                }
            }
        }
    }

    @Test
    void rowsThatAreNotWholeBlocksAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Q8Matrix.quantize(new float[3 * 40], 3, 40));
        assertTrue(e.getMessage().contains("multiple of 32"), e.getMessage());
    }
}
