package dev.tinyreason.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogSoftmaxTest {

    @Test
    void aRowInsideAFlatMatrixIsReadFromItsOffset() {
        float[] rows = {9, 9, 0, (float) Math.log(3), 7};   // row of 2 at offset 2
        double[] l = LogSoftmax.of(rows, 2, 2);
        assertEquals(Math.log(0.25), l[0], 1e-7);
        assertEquals(Math.log(0.75), l[1], 1e-7);
        assertEquals(1, LogSoftmax.argmax(rows, 2, 2));
    }

    @Test
    void klOfTheWorkedExample() {
        // p = (1/2, 1/2), q = (3/4, 1/4): KL = ½ ln(2/3) + ½ ln 2 = ½ ln(4/3)
        float[] p = {0, 0};
        float[] q = {5, (float) Math.log(3), 0};
        assertEquals(0.5 * Math.log(4.0 / 3), LogSoftmax.klDivergence(p, 0, q, 1, 2), 1e-7);
    }

    @Test
    void hugeLogitsStayFinite() {
        float[] x = {1e30f, 1e30f, -1e30f};
        double[] l = LogSoftmax.of(x, 0, 3);
        assertEquals(Math.log(0.5), l[0], 1e-12);
        assertEquals(0, LogSoftmax.klDivergence(x, 0, x, 0, 3));
    }
}
