package dev.tinyreason.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The token log-prob pieces the trainers share, pinned by worked examples. */
class OpsTest {

    @Test
    void gatherTargetsPicksEachPositionsTargetAndTokenLogProbsIsItAfterLogSoftmax() {
        try (NDManager nd = NDManager.newBaseManager()) {
            // one row, two positions over a vocabulary of 3: p = (1/4, 1/4, 1/2), then (1, 0, 0)
            float ln = (float) Math.log(2);
            NDArray logits = nd.create(new float[] {0, 0, ln, 0, -1e9f, -1e9f},
                    new Shape(1, 2, 3));
            NDArray targets = Ops.ids(nd, new int[][] {{2, 0}});
            float[] picked = Ops.gatherTargets(logits, targets).toFloatArray();
            assertArrayEquals(new float[] {ln, 0}, picked);
            float[] lp = Ops.tokenLogProbs(logits, targets).toFloatArray();
            assertEquals(Math.log(0.5), lp[0], 1e-6);
            assertEquals(0, lp[1], 1e-6);
            assertArrayEquals(Ops.gatherTargets(logits.logSoftmax(2), targets).toFloatArray(),
                    lp);
        }
    }

    @Test
    void entropyIsLnVForUniformAndZeroForCertain() {
        try (NDManager nd = NDManager.newBaseManager()) {
            float third = (float) Math.log(1.0 / 3);
            NDArray logp = nd.create(new float[] {third, third, third, 0, -1e9f, -1e9f},
                    new Shape(1, 2, 3));
            float[] h = Ops.entropy(logp).toFloatArray();
            assertEquals(2, h.length);
            assertEquals(Math.log(3), h[0], 1e-6);
            assertEquals(0, h[1], 1e-6);
        }
    }
}
