package dev.tinyreason.train.grpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.train.grpo.PolicyGradientToy.Estimator;
import org.junit.jupiter.api.Test;

class PolicyGradientToyTest {

    static final double[] REWARDS = {1.0, 0.1, 0.1, 0.1, 0, 0};
    static final double[] SHIFTED = {2.0, 1.1, 1.1, 1.1, 1, 1};
    static final double[] LOGITS = {0, 1.5, 1.5, 1.5, 0, 0};

    @Test
    void everyEstimatorLearnsTheBestAnswer() {
        for (Estimator e : Estimator.values()) {
            double[] p = PolicyGradientToy.meanRun(REWARDS, LOGITS, e, 8, 200, 1.0, 20);
            assertTrue(p[0] < 0.1 && p[200] > 0.9, e + ": " + p[0] + " -> " + p[200]);
        }
    }

    @Test
    void aBaselineKeepsTheMeanAndCutsTheNoise() {
        double[] plain = PolicyGradientToy.gradientNoise(SHIFTED, LOGITS, Estimator.REINFORCE,
                8, 20_000, 1);
        double[] base = PolicyGradientToy.gradientNoise(SHIFTED, LOGITS, Estimator.BASELINE,
                8, 20_000, 1);
        assertEquals(plain[0], base[0], 0.01, "same expected gradient");
        assertTrue(base[1] < plain[1] / 2, "std " + plain[1] + " vs " + base[1]);
    }

    @Test
    void groupAdvantagesIgnoreAShiftOfEveryReward() {
        double[] a = PolicyGradientToy.run(REWARDS, LOGITS, Estimator.GROUP, 8, 50, 0.5, 7);
        double[] b = PolicyGradientToy.run(SHIFTED, LOGITS, Estimator.GROUP, 8, 50, 0.5, 7);
        for (int s = 0; s <= 50; s++) {
            assertEquals(a[s], b[s], 1e-9, "step " + s);
        }
    }

    @Test
    void badShapesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> PolicyGradientToy.run(
                new double[] {1, 0}, new double[] {0}, Estimator.GROUP, 8, 5, 0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> PolicyGradientToy.run(
                REWARDS, LOGITS, Estimator.GROUP, 1, 5, 0.1, 1));
    }
}
