package dev.tinyreason.grade.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tinyreason.grade.Hint;
import dev.tinyreason.grade.Submission;
import dev.tinyreason.trm.TrmReference;
import java.util.Random;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests for {@link LatentRecursion}; run by the grader against any implementation. */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class LatentRecursionTests {

    /** A toy network that tells its two arguments apart: f(h, inj) = h / 2 + 10 * inj. */
    private static final BinaryOperator<float[][]> F = (h, inj) -> {
        float[][] out = new float[h.length][h[0].length];
        for (int i = 0; i < h.length; i++) {
            for (int k = 0; k < h[0].length; k++) {
                out[i][k] = h[i][k] / 2 + 10 * inj[i][k];
            }
        }
        return out;
    };

    private static float[][] v(float value) {
        return new float[][] {{value}};
    }

    @Test
    @Order(1)
    @Hint("With n = 1: z = f(z, y + x) first, then y = f(y, z) with the new z.")
    void oneLatentUpdateThenTheAnswer(LatentRecursion impl) {
        // x=1, y=2, z=4: z = 4/2 + 10*(2+1) = 32; y = 2/2 + 10*32 = 321.
        TrmReference.State s = impl.recursion(F, v(1), new TrmReference.State(v(2), v(4)), 1);
        assertArrayEquals(new float[] {32f}, s.z()[0], 1e-4f, "z after one latent update");
        assertArrayEquals(new float[] {321f}, s.y()[0], 1e-4f, "y after the answer update");
    }

    @Test
    @Order(2)
    @Hint("Repeat the latent update n times before updating y once.")
    void nLatentUpdates(LatentRecursion impl) {
        // z: 4 -> 32 -> 46 -> 53; y = 1 + 530 = 531.
        TrmReference.State s = impl.recursion(F, v(1), new TrmReference.State(v(2), v(4)), 3);
        assertArrayEquals(new float[] {53f}, s.z()[0], 1e-4f, "z after three latent updates");
        assertArrayEquals(new float[] {531f}, s.y()[0], 1e-4f, "y after the answer update");
    }

    @Test
    @Order(3)
    @Hint("The answer update sees only y and z: y = f(y, z), no x.")
    void theAnswerUpdateLeavesXOut(LatentRecursion impl) {
        // x=100: z = 0/2 + 10*(0+100) = 1000; y = 0/2 + 10*1000 = 10000 (not 10*(1000+100)).
        TrmReference.State s = impl.recursion(F, v(100), new TrmReference.State(v(0), v(0)), 1);
        assertArrayEquals(new float[] {10000f}, s.y()[0], 1e-2f, "y with x = 100");
    }

    @Test
    @Order(4)
    @Hint("Build new arrays; do not write into x, y or z.")
    void leavesTheInputsUnchanged(LatentRecursion impl) {
        float[][] x = v(1);
        float[][] y = v(2);
        float[][] z = v(4);
        TrmReference.State s = impl.recursion(F, x, new TrmReference.State(y, z), 2);
        assertArrayEquals(new float[] {1f}, x[0], "x was modified");
        assertArrayEquals(new float[] {2f}, y[0], "y was modified");
        assertArrayEquals(new float[] {4f}, z[0], "z was modified");
        assertArrayEquals(new float[] {46f}, s.z()[0], 1e-4f, "z after two latent updates");
    }

    @Test
    @Order(5)
    @Hint("Add y and x cell by cell and feature by feature for the injection.")
    void agreesWithTheLibraryOnRandomBoards(LatentRecursion impl) {
        Random r = new Random(9);
        BinaryOperator<float[][]> tanh = (h, inj) -> {
            float[][] out = new float[h.length][h[0].length];
            for (int i = 0; i < h.length; i++) {
                for (int k = 0; k < h[0].length; k++) {
                    out[i][k] = (float) Math.tanh(0.7 * h[i][k] + 1.3 * inj[i][k] + 0.1 * k);
                }
            }
            return out;
        };
        for (int trial = 0; trial < 20; trial++) {
            int cells = 1 + r.nextInt(6);
            int d = 1 + r.nextInt(5);
            float[][] x = random(r, cells, d);
            TrmReference.State s = new TrmReference.State(random(r, cells, d), random(r, cells, d));
            int n = 1 + r.nextInt(4);
            TrmReference.State want = LatentRecursion.REFERENCE.recursion(tanh, x, s, n);
            TrmReference.State got = impl.recursion(tanh, x, s, n);
            for (int i = 0; i < cells; i++) {
                assertArrayEquals(want.z()[i], got.z()[i], 1e-5f, "z, trial " + trial + ", cell " + i);
                assertArrayEquals(want.y()[i], got.y()[i], 1e-5f, "y, trial " + trial + ", cell " + i);
            }
        }
    }

    private static float[][] random(Random r, int rows, int cols) {
        float[][] a = new float[rows][cols];
        for (float[] row : a) {
            for (int k = 0; k < cols; k++) {
                row[k] = (float) r.nextGaussian();
            }
        }
        return a;
    }
}
