package dev.tinyreason.train.grpo;

import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tokenizer.Tokenizer;
import dev.tinyreason.train.AdamW;
import dev.tinyreason.train.LearningRateSchedule;
import dev.tinyreason.train.MetricLog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

/**
 * Reinforcement learning from verifiable rewards: GRPO (Shao et al. 2024) with DAPO's fixes
 * (Yu et al. 2025). By default one optimization step per batch of rollouts (μ = 1, TRL's
 * default): the importance ratio is then 1 and only its gradient acts. With
 * {@code numIterations} μ &gt; 1 the same rollouts are reused for μ steps; the log-probs of the
 * policy that sampled them are kept, so from the second step on the ratio moves away from 1
 * and the clipping bites.
 *
 * <p>One step: draw prompts, sample G completions for each in <b>one</b> batched generate call,
 * score them with the reward, and — with <b>dynamic sampling</b> — drop the groups whose rewards
 * are all equal (their advantages are 0) and draw more prompts until the batch is full or a
 * few rounds have passed. Then group-relative {@link Advantages}, the clipped {@link GrpoLoss},
 * and a clipped AdamW step. Completions cut off at {@code maxCompletionLength} can be left out
 * of the loss (<b>overlong masking</b>) and long ones can be charged a linear penalty in the
 * last {@code overlongBuffer} tokens (<b>soft overlong punishment</b>).
 *
 * <p>Logged under TRL's names: {@code reward}, {@code reward_std}, {@code frac_reward_zero_std},
 * {@code completions/mean_length}, {@code completions/clipped_ratio},
 * {@code clip_ratio/low_mean}, {@code clip_ratio/high_mean}, {@code kl}, {@code entropy},
 * {@code loss}, {@code grad_norm}; and, from the verifier's tiers before any length penalty,
 * {@code rewards/correct} (the share of completions with reward ≥ 1) and
 * {@code rewards/format} (the share with reward &gt; 0: an answer in the format), which tell
 * real progress from format-reward hacking. The audit adds {@code frac_groups_dropped} (groups
 * dynamic sampling threw away), {@code rollouts_per_second}, and {@code ratio/max_gap}: the
 * largest |π_θ / π_sampler − 1| over the completion tokens before the step's first update,
 * which must be 0 up to float rounding (the importance ratio starts at 1).
 *
 * <p>{@link #step()} reads as the algorithm; its parts live beside it in this package:
 * {@code RolloutSampler} samples and scores the groups ({@code RolloutGroup}),
 * {@code PolicyUpdate} runs the μ clipped optimizer steps on the rows of {@code RolloutBatch},
 * and {@code StepMetrics} logs the step.
 */
public final class GrpoTrainer implements AutoCloseable {

    /** A completion's reward: the task's verifier tiers by default. */
    @FunctionalInterface
    public interface Reward {
        double score(Example example, String turn);
    }

    /**
     * @param numGenerations      G, completions per prompt
     * @param promptsPerStep      groups per optimizer step
     * @param maxCompletionLength tokens a completion may generate
     * @param temperature         sampling temperature of the rollouts
     * @param scaleRewards        how advantages are scaled
     * @param loss                the clipped objective's settings
     * @param learningRate        peak learning rate (constant after 10% warmup)
     * @param maxGradNorm         gradient clipping
     * @param dynamicSampling     drop groups with equal rewards and refill
     * @param maskTruncated       leave completions cut at the length limit out of the loss
     * @param overlongBuffer      soft punishment over the last this many tokens (0: off)
     * @param steps               rollout batches planned (optimizer steps when μ = 1)
     * @param seed                seeds the sampling
     * @param numIterations       μ, optimizer steps on each batch of rollouts
     * @param adam                the optimizer's betas and epsilon
     */
    public record Config(int numGenerations, int promptsPerStep, int maxCompletionLength,
            double temperature, Advantages.Scale scaleRewards, GrpoLoss.Config loss,
            double learningRate, double maxGradNorm, boolean dynamicSampling,
            boolean maskTruncated, int overlongBuffer, int steps, long seed,
            int numIterations, AdamW.Settings adam) {

        public Config {
            if (numGenerations < 2) {
                throw new IllegalArgumentException("numGenerations must be at least 2 (a group "
                        + "needs someone to compare with), got " + numGenerations + ".");
            }
            if (promptsPerStep < 1 || steps < 1 || maxCompletionLength < 1) {
                throw new IllegalArgumentException("promptsPerStep, steps and "
                        + "maxCompletionLength must be positive.");
            }
            if (overlongBuffer < 0 || overlongBuffer >= maxCompletionLength) {
                throw new IllegalArgumentException("overlongBuffer must be in [0, "
                        + "maxCompletionLength), got " + overlongBuffer + ".");
            }
            if (numIterations < 1) {
                throw new IllegalArgumentException("numIterations (μ) must be at least 1, got "
                        + numIterations + ".");
            }
            java.util.Objects.requireNonNull(adam, "adam");
        }

        /** β2 0.99: a shorter memory than PyTorch's 0.999, for a policy that keeps moving. */
        public static final AdamW.Settings ADAM = new AdamW.Settings(0.9, 0.99, 1e-8);

        /** A config with μ = 1 and {@link #ADAM}. */
        public Config(int numGenerations, int promptsPerStep, int maxCompletionLength,
                double temperature, Advantages.Scale scaleRewards, GrpoLoss.Config loss,
                double learningRate, double maxGradNorm, boolean dynamicSampling,
                boolean maskTruncated, int overlongBuffer, int steps, long seed) {
            this(numGenerations, promptsPerStep, maxCompletionLength, temperature, scaleRewards,
                    loss, learningRate, maxGradNorm, dynamicSampling, maskTruncated,
                    overlongBuffer, steps, seed, 1, ADAM);
        }

        /**
         * DAPO's recipe at tiny scale: G 8, 4 prompts, 256 tokens (the longest countdown
         * searches fit), clip-higher, token-level loss, overlong masking and a 32-token soft
         * punishment, lr 1e-5.
         */
        public static Config dapo(int steps) {
            return new Config(8, 4, 256, 1.0, Advantages.Scale.GROUP, GrpoLoss.Config.dapo(),
                    1e-5, 1.0, true, true, 32, steps, 42);
        }

        public Config withLearningRate(double lr) {
            return new Config(numGenerations, promptsPerStep, maxCompletionLength, temperature,
                    scaleRewards, loss, lr, maxGradNorm, dynamicSampling, maskTruncated,
                    overlongBuffer, steps, seed, numIterations, adam);
        }

        public Config withShape(int g, int prompts, int maxLength) {
            return new Config(g, prompts, maxLength, temperature, scaleRewards, loss,
                    learningRate, maxGradNorm, dynamicSampling, maskTruncated,
                    Math.min(overlongBuffer, maxLength / 4), steps, seed, numIterations, adam);
        }

        public Config withSteps(int n) {
            return new Config(numGenerations, promptsPerStep, maxCompletionLength, temperature,
                    scaleRewards, loss, learningRate, maxGradNorm, dynamicSampling,
                    maskTruncated, overlongBuffer, n, seed, numIterations, adam);
        }

        /** Overlong handling: mask truncated completions; soft punishment over a buffer. */
        public Config withOverlong(boolean mask, int buffer) {
            return new Config(numGenerations, promptsPerStep, maxCompletionLength, temperature,
                    scaleRewards, loss, learningRate, maxGradNorm, dynamicSampling, mask, buffer,
                    steps, seed, numIterations, adam);
        }

        /** μ optimizer steps on each batch of rollouts. */
        public Config withIterations(int mu) {
            return new Config(numGenerations, promptsPerStep, maxCompletionLength, temperature,
                    scaleRewards, loss, learningRate, maxGradNorm, dynamicSampling,
                    maskTruncated, overlongBuffer, steps, seed, mu, adam);
        }

        /** How advantages are scaled: by the group's std (GRPO) or not at all (Dr. GRPO). */
        public Config withScaleRewards(Advantages.Scale scale) {
            return new Config(numGenerations, promptsPerStep, maxCompletionLength, temperature,
                    scale, loss, learningRate, maxGradNorm, dynamicSampling, maskTruncated,
                    overlongBuffer, steps, seed, numIterations, adam);
        }

        /** The optimizer's betas and epsilon. */
        public Config withAdam(AdamW.Settings a) {
            return new Config(numGenerations, promptsPerStep, maxCompletionLength, temperature,
                    scaleRewards, loss, learningRate, maxGradNorm, dynamicSampling,
                    maskTruncated, overlongBuffer, steps, seed, numIterations, a);
        }

        public Config withLoss(GrpoLoss.Config l) {
            return new Config(numGenerations, promptsPerStep, maxCompletionLength, temperature,
                    scaleRewards, l, learningRate, maxGradNorm, dynamicSampling, maskTruncated,
                    overlongBuffer, steps, seed, numIterations, adam);
        }
    }

    /** What one step did, TRL's metrics. */
    public record StepResult(int step, double reward, double rewardStd, double fracZeroStd,
            double meanLength, double clippedRatio, double clipLow, double clipHigh, double kl,
            double entropy, double loss, double gradNorm, int groupsTrained) {

        public String summary() {
            return String.format(java.util.Locale.ROOT,
                    "reward %.3f · zero-std %.2f · len %.1f · loss %.4f", reward, fracZeroStd,
                    meanLength, loss);
        }
    }

    /** Refill rounds of dynamic sampling before training on what there is. */
    static final int MAX_ROUNDS = 4;

    private final Config config;
    private final MetricLog log = new MetricLog();
    private final RolloutSampler sampler;
    private final PolicyUpdate policyUpdate;
    private final LearningRateSchedule schedule;
    private final StepMetrics metrics;
    private final UnaryOperator<double[]> advantageHook;
    private int step;

    /**
     * @param problems the i-th training problem (e.g. {@code task::example}); drawn in order
     */
    public GrpoTrainer(LlamaModel model, Tokenizer tokenizer, IntFunction<Example> problems,
            Reward reward, Config config) {
        this(model, tokenizer, problems, reward, config, UnaryOperator.identity());
    }

    /**
     * As the public constructor, with {@code advantageHook} applied to each batch's advantages
     * before the loss: the audit tests break the advantage on purpose (e.g. flip its sign) and
     * check that learning then fails.
     */
    GrpoTrainer(LlamaModel model, Tokenizer tokenizer, IntFunction<Example> problems,
            Reward reward, Config config, UnaryOperator<double[]> advantageHook) {
        this.advantageHook = advantageHook;
        this.config = config;
        this.sampler = new RolloutSampler(model, tokenizer, problems, reward, config);
        this.policyUpdate = new PolicyUpdate(model, config);
        this.schedule = new LearningRateSchedule(config.learningRate(),
                Math.max(1, config.steps() / 10), config.steps(), 1.0);
        this.metrics = new StepMetrics(log, config.numGenerations());
    }

    public MetricLog log() {
        return log;
    }

    /** The run's configuration. */
    public Config config() {
        return config;
    }

    /** How many training problems the run has drawn so far (dynamic sampling draws extra). */
    public int problemsDrawn() {
        return sampler.drawn();
    }

    /**
     * One step: G rollouts for each of the next prompts, the verifier's rewards, group-relative
     * advantages, and the clipped update (μ optimizer steps on the same rollouts).
     */
    public StepResult step() {
        long t0 = System.nanoTime();
        int g = config.numGenerations();
        // dynamic sampling (DAPO): a group whose rewards are all equal has no signal; refill
        List<RolloutGroup> all = new ArrayList<>();
        List<RolloutGroup> kept = new ArrayList<>();
        for (int round = 0; round < MAX_ROUNDS && kept.size() < config.promptsPerStep();
                round++) {
            List<RolloutGroup> fresh = sampler.sample(config.promptsPerStep() - kept.size(),
                    step);
            all.addAll(fresh);
            for (RolloutGroup grp : fresh) {
                if (!config.dynamicSampling() || !Advantages.isFlat(grp.rewards(), g, 0)) {
                    kept.add(grp);
                }
            }
            if (!config.dynamicSampling()) {
                break;
            }
        }
        double rolloutSeconds = (System.nanoTime() - t0) / 1e9;
        double lr = schedule.lr(step);
        PolicyUpdate.Result update = PolicyUpdate.Result.NONE;
        if (!kept.isEmpty()) {
            double[] rewards = kept.stream().flatMapToDouble(x -> Arrays.stream(x.rewards()))
                    .toArray();
            double[] adv = advantageHook.apply(Advantages.compute(rewards, g,
                    config.scaleRewards()));
            update = policyUpdate.apply(kept, adv, lr, step);
        }
        step++;
        return metrics.logged(step, all, kept.size(), update, lr, rolloutSeconds);
    }

    /** For tests: run {@code n} sequences per forward/backward pass. */
    GrpoTrainer withMicroSequences(int n) {
        policyUpdate.microSequences(n);
        return this;
    }

    @Override
    public void close() {
        policyUpdate.close();
    }
}
