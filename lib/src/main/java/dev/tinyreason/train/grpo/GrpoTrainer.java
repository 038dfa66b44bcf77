package dev.tinyreason.train.grpo;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.tinyreason.infer.ChainOfThought;
import dev.tinyreason.infer.Completion;
import dev.tinyreason.infer.FinishReason;
import dev.tinyreason.infer.Generator;
import dev.tinyreason.infer.SamplingConfig;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.TokenBatch;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tokenizer.ChatTemplate;
import dev.tinyreason.tokenizer.Message;
import dev.tinyreason.tokenizer.SpecialTokens;
import dev.tinyreason.tokenizer.Tokenizer;
import dev.tinyreason.train.AdamW;
import dev.tinyreason.train.LearningRateSchedule;
import dev.tinyreason.train.MetricLog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** One prompt's rollouts; {@code raw}: the verifier's rewards before length penalties. */
    private record Group(Example example, int[] prompt, List<Completion> completions,
            double[] rewards, double[] raw) {}

    /** Refill rounds of dynamic sampling before training on what there is. */
    static final int MAX_ROUNDS = 4;

    private final LlamaModel model;
    private final LlamaModel reference;
    private final Tokenizer tokenizer;
    private final ChatTemplate chat;
    private final Generator generator;
    private final IntFunction<Example> problems;
    private final Reward reward;
    private final Config config;
    private final AdamW optimizer;
    private final LearningRateSchedule schedule;
    private final MetricLog log = new MetricLog();
    private final UnaryOperator<double[]> advantageHook;
    private int step;
    private int cursor;

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
        this.model = model;
        this.tokenizer = tokenizer;
        this.chat = new ChatTemplate(tokenizer);
        this.generator = new Generator(model, tokenizer);
        this.problems = problems;
        this.reward = reward;
        this.config = config;
        this.optimizer = new AdamW(config.adam(), 0.0);
        this.reference = config.loss().beta() > 0
                ? new LlamaModel(model.config(), model.weights()) : null;
        this.schedule = new LearningRateSchedule(config.learningRate(),
                Math.max(1, config.steps() / 10), config.steps(), 1.0);
    }

    public MetricLog log() {
        return log;
    }

    /** How many training problems the run has drawn so far (dynamic sampling draws extra). */
    public int problemsDrawn() {
        return cursor;
    }

    /**
     * One step: G rollouts for each of the next prompts, the verifier's rewards, group-relative
     * advantages, and the clipped update (μ optimizer steps on the same rollouts).
     */
    public StepResult step() {
        long t0 = System.nanoTime();
        int g = config.numGenerations();
        // dynamic sampling (DAPO): a group whose rewards are all equal has no signal; refill
        List<Group> all = new ArrayList<>();
        List<Group> kept = new ArrayList<>();
        for (int round = 0; round < MAX_ROUNDS && kept.size() < config.promptsPerStep();
                round++) {
            List<Group> fresh = rollouts(config.promptsPerStep() - kept.size());
            all.addAll(fresh);
            for (Group grp : fresh) {
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
        Update update = Update.NONE;
        if (!kept.isEmpty()) {
            double[] rewards = kept.stream().flatMapToDouble(x -> Arrays.stream(x.rewards()))
                    .toArray();
            double[] adv = advantageHook.apply(Advantages.compute(rewards, g,
                    config.scaleRewards()));
            update = update(kept, adv, lr);
        }
        step++;
        return logged(all, kept.size(), update, lr, rolloutSeconds);
    }

    /** What an update did: the last pass's loss, the gradient norm, token metrics. */
    private record Update(double loss, double gradNorm, TokenMetrics metrics) {
        static final Update NONE = new Update(0, 0, TokenMetrics.ZERO);
    }

    /**
     * μ optimizer steps on the kept groups. With μ = 1 the ratio is 1 and only its gradient
     * acts; with μ > 1 the log-probs of the sampling policy are kept and the clip bites.
     */
    private Update update(List<Group> kept, double[] adv, double lr) {
        List<Rows> chunks = rows(kept, microSequences);
        List<float[][]> old = new ArrayList<>();
        for (Rows c : chunks) {
            old.add(config.numIterations() > 1 ? model.tokenLogProbs(c.tokens()) : null);
        }
        int mu = config.numIterations();
        double loss = 0;
        double norm = 0;
        double gap = 0;
        TokenMetrics metrics = TokenMetrics.ZERO;
        for (int it = 0; it < mu; it++) {
            Backward bw = backward(chunks, adv, old);
            loss = bw.loss();
            if (it == 0) {
                gap = bw.metrics().ratioGap();  // before this step's first update: sampler vs trainer
            }
            norm = optimizer.step(model, lr, config.maxGradNorm());
            metrics = metrics.plus(bw.metrics(), 1.0 / mu);
        }
        return new Update(loss, norm, metrics.withRatioGap(gap));
    }

    /** The step's result, logged under TRL's metric names. */
    private StepResult logged(List<Group> all, int groupsTrained, Update u, double lr,
            double rolloutSeconds) {
        int g = config.numGenerations();
        long dropped = all.stream().filter(x -> Advantages.isFlat(x.rewards(), g, 0)).count();
        double[] allRewards = all.stream().flatMapToDouble(x -> Arrays.stream(x.rewards()))
                .toArray();
        double meanLength = all.stream().flatMap(x -> x.completions().stream())
                .mapToInt(c -> c.tokens().length).average().orElse(0);
        double clippedRatio = all.stream().flatMap(x -> x.completions().stream())
                .filter(c -> c.finishReason() == FinishReason.LENGTH).count()
                / (double) (all.size() * g);
        TokenMetrics metrics = u.metrics();
        StepResult r = new StepResult(step, Advantages.mean(allRewards, 0, allRewards.length),
                Advantages.std(allRewards, 0, allRewards.length),
                Advantages.fracZeroStd(allRewards, g), meanLength, clippedRatio, metrics.clipLow(),
                metrics.clipHigh(), metrics.kl(), metrics.entropy(), u.loss(), u.gradNorm(),
                groupsTrained);
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("reward", r.reward());
        row.put("reward_std", r.rewardStd());
        row.put("frac_reward_zero_std", r.fracZeroStd());
        row.put("completions/mean_length", r.meanLength());
        row.put("completions/clipped_ratio", r.clippedRatio());
        row.put("clip_ratio/low_mean", r.clipLow());
        row.put("clip_ratio/high_mean", r.clipHigh());
        row.put("kl", r.kl());
        double[] raw = all.stream().flatMapToDouble(x -> Arrays.stream(x.raw())).toArray();
        row.put("rewards/correct", Arrays.stream(raw).filter(x -> x >= 1).count()
                / (double) raw.length);
        row.put("rewards/format", Arrays.stream(raw).filter(x -> x > 0).count()
                / (double) raw.length);
        row.put("entropy", r.entropy());
        row.put("frac_groups_dropped", all.isEmpty() ? 0 : (double) dropped / all.size());
        row.put("rollouts_per_second", all.size() * g / Math.max(rolloutSeconds, 1e-9));
        row.put("ratio/max_gap", metrics.ratioGap());
        row.put(MetricLog.LOSS, r.loss());
        row.put(MetricLog.GRAD_NORM, u.gradNorm());
        row.put(MetricLog.LEARNING_RATE, lr);
        log.log(step, row);
        return r;
    }

    /** G completions for each of the next {@code n} problems, in one generate call. */
    private List<Group> rollouts(int n) {
        int g = config.numGenerations();
        List<Example> ex = new ArrayList<>(n);
        List<int[]> prompts = new ArrayList<>(n * g);
        for (int i = 0; i < n; i++) {
            Example e = problems.apply(cursor++);
            ex.add(e);
            int[] p = chat.render(List.of(Message.user(e.prompt())), true, true).ids();
            for (int s = 0; s < g; s++) {
                prompts.add(p);
            }
        }
        List<Completion> out = generator.generate(prompts, SamplingConfig.sampled(
                config.temperature(), config.maxCompletionLength(),
                config.seed() * 1_000_003L + step * 131L + cursor));
        List<Group> groups = new ArrayList<>(n);
        int limit = config.maxCompletionLength() - config.overlongBuffer();
        for (int i = 0; i < n; i++) {
            List<Completion> cs = out.subList(i * g, (i + 1) * g);
            double[] r = new double[g];
            double[] raw = new double[g];
            for (int s = 0; s < g; s++) {
                Completion c = cs.get(s);
                r[s] = reward.score(ex.get(i),
                        ChainOfThought.opening(true) + c.text(tokenizer));
                raw[s] = r[s];
                int len = c.tokens().length;
                if (config.overlongBuffer() > 0 && len > limit) {
                    r[s] += (double) (limit - len) / config.overlongBuffer();  // in [-1, 0)
                }
            }
            groups.add(new Group(ex.get(i), prompts.get(i * g), List.copyOf(cs), r, raw));
        }
        return groups;
    }

    /**
     * The kept groups as one batch: prompt + completion rows, the completion mask, and the
     * log-probs the sampler reported for each completion token (at the same positions).
     */
    private record Rows(TokenBatch tokens, float[] mask, float[] sampled) {}

    /**
     * The kept rollouts in chunks of at most {@code size} sequences, in order (group by group).
     */
    private List<Rows> rows(List<Group> kept, int size) {
        List<int[]> prompts = new ArrayList<>();
        List<Completion> completions = new ArrayList<>();
        for (Group grp : kept) {
            for (Completion c : grp.completions()) {
                prompts.add(grp.prompt());
                completions.add(c);
            }
        }
        List<Rows> out = new ArrayList<>();
        for (int from = 0; from < completions.size(); from += size) {
            int to = Math.min(completions.size(), from + size);
            out.add(rows(prompts.subList(from, to), completions.subList(from, to)));
        }
        return out;
    }

    private Rows rows(List<int[]> prompts, List<Completion> completions) {
        List<int[]> rows = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < completions.size(); i++) {
            int[] prompt = prompts.get(i);
            Completion c = completions.get(i);
            int[] row = Arrays.copyOf(prompt, prompt.length + c.tokens().length);
            System.arraycopy(c.tokens(), 0, row, prompt.length, c.tokens().length);
            rows.add(row);
            boolean drop = config.maskTruncated() && c.finishReason() == FinishReason.LENGTH;
            spans.add(new Span(prompt.length, c.tokens().length, drop));
        }
        TokenBatch tokens = TokenBatch.rightPadded(rows, SpecialTokens.PAD);
        int b = rows.size();
        int t = tokens.length() - 1;
        float[] mask = new float[b * t];
        float[] sampled = new float[b * t];
        for (int i = 0; i < b; i++) {
            Span s = spans.get(i);
            float[] lp = completions.get(i).logProbs();
            int first = s.promptLength() - 1;  // the position that predicts the first completion token
            for (int j = first; j < first + s.completionLength(); j++) {
                mask[i * t + j] = s.masked() ? 0f : 1f;
                sampled[i * t + j] = lp[j - first];
            }
        }
        return new Rows(tokens, mask, sampled);
    }

    /**
     * Sequences whose forward and backward pass run together. The kept rollouts go through in
     * chunks of this many and their gradients add up ({@code AdamW} zeroes them after the
     * update), each chunk's loss weighted so that the sum is the whole batch's loss: the
     * autograd graph then holds a few sequences instead of every rollout of the step (32
     * Countdown rollouts at once kept nearly 3 GB).
     */
    static final int MICRO_SEQUENCES = 8;

    private int microSequences = MICRO_SEQUENCES;

    /** For tests: run {@code n} sequences per forward/backward pass. */
    GrpoTrainer withMicroSequences(int n) {
        this.microSequences = n;
        return this;
    }

    /**
     * Forward and backward of the kept rollouts, chunk by chunk; returns the batch's loss and
     * fills the metrics (clip ratios, KL and entropy as means over all completion tokens, the
     * ratio gap as their maximum).
     *
     * @param old the sampling policy's log-probs per chunk (B, T-1) when μ &gt; 1; nulls when μ = 1
     */
    private Backward backward(List<Rows> chunks, double[] adv, List<float[][]> old) {
        long sequences = 0;
        double tokens = 0;
        double[] chunkTokens = new double[chunks.size()];  // completion tokens in the loss
        for (int k = 0; k < chunks.size(); k++) {
            sequences += chunks.get(k).tokens().batchSize();
            for (float x : chunks.get(k).mask()) {
                chunkTokens[k] += x;
            }
            tokens += chunkTokens[k];
        }
        double loss = 0;
        TokenMetrics sums = TokenMetrics.ZERO;
        int offset = 0;
        for (int k = 0; k < chunks.size(); k++) {
            Rows c = chunks.get(k);
            int b = c.tokens().batchSize();
            double share = tokens == 0 ? 0 : chunkTokens[k] / tokens;
            // the chunk's share of the batch loss: token-level (DAPO) by tokens, else by rows
            double weight = config.loss().aggregation() == GrpoLoss.Aggregation.DAPO
                    ? share : b / (double) sequences;
            Backward part = backward(c, Arrays.copyOfRange(adv, offset, offset + b), old.get(k),
                    weight);
            loss += part.loss();
            sums = sums.plus(part.metrics(), share);
            offset += b;
        }
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("The GRPO loss became " + loss + " at step "
                    + step + "; lower the learning rate (now " + schedule.lr(step) + ").");
        }
        return new Backward(loss, sums);
    }

    /**
     * Forward and backward of one chunk, its loss scaled by {@code weight}; returns the scaled
     * loss and the chunk's own metrics.
     *
     * @param old the sampling policy's log-probs (B, T-1) when μ &gt; 1; null when μ = 1
     */
    private Backward backward(Rows rows, double[] adv, float[][] old, double weight) {
        TokenBatch tokens = rows.tokens();
        float[] mask = rows.mask();
        int b = tokens.batchSize();
        int t = tokens.length() - 1;
        float[] a = new float[b];
        for (int i = 0; i < b; i++) {
            a[i] = (float) adv[i];
        }
        try (NDManager scope = model.manager().newSubManager();
                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray target = dev.tinyreason.tensor.Ops.ids(scope,
                    LlamaModel.nextTokenTargets(tokens)).expandDims(2);          // (B,T-1,1)
            NDArray logSoftmax = model.nextTokenLogits(scope, tokens,
                    UnaryOperator.identity()).logSoftmax(2);                        // (B,T-1,V)
            NDArray logp = logSoftmax.gather(target, 2).squeeze(2);               // (B,T-1)
            NDArray m = scope.create(mask, new Shape(b, t));
            NDArray ref = null;
            if (reference != null) {
                ref = reference.tokenLogProbs(scope, tokens).stopGradient();      // (B,T-1)
            }
            NDArray oldLogp = old == null ? logp : scope.create(flatten(old), new Shape(b, t));
            GrpoLoss.Result r = GrpoLoss.compute(logp, oldLogp, ref, scope.create(a), m,
                    config.maxCompletionLength(), config.loss());
            NDArray scaled = r.loss().mul((float) weight);
            gc.backward(scaled);
            NDArray entropy = logSoftmax.exp().mul(logSoftmax).sum(new int[] {2}).neg()
                    .stopGradient();
            double n = m.sum().getFloat();
            // |π_train / π_sampler − 1| at the completion tokens: 0 up to float rounding when
            // sampling and training compute the same distribution (same weights, temperature
            // 1, no top-k/top-p, no dropout); any mismatch would bias the clipped objective
            NDArray gap = logp.stopGradient().sub(scope.create(rows.sampled(), new Shape(b, t))).exp()
                    .sub(scope.create(1f)).abs().mul(m);
            return new Backward(scaled.getFloat(), new TokenMetrics(r.clipLowRatio(),
                    r.clipHighRatio(), r.kl(), n == 0 ? 0 : entropy.mul(m).sum().getFloat() / n,
                    n == 0 ? 0 : gap.max().getFloat()));
        }
    }

    /** Where a rollout's completion sits in its row, and whether the loss leaves it out. */
    private record Span(int promptLength, int completionLength, boolean masked) {}

    /**
     * Token-level metrics of a chunk or a step: clip ratios, KL and entropy as means over
     * completion tokens, the sampler-vs-trainer ratio gap as a maximum.
     */
    private record TokenMetrics(double clipLow, double clipHigh, double kl, double entropy,
            double ratioGap) {
        static final TokenMetrics ZERO = new TokenMetrics(0, 0, 0, 0, 0);

        /** These plus {@code o} weighted by {@code w} (its token share); the gap is the larger. */
        TokenMetrics plus(TokenMetrics o, double w) {
            return new TokenMetrics(clipLow + w * o.clipLow, clipHigh + w * o.clipHigh,
                    kl + w * o.kl, entropy + w * o.entropy, Math.max(ratioGap, o.ratioGap));
        }

        TokenMetrics withRatioGap(double gap) {
            return new TokenMetrics(clipLow, clipHigh, kl, entropy, gap);
        }
    }

    /** A backward pass's (weighted) loss and its metrics. */
    private record Backward(double loss, TokenMetrics metrics) {}

    private static float[] flatten(float[][] rows) {
        int t = rows[0].length;
        float[] out = new float[rows.length * t];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * t, t);
        }
        return out;
    }

    @Override
    public void close() {
        if (reference != null) {
            reference.close();
        }
    }
}
