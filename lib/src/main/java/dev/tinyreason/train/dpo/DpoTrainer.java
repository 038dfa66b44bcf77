package dev.tinyreason.train.dpo;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.tokenizer.Tokenizer;
import dev.tinyreason.train.AdamW;
import dev.tinyreason.train.LearningRateSchedule;
import dev.tinyreason.train.MetricLog;
import dev.tinyreason.train.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The DPO loop (TRL's {@code DPOTrainer} at tiny scale). The reference model's log-probs are
 * computed once, before training, from the starting weights (TRL's
 * {@code precompute_ref_log_probs}, kept in each {@link EncodedPair}), so no second model sits
 * in memory. Each step scores the chosen and the rejected completions of a batch of pairs under
 * the policy, turns the four sequence log-probs per pair into the {@link DpoLoss}, and takes
 * one clipped AdamW step.
 *
 * <p>Logged under TRL's names: {@code loss}, {@code rewards/chosen}, {@code rewards/rejected},
 * {@code rewards/margins}, {@code rewards/accuracies}, {@code logps/chosen},
 * {@code logps/rejected}, {@code nll_loss} (the chosen side's NLL per token, what
 * {@code rpo_alpha} weighs), {@code grad_norm}, {@code learning_rate}.
 */
public final class DpoTrainer {

    /**
     * Settings of a DPO run; the trlm recipe's stage 3 is β 0.1, APO-zero, clip 0.2.
     *
     * @param beta         strength of the tie to the reference
     * @param loss         the preference loss
     * @param learningRate peak learning rate (warmup 10%, cosine to a tenth)
     * @param maxGradNorm  gradient clipping
     * @param pairsPerStep pairs per optimizer step
     * @param steps        optimizer steps
     * @param seed         seeds the order of pairs
     * @param rpoAlpha     weight of the chosen side's NLL ({@link DpoLoss#withNll}, TRL's
     *                     {@code rpo_alpha}); 0 for none
     * @param adam         the optimizer's betas and epsilon
     */
    public record Config(double beta, DpoLoss loss, double learningRate, double maxGradNorm,
            int pairsPerStep, int steps, long seed, double rpoAlpha, AdamW.Settings adam) {

        public Config {
            if (!(beta > 0)) {
                throw new IllegalArgumentException("beta must be positive, got " + beta + ".");
            }
            if (!(rpoAlpha >= 0)) {
                throw new IllegalArgumentException("rpoAlpha must be 0 (off) or positive, got " + rpoAlpha + ".");
            }
            if (pairsPerStep < 1 || steps < 1) {
                throw new IllegalArgumentException("pairsPerStep and steps must be at least 1, "
                        + "got " + pairsPerStep + " and " + steps + ".");
            }
            java.util.Objects.requireNonNull(adam, "adam");
        }

        /** A config with PyTorch's Adam settings ({@link AdamW.Settings#TORCH}). */
        public Config(double beta, DpoLoss loss, double learningRate, double maxGradNorm,
                int pairsPerStep, int steps, long seed, double rpoAlpha) {
            this(beta, loss, learningRate, maxGradNorm, pairsPerStep, steps, seed, rpoAlpha,
                    AdamW.Settings.TORCH);
        }

        /**
         * The recipe's settings for a tiny model: β 0.1, APO-zero, clip 0.2, lr 2e-5, 8 pairs
         * a step. (A first run at lr 5e-5 for 300 steps, ten passes over the pairs, won every
         * training pair but far fewer of the held-out ones and lost held-out accuracy: it
         * overfit. {@code ./tinyreason train dpo} reports the held-out reward accuracy before
         * and after.)
         */
        public static Config recipe(int steps) {
            return new Config(0.1, DpoLoss.APO_ZERO, 2e-5, 0.2, 8, steps, 42, 0,
                    AdamW.Settings.TORCH);
        }

        public Config withLoss(DpoLoss l) {
            return new Config(beta, l, learningRate, maxGradNorm, pairsPerStep, steps,
                    seed, rpoAlpha, adam);
        }

        public Config withBeta(double b) {
            return new Config(b, loss, learningRate, maxGradNorm, pairsPerStep, steps,
                    seed, rpoAlpha, adam);
        }

        public Config withLearningRate(double lr) {
            return new Config(beta, loss, lr, maxGradNorm, pairsPerStep, steps,
                    seed, rpoAlpha, adam);
        }

        public Config withRpoAlpha(double a) {
            return new Config(beta, loss, learningRate, maxGradNorm, pairsPerStep, steps,
                    seed, a, adam);
        }

        public Config withPairsPerStep(int n) {
            return new Config(beta, loss, learningRate, maxGradNorm, n, steps,
                    seed, rpoAlpha, adam);
        }

        /** The optimizer's betas and epsilon. */
        public Config withAdam(AdamW.Settings a) {
            return new Config(beta, loss, learningRate, maxGradNorm, pairsPerStep, steps,
                    seed, rpoAlpha, a);
        }

        public Config withSteps(int n) {
            return new Config(beta, loss, learningRate, maxGradNorm, pairsPerStep, n,
                    seed, rpoAlpha, adam);
        }
    }

    /** What one step did, TRL's metrics. */
    public record StepResult(int step, double loss, double chosenReward, double rejectedReward,
            double margin, double accuracy, double chosenLogp, double rejectedLogp,
            double gradNorm, double learningRate) {

        public String summary() {
            return String.format(java.util.Locale.ROOT,
                    "loss %.4f · margin %.3f · acc %.2f", loss, margin, accuracy);
        }
    }

    private final LlamaModel model;
    private final Config config;
    private final List<EncodedPair> pairs;
    private final dev.tinyreason.model.LlamaWeights reference;
    private final AdamW optimizer;
    private final LearningRateSchedule schedule;
    private final MetricLog log = new MetricLog();
    private final Random rng;
    private int step;

    /**
     * A trainer for {@code model} on {@code pairs}; the reference log-probs are taken from
     * {@code model} as it is now.
     */
    public DpoTrainer(LlamaModel model, Tokenizer tokenizer, List<PreferencePair> pairs,
            Config config) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("DPO needs at least one preference pair.");
        }
        this.model = model;
        this.config = config;
        this.optimizer = new AdamW(config.adam(), 0.0);
        this.reference = model.weights();  // a host copy: the frozen reference
        this.pairs = EncodedPair.encode(model, tokenizer, pairs);
        this.schedule = new LearningRateSchedule(config.learningRate(),
                Math.max(1, config.steps() / 10), config.steps(), 0.1);
        this.rng = new Random(config.seed());
    }

    public MetricLog log() {
        return log;
    }

    public int stepsDone() {
        return step;
    }

    /** Runs {@code n} steps, calling {@code onStep} after each (may be null). */
    public List<StepResult> train(int n, java.util.function.Consumer<StepResult> onStep) {
        List<StepResult> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StepResult r = step();
            out.add(r);
            if (onStep != null) {
                onStep.accept(r);
            }
        }
        return out;
    }

    /**
     * Runs steps until the config's step count or {@code minutes} of wall time, whichever
     * comes first, calling {@code onStep} after each (may be null); returns the steps taken.
     */
    public int trainFor(double minutes, java.util.function.Consumer<StepResult> onStep) {
        if (!(minutes > 0)) {
            throw new IllegalArgumentException("minutes must be positive, got " + minutes + ".");
        }
        long t0 = System.nanoTime();
        int first = step;
        while (step < config.steps() && (System.nanoTime() - t0) / 1e9 < minutes * 60) {
            StepResult r = step();
            if (onStep != null) {
                onStep.accept(r);
            }
        }
        return step - first;
    }

    /**
     * Pairs whose forward and backward pass run together. A step's pairs go through in groups
     * of this many and their gradients add up ({@link AdamW} zeroes them after the update), so
     * the update is the whole batch's while the autograd graph holds only a few sequences: a
     * whole step of long Countdown pairs at once keeps every pair's activations until backward,
     * more than a Binder-sized kernel holds. DpoTrainerTest's
     * {@code aStepInSmallGroupsOfPairsIsTheSameUpdateAsOneWholeBatch} pins that the groups give
     * the same update.
     */
    static final int MICRO_PAIRS = 2;

    private int microPairs = MICRO_PAIRS;

    /** For tests: run {@code n} pairs per forward/backward pass. */
    DpoTrainer withMicroPairs(int n) {
        this.microPairs = n;
        return this;
    }

    /** One optimizer step on {@code pairsPerStep} pairs drawn at random. */
    public StepResult step() {
        List<EncodedPair> batch = new ArrayList<>(config.pairsPerStep());
        for (int i = 0; i < config.pairsPerStep(); i++) {
            batch.add(pairs.get(rng.nextInt(pairs.size())));
        }
        int p = batch.size();
        long chosenTokens = batch.stream().mapToLong(e -> e.chosen().length - e.promptLength()).sum();
        double lossValue = 0;
        double[] cr = new double[p];
        double[] rr = new double[p];
        double[] pc = new double[p];
        double[] pr = new double[p];
        for (int from = 0; from < p; from += microPairs) {
            List<EncodedPair> part = batch.subList(from, Math.min(p, from + microPairs));
            int q = part.size();
            try (NDManager scope = model.manager().newSubManager();
                    GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logps = EncodedPair.sequenceLogProbs(scope, model, part);   // (2q)
                NDArray policyChosen = logps.get("0:" + q);                          // (q)
                NDArray policyRejected = logps.get(q + ":");                         // (q)
                double[] refC = part.stream().mapToDouble(EncodedPair::refChosen).toArray();
                double[] refR = part.stream().mapToDouble(EncodedPair::refRejected).toArray();
                DpoLoss.Result r = config.loss().compute(policyChosen, policyRejected,
                        scope.create(toFloat(refC)), scope.create(toFloat(refR)), config.beta());
                // this group's share of DpoLoss.withNll on the whole batch: the mean of the pair
                // losses weighted q/p, plus alpha times its part of the chosen side's NLL (per
                // token of the whole batch's chosen side)
                NDArray loss = r.losses().sum().div((float) p);
                if (config.rpoAlpha() > 0) {
                    loss = loss.add(DpoLoss.nll(policyChosen, chosenTokens)
                            .mul((float) config.rpoAlpha()));
                }
                gc.backward(loss);
                lossValue += loss.getFloat();
                System.arraycopy(toDouble(r.chosenRewards().toFloatArray()), 0, cr, from, q);
                System.arraycopy(toDouble(r.rejectedRewards().toFloatArray()), 0, rr, from, q);
                System.arraycopy(toDouble(policyChosen.toFloatArray()), 0, pc, from, q);
                System.arraycopy(toDouble(policyRejected.toFloatArray()), 0, pr, from, q);
            }
        }
        double nll = -Arrays.stream(pc).sum() / chosenTokens;
        Trainer.requireFinite(lossValue, "DPO loss", step, schedule.lr(step));
        double lr = schedule.lr(step);
        double norm = optimizer.step(model, lr, config.maxGradNorm());
        step++;
        double margin = 0;
        double acc = 0;
        for (int i = 0; i < p; i++) {
            margin += cr[i] - rr[i];
            acc += cr[i] > rr[i] ? 1 : 0;
        }
        StepResult s = new StepResult(step, lossValue, mean(cr), mean(rr), margin / p, acc / p,
                mean(pc), mean(pr), norm, lr);
        Map<String, Double> row = new LinkedHashMap<>();
        row.put(MetricLog.LOSS, s.loss());
        row.put("rewards/chosen", s.chosenReward());
        row.put("rewards/rejected", s.rejectedReward());
        row.put("rewards/margins", s.margin());
        row.put("rewards/accuracies", s.accuracy());
        row.put("logps/chosen", s.chosenLogp());
        row.put("logps/rejected", s.rejectedLogp());
        row.put("nll_loss", nll);
        row.put(MetricLog.GRAD_NORM, norm);
        row.put(MetricLog.LEARNING_RATE, lr);
        log.log(step, row);
        return s;
    }

    /**
     * Rewards of the current policy on {@code pairs} (no gradients): how well it separates
     * chosen from rejected, e.g. on held-out pairs.
     */
    public DpoLoss.Values evaluate(List<PreferencePair> heldOut, Tokenizer tokenizer) {
        try (LlamaModel ref = new LlamaModel(model.config(), reference)) {
            return evaluateEncoded(EncodedPair.encode(ref, tokenizer, heldOut));
        }
    }

    private DpoLoss.Values evaluateEncoded(List<EncodedPair> enc) {
        EncodedPair.LogProbs lp = EncodedPair.logProbs(model, enc);
        return config.loss().compute(lp.chosen(), lp.rejected(),
                enc.stream().mapToDouble(EncodedPair::refChosen).toArray(),
                enc.stream().mapToDouble(EncodedPair::refRejected).toArray(), config.beta());
    }

    private static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    private static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
