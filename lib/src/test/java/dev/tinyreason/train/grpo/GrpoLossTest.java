package dev.tinyreason.train.grpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** The clipped objective against a plain-Java transcription of TRL's formulas. */
class GrpoLossTest {

    static final int B = 3;
    static final int T = 4;
    static final float[] LOGP = {-1.0f, -0.5f, -2.0f, -0.1f, -0.3f, -1.2f, -0.7f, -0.9f,
        -2.5f, -0.2f, -0.4f, -1.1f};
    static final float[] OLD = {-1.3f, -0.5f, -1.5f, -0.1f, -0.1f, -1.6f, -0.7f, -0.2f,
        -2.0f, -0.3f, -0.4f, -1.0f};
    static final float[] REF = {-1.1f, -0.6f, -1.9f, -0.2f, -0.3f, -1.0f, -0.8f, -0.9f,
        -2.4f, -0.2f, -0.5f, -1.1f};
    static final float[] MASK = {0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 0};
    static final float[] ADV = {1.5f, -0.8f, 0.3f};

    /** Per-token loss by the formulas, in doubles. */
    static double[] perToken(GrpoLoss.Config c) {
        double[] out = new double[B * T];
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                int i = b * T + t;
                double ratio = Math.exp(LOGP[i] - OLD[i]);
                double clipped = Math.min(Math.max(ratio, 1 - c.epsilon()), 1 + c.epsilonHigh());
                double loss = -Math.min(ratio * ADV[b], clipped * ADV[b]);
                double d = REF[i] - LOGP[i];
                out[i] = loss + c.beta() * (Math.exp(d) - d - 1);
            }
        }
        return out;
    }

    static double expected(GrpoLoss.Config c, int maxLen) {
        double[] l = perToken(c);
        double total = 0;
        double count = 0;
        double seqMeans = 0;
        for (int b = 0; b < B; b++) {
            double s = 0;
            double n = 0;
            for (int t = 0; t < T; t++) {
                s += l[b * T + t] * MASK[b * T + t];
                n += MASK[b * T + t];
            }
            total += s;
            count += n;
            seqMeans += s / n;
        }
        return switch (c.aggregation()) {
            case GRPO -> seqMeans / B;
            case DAPO -> total / count;
            case DR_GRPO -> total / (B * maxLen);
        };
    }

    static GrpoLoss.Result run(NDManager m, GrpoLoss.Config c, NDArray logp) {
        return GrpoLoss.compute(logp, m.create(OLD, new Shape(B, T)),
                m.create(REF, new Shape(B, T)), m.create(ADV), m.create(MASK, new Shape(B, T)),
                6, c);
    }

    @Test
    void everyAggregationMatchesTheFormulas() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (GrpoLoss.Aggregation agg : GrpoLoss.Aggregation.values()) {
                for (double beta : new double[] {0, 0.04}) {
                    GrpoLoss.Config c = new GrpoLoss.Config(0.2, 0.28, beta, agg);
                    double got = run(m, c, m.create(LOGP, new Shape(B, T))).loss().getFloat();
                    assertEquals(expected(c, 6), got, 1e-5, agg + " beta " + beta);
                }
            }
        }
    }

    @Test
    void theExerciseReferenceIsTheLibraryLossOfOneSequence() {
        double[] logp = {-1.2, -0.3, -2.0, -0.9};
        double[] old = {-1.0, -0.6, -1.7, -0.9};
        for (double adv : new double[] {1.3, -0.8}) {
            try (NDManager m = NDManager.newBaseManager()) {
                float[] lp = new float[logp.length];
                float[] ol = new float[logp.length];
                for (int t = 0; t < lp.length; t++) {
                    lp[t] = (float) logp[t];
                    ol[t] = (float) old[t];
                }
                Shape s = new Shape(1, logp.length);
                double lib = GrpoLoss.compute(m.create(lp, s), m.create(ol, s), null,
                        m.create(new float[] {(float) adv}), m.ones(s), logp.length,
                        GrpoLoss.Config.dapo()).loss().getFloat();
                double ex = dev.tinyreason.grade.exercises.ClippedObjective.REFERENCE.loss(logp,
                        old, adv, 0.2, 0.28);
                assertEquals(lib, ex, 1e-6, "advantage " + adv);
            }
        }
    }

    @Test
    void clipMetricsCountTokensOutsideTheTrustRegion() {
        // ratios: token (0,2) exp(-0.5) < 0.8 but A > 0: not low-clipped;
        // (1,7) exp(-0.7) < 0.8 with A < 0: low-clipped; (2,8) exp(-0.5), A > 0: no;
        // (1,6) ratio 1. High: (0,1)? ratio 1. (2,9) exp(0.1) = 1.105 < 1.28: no.
        try (NDManager m = NDManager.newBaseManager()) {
            GrpoLoss.Result r = run(m, GrpoLoss.Config.dapo(), m.create(LOGP, new Shape(B, T)));
            assertEquals(1.0 / 8, r.clipLowRatio(), 1e-6, "one of 8 completion tokens");
            assertEquals(0.0, r.clipHighRatio(), 1e-6);
        }
    }

    @Test
    void aTokenAboveTheHighClipWithAPositiveAdvantageIsCounted() {
        float[] logp = LOGP.clone();
        logp[1] = -0.2f;  // old -0.5: ratio e^0.3 = 1.35 > 1 + 0.28, in a row with A = 1.5
        try (NDManager m = NDManager.newBaseManager()) {
            GrpoLoss.Result r = run(m, GrpoLoss.Config.dapo(), m.create(logp, new Shape(B, T)));
            assertEquals(1.0 / 8, r.clipHighRatio(), 1e-6, "one of 8 completion tokens");
            assertEquals(1.0 / 8, r.clipLowRatio(), 1e-6, "the low one is still (1,7)");
        }
    }

    @Test
    void atRatioOneTheGradientIsMinusTheAdvantage() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logp = m.create(LOGP, new Shape(B, T));
            logp.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = GrpoLoss.compute(logp, logp.duplicate(), null, m.create(ADV),
                        m.create(MASK, new Shape(B, T)), 6, GrpoLoss.Config.dapo()).loss();
                gc.backward(loss);
            }
            float[] g = logp.getGradient().toFloatArray();
            for (int b = 0; b < B; b++) {
                for (int t = 0; t < T; t++) {
                    double want = MASK[b * T + t] == 0 ? 0 : -ADV[b] / 8.0;
                    assertEquals(want, g[b * T + t], 1e-6, "token " + b + "," + t);
                }
            }
        }
    }

    @Test
    void klNeedsTheReference() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(LOGP, new Shape(B, T));
            assertThrows(IllegalArgumentException.class, () -> GrpoLoss.compute(x, x, null,
                    m.create(ADV), m.create(MASK, new Shape(B, T)), 6, GrpoLoss.Config.grpo()));
        }
        assertThrows(IllegalArgumentException.class,
                () -> new GrpoLoss.Config(0, 0.28, 0, GrpoLoss.Aggregation.DAPO));
    }
}
