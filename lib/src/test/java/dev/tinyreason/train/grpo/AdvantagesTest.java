package dev.tinyreason.train.grpo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Group-relative advantages against hand-computed values. */
class AdvantagesTest {

    @Test
    void centredOnTheGroupAndScaledByItsUnbiasedStd() {
        double[] r = {1, 0, 0, 1, 0.1, 0.1, 0.1, 0.1};
        double[] a = Advantages.compute(r, 4, Advantages.Scale.GROUP);
        double std = Math.sqrt(4 * 0.25 / 3);  // unbiased std of {1, 0, 0, 1}
        double want = 0.5 / (std + Advantages.EPS);
        assertArrayEquals(new double[] {want, -want, -want, want, 0, 0, 0, 0}, a, 1e-12);
        assertEquals(0.5, Advantages.fracZeroStd(r, 4), 1e-12, "the second group is flat");
        assertTrue(Advantages.isFlat(r, 4, 1));
    }

    @Test
    void drGrpoOnlyCentres() {
        double[] a = Advantages.compute(new double[] {1, 0.1, 0, 0.1}, 2, Advantages.Scale.NONE);
        assertArrayEquals(new double[] {0.45, -0.45, -0.05, 0.05}, a, 1e-12);
    }

    @Test
    void batchScaleUsesOneStdForAll() {
        double[] r = {1, 0, 0.1, 0.1};
        double mean = 0.3;
        double std = Math.sqrt(((0.7 * 0.7) + (0.3 * 0.3) + 2 * (0.2 * 0.2)) / 3);
        double[] a = Advantages.compute(r, 2, Advantages.Scale.BATCH);
        assertEquals(0.5 / (std + Advantages.EPS), a[0], 1e-12);
        assertEquals(0.0, a[2], 1e-12);
        assertEquals(mean, (r[0] + r[1] + r[2] + r[3]) / 4, 1e-12);
    }

    @Test
    void partialGroupsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Advantages.compute(new double[] {1, 2, 3}, 2, Advantages.Scale.GROUP));
        assertTrue(e.getMessage().contains("whole groups"), e.getMessage());
    }
}
