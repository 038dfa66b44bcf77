package dev.tinyreason.train.grpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.cli.CliRun;
import dev.tinyreason.cli.TrainGrpo;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.ModelConfig;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tokenizer.BpeConfig;
import dev.tinyreason.tokenizer.Tokenizer;
import dev.tinyreason.train.MetricLog;
import org.junit.jupiter.api.Test;

/** GRPO raises a reward a random model can reach by chance, and logs TRL's metrics. */
class GrpoTrainerTest {

    static Example problem(int i) {
        return new Example("Say seven " + i + ".", "7", "", new Example.Meta("arith", 1, "1", i));
    }

    @Test
    void rewardRisesWhenDigitsAreRewarded() {
        Tokenizer tok = tokenizer();
        ModelConfig config = config(tok);
        // reward: the share of digits in what the model wrote (a random model: about 4%)
        GrpoTrainer.Reward sevens = (e, turn) -> {
            String s = turn.substring("<think>\n".length());
            return s.isEmpty() ? 0 : s.chars().filter(ch -> ch >= '0' && ch <= '9').count()
                    / (double) s.length();
        };
        try (LlamaModel model = LlamaModel.init(config, 3);
                GrpoTrainer t = new GrpoTrainer(model, tok, GrpoTrainerTest::problem, sevens,
                        GrpoTrainer.Config.dapo(40).withLearningRate(3e-3)
                                .withShape(8, 4, 8).withOverlong(false, 0))) {
            double first = 0;
            double last = 0;
            for (int i = 0; i < 40; i++) {
                GrpoTrainer.StepResult r = t.step();
                if (i < 5) {
                    first += r.reward() / 5;
                }
                if (i >= 35) {
                    last += r.reward() / 5;
                }
            }
            assertTrue(last > first + 0.1, "reward " + first + " -> " + last);
            MetricLog log = t.log();
            for (String key : new String[] {"reward", "reward_std", "frac_reward_zero_std",
                "completions/mean_length", "completions/clipped_ratio", "clip_ratio/low_mean",
                "clip_ratio/high_mean", "kl", "entropy", "loss"}) {
                assertEquals(40, log.series(key).length, key);
            }
        }
    }

    /**
     * The audit's sanity task: a tiny random policy rewarded for writing digits (reward = the
     * share of digit characters) must reach a reward of at least 0.95 within 80 steps; with the
     * advantage's sign flipped, the same run must not (it learns to avoid digits). Before each
     * step's update the trainer's log-probs equal the sampler's: the importance ratio is 1.
     */
    @Test
    void aSanityTaskIsLearnedFastAndABrokenAdvantageIsNot() {
        double right = sanityRun(a -> a);
        assertTrue(right >= 0.95, "reward after 80 steps " + right);
        double flipped = sanityRun(a -> {
            double[] b = a.clone();
            for (int i = 0; i < b.length; i++) {
                b[i] = -b[i];
            }
            return b;
        });
        assertTrue(flipped < 0.5, "with the advantage's sign flipped the reward still reached " + flipped);
    }

    /** The mean reward of the last 5 of 80 sanity steps; checks the ratio gap on every step. */
    private static double sanityRun(java.util.function.UnaryOperator<double[]> hook) {
        Tokenizer tok = tokenizer();
        ModelConfig config = config(tok);
        GrpoTrainer.Reward digits = (e, turn) -> {
            String s = turn.substring("<think>\n".length());
            return s.isEmpty() ? 0 : s.chars().filter(ch -> ch >= '0' && ch <= '9').count()
                    / (double) s.length();
        };
        try (LlamaModel model = LlamaModel.init(config, 3);
                GrpoTrainer t = new GrpoTrainer(model, tok, GrpoTrainerTest::problem, digits,
                        GrpoTrainer.Config.dapo(80).withLearningRate(1e-2)
                                .withShape(8, 4, 4).withOverlong(false, 0), hook)) {
            double last = 0;
            for (int i = 0; i < 80; i++) {
                GrpoTrainer.StepResult r = t.step();
                if (i >= 75) {
                    last += r.reward() / 5;
                }
            }
            for (double gap : t.log().series("ratio/max_gap")) {
                assertTrue(gap < 1e-5, "importance ratio off 1 by " + gap + " before an update");
            }
            assertEquals(80, t.log().series("rollouts_per_second").length);
            return last;
        }
    }

    /** The tiny tokenizer and two-layer nano model of the reward tests. */
    static Tokenizer tokenizer() {
        return Tokenizer.train("0123456789 seven say. 7 7 7 abc abc xyz", new BpeConfig(280, 2));
    }

    static ModelConfig config(Tokenizer tok) {
        return ModelConfig.nano().withVocabSize(tok.vocabSize()).withNumLayers(2);
    }

    /** Reward: the share of digits in the whole turn. */
    static double digitShare(Example e, String turn) {
        return turn.chars().filter(ch -> ch >= '0' && ch <= '9').count() / (double) turn.length();
    }

    @Test
    void reusedRolloutsMoveTheRatioAndGetClipped() {
        Tokenizer tok = tokenizer();
        ModelConfig config = config(tok);
        GrpoTrainer.Reward digits = GrpoTrainerTest::digitShare;
        double[] clipped = new double[2];
        for (int mu = 1; mu <= 2; mu++) {
            try (LlamaModel model = LlamaModel.init(config, 3);
                    GrpoTrainer t = new GrpoTrainer(model, tok, GrpoTrainerTest::problem, digits,
                            GrpoTrainer.Config.dapo(4).withLearningRate(3e-2)
                                    .withShape(8, 4, 8).withOverlong(false, 0)
                                    .withIterations(mu))) {
                for (int i = 0; i < 4; i++) {
                    GrpoTrainer.StepResult r = t.step();
                    assertTrue(Double.isFinite(r.loss()), "loss at mu " + mu);
                    clipped[mu - 1] += r.clipLow() + r.clipHigh();
                }
            }
        }
        // μ = 1: the ratio is exactly 1, nothing is clipped; μ = 2: the second pass is off-policy
        assertEquals(0.0, clipped[0], 1e-6);
        assertTrue(clipped[1] > 0, "clipped share at mu 2: " + clipped[1]);
    }

    @Test
    void aStepInChunksOfSequencesIsTheSameUpdateAsOneWholeBatch() {
        Tokenizer tok = tokenizer();
        ModelConfig config = config(tok);
        GrpoTrainer.Reward digits = GrpoTrainerTest::digitShare;
        for (GrpoLoss.Aggregation agg : GrpoLoss.Aggregation.values()) {
            GrpoTrainer.Config cfg = GrpoTrainer.Config.dapo(3).withLearningRate(3e-2)
                    .withShape(8, 4, 8).withOverlong(false, 0).withIterations(2)
                    .withLoss(new GrpoLoss.Config(0.2, 0.28, 0.04, agg));
            double[][] seen = new double[2][];
            for (int run = 0; run < 2; run++) {
                try (LlamaModel model = LlamaModel.init(config, 3);
                        GrpoTrainer t = new GrpoTrainer(model, tok, GrpoTrainerTest::problem,
                                digits, cfg).withMicroSequences(run == 0 ? 64 : 3)) {
                    for (int i = 0; i < 3; i++) {
                        t.step();
                    }
                    MetricLog log = t.log();
                    seen[run] = new double[] {log.last("loss"), log.last("reward"),
                        log.last("entropy"), log.last("kl"), log.last("clip_ratio/low_mean")
                            + log.last("clip_ratio/high_mean")};
                }
            }
            String[] names = {"loss", "reward", "entropy", "kl", "clipped share"};
            for (int k = 0; k < names.length; k++) {  // equal up to float rounding (relative)
                assertEquals(seen[0][k], seen[1][k], 1e-4 * Math.max(1, Math.abs(seen[0][k])),
                        agg + ": " + names[k]);
            }
        }
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> GrpoTrainer.Config.dapo(10).withShape(1, 4, 8));
        assertThrows(IllegalArgumentException.class,
                () -> GrpoTrainer.Config.dapo(10).withShape(8, 4, 8).withOverlong(true, 8));
        assertThrows(IllegalArgumentException.class,
                () -> GrpoTrainer.Config.dapo(10).withIterations(0));
    }

    @Test
    void trainGrpoRejectsBadInput() throws Exception {
        CliRun.Result task = CliRun.capture(() -> TrainGrpo.run(
                new String[] {"--task", "game24"}));
        assertEquals(2, task.code());
        assertTrue(task.err().contains("arith, word or countdown"), task.err());
        CliRun.Result minutes = CliRun.capture(() -> TrainGrpo.run(
                new String[] {"--minutes", "150"}));
        assertEquals(2, minutes.code());
        assertTrue(minutes.err().contains("(0, 120]"), minutes.err());
        CliRun.Result level = CliRun.capture(() -> TrainGrpo.run(
                new String[] {"--task", "countdown", "--difficulty", "9"}));
        assertEquals(2, level.code());
        assertTrue(level.err().contains("3..5"), level.err());
        CliRun.Result range = CliRun.capture(() -> TrainGrpo.run(
                new String[] {"--task", "word", "--difficulty", "8-6"}));
        assertEquals(2, range.code());
        assertTrue(range.err().contains("A-B within 1..8"), range.err());
        CliRun.Result loss = CliRun.capture(() -> TrainGrpo.run(
                new String[] {"--loss", "ppo"}));
        assertEquals(2, loss.code());
        assertTrue(loss.err().contains("grpo, dapo or dr_grpo"), loss.err());
    }
}
