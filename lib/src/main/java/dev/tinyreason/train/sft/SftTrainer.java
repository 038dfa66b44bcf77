package dev.tinyreason.train.sft;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.tinyreason.model.Checkpoint;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.TokenBatch;
import dev.tinyreason.tensor.Autocast;
import dev.tinyreason.tensor.Ops;
import dev.tinyreason.tokenizer.Tokenizer;
import dev.tinyreason.train.AdamW;
import dev.tinyreason.train.LearningRateSchedule;
import dev.tinyreason.train.MetricLog;
import dev.tinyreason.train.TrainConfig;
import dev.tinyreason.train.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The SFT loop (TRL's {@code SFTTrainer} at tiny scale): masked next-token cross-entropy, one
 * clipped AdamW step per {@code gradientAccumulationSteps} micro-batches on the warmup + cosine
 * schedule, logging TRL's keys {@code loss}, {@code mean_token_accuracy} (argmax = target on the
 * trained tokens), {@code entropy} (of the predicted distribution on the same tokens),
 * {@code num_tokens}, {@code grad_norm}, {@code learning_rate}. With an all-true mask it is
 * plain pretraining, so every stage of the pipeline runs through it.
 *
 * <p>It differs from {@link Trainer} in two ways: it reports accuracy and entropy, which need
 * the logits, and it can {@linkplain #resume resume} at a step count (the schedule and the
 * data order continue; AdamW's moments restart from zero, as they are not in a checkpoint).
 * Two SFT options of TRL's are here too: the {@link SftLoss} ({@code nll} or {@code dft}) and
 * {@link Neftune} noise on the input embeddings.
 */
public final class SftTrainer {

    /** What one optimizer step did. */
    public record StepResult(int step, double loss, double meanTokenAccuracy, double entropy,
            double gradNorm, double learningRate, long numTokens, double seconds) {

        /** A short line for a progress bar. */
        public String summary() {
            return String.format(java.util.Locale.ROOT, "loss %.4f · acc %.3f · lr %.2e", loss,
                    meanTokenAccuracy, learningRate);
        }
    }

    private final LlamaModel model;
    private final TrainConfig config;
    private final AdamW optimizer;
    private LearningRateSchedule schedule;
    private final MetricLog log;
    private final SftLoss loss;
    private final Neftune neftune;
    private Random rng;
    private Random noiseRng;
    private int step;
    private long tokensSeen;

    /** Cross-entropy, no NEFTune. */
    public SftTrainer(LlamaModel model, TrainConfig config) {
        this(model, config, SftLoss.NLL, Neftune.off());
    }

    public SftTrainer(LlamaModel model, TrainConfig config, SftLoss loss, Neftune neftune) {
        this(model, config, new MetricLog(), loss, neftune);
    }

    private SftTrainer(LlamaModel model, TrainConfig config, MetricLog log, SftLoss loss,
            Neftune neftune) {
        this.model = model;
        this.config = config;
        this.loss = java.util.Objects.requireNonNull(loss, "loss");
        this.neftune = java.util.Objects.requireNonNull(neftune, "neftune");
        this.optimizer = new AdamW(config.adam(), config.weightDecay());
        this.schedule = config.schedule();
        this.log = log;
        this.rng = new Random(config.seed());
        this.noiseRng = new Random(~config.seed());
    }

    /**
     * A trainer that continues a run whose metric log is {@code log}: it starts at the log's
     * last step, with the token count where it stopped, and a data order seeded by both.
     */
    public static SftTrainer resume(LlamaModel model, TrainConfig config, MetricLog log) {
        return resume(model, config, log, SftLoss.NLL, Neftune.off());
    }

    /** As {@link #resume(LlamaModel, TrainConfig, MetricLog)}, with a loss and NEFTune. */
    public static SftTrainer resume(LlamaModel model, TrainConfig config, MetricLog log,
            SftLoss loss, Neftune neftune) {
        SftTrainer t = new SftTrainer(model, config, log, loss, neftune);
        int[] steps = log.steps(MetricLog.LOSS);
        t.step = steps.length == 0 ? 0 : steps[steps.length - 1];
        double seen = log.last(MetricLog.NUM_TOKENS);
        t.tokensSeen = Double.isNaN(seen) ? 0 : (long) seen;
        t.rng = new Random(config.seed() * 31 + t.step);
        t.noiseRng = new Random(~(config.seed() * 31 + t.step));
        return t;
    }

    /**
     * Moves the end of the cosine to {@code maxSteps} (warmup unchanged), keeping AdamW's state:
     * how a time-budgeted run re-plans when the machine turns out faster or slower.
     */
    public void replan(int maxSteps) {
        LearningRateSchedule s = schedule;
        int total = Math.max(maxSteps, Math.max(step + 1, s.warmupSteps() + 1));
        schedule = new LearningRateSchedule(s.peak(), s.warmupSteps(), total, s.minLrRatio());
    }

    /** The step at which the cosine reaches its floor. */
    public int plannedSteps() {
        return schedule.totalSteps();
    }

    public LlamaModel model() {
        return model;
    }

    public MetricLog log() {
        return log;
    }

    public int stepsDone() {
        return step;
    }

    /** Saves model, tokenizer and metric log as a checkpoint folder (see {@link Checkpoint}). */
    public void saveCheckpoint(Path dir, Tokenizer tokenizer) {
        Checkpoint.of(model, tokenizer).withTrainingLog(log.toCsv()).save(dir);
    }

    /** One optimizer step over {@code microBatches}, their gradients summed. */
    public StepResult step(List<Trainer.Batch> microBatches) {
        long t0 = System.nanoTime();
        int total = microBatches.stream().mapToInt(Trainer.Batch::targets).sum();
        if (total == 0) {
            throw new IllegalArgumentException("These batches mark no token to predict; check "
                    + "that the loss mask covers the assistant's reply.");
        }
        Sums sums = new Sums(0, 0, 0);
        for (Trainer.Batch mb : microBatches) {
            sums = sums.plus(backward(mb, total));
        }
        double lr = schedule.lr(step);
        double norm = optimizer.step(model, lr, config.maxGradNorm());
        step++;
        tokensSeen += total;
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> row = new LinkedHashMap<>();
        row.put(MetricLog.LOSS, sums.loss());
        row.put(MetricLog.MEAN_TOKEN_ACCURACY, sums.accuracy());
        row.put("entropy", sums.entropy());
        row.put(MetricLog.GRAD_NORM, norm);
        row.put(MetricLog.LEARNING_RATE, lr);
        row.put(MetricLog.NUM_TOKENS, (double) tokensSeen);
        row.put(MetricLog.TOKENS_PER_SECOND, total / seconds);
        log.log(step, row);
        return new StepResult(step, sums.loss(), sums.accuracy(), sums.entropy(), norm, lr,
                tokensSeen, seconds);
    }

    /** One step on {@code gradientAccumulationSteps} batches of {@code batchSize} from data. */
    public StepResult step(Trainer.BatchSource data) {
        List<Trainer.Batch> micro = new ArrayList<>(config.gradientAccumulationSteps());
        for (int k = 0; k < config.gradientAccumulationSteps(); k++) {
            micro.add(data.next(config.batchSize(), rng));
        }
        return step(micro);
    }

    /** Runs {@code steps} optimizer steps, calling {@code onStep} after each (may be null). */
    public List<StepResult> train(Trainer.BatchSource data, int steps,
            Consumer<StepResult> onStep) {
        List<StepResult> results = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            StepResult r = step(data);
            results.add(r);
            if (onStep != null) {
                onStep.accept(r);
            }
        }
        return results;
    }

    /** Cross-entropy and token accuracy on held-out conversations, over trained tokens. */
    public record HeldOutScore(double loss, double meanTokenAccuracy, long tokens) {}

    /**
     * Mean cross-entropy and mean token accuracy of {@code model} on {@code conversations}
     * (their loss masks), without gradients or noise: the eval numbers of an SFT run.
     */
    public static HeldOutScore evaluate(LlamaModel model, List<Conversation> conversations) {
        List<Conversation> sorted = new SftBatches(conversations, Integer.MAX_VALUE)
                .conversations();  // by length: little padding per batch
        double nll = 0;
        double hits = 0;
        long n = 0;
        for (int from = 0; from < sorted.size(); from += 16) {
            Trainer.Batch mb = SftBatches.batch(sorted.subList(from, Math.min(sorted.size(),
                    from + 16)), Integer.MAX_VALUE);
            try (NDManager scope = model.manager().newSubManager()) {
                Scored sc = score(scope, model, mb, UnaryOperator.identity(), 1f);
                nll -= sc.tokenLogp().mul(sc.weights()).sum().getFloat();
                hits += sc.hits().mul(sc.weights()).sum().getFloat();
            }
            n += mb.targets();
        }
        if (n == 0) {
            throw new IllegalArgumentException("These conversations mark no token to predict; "
                    + "check their loss masks.");
        }
        return new HeldOutScore(nll / n, hits / n, n);
    }

    /** Loss, token accuracy and entropy, each already divided by the step's target count. */
    private record Sums(double loss, double accuracy, double entropy) {
        Sums plus(Sums o) {
            return new Sums(loss + o.loss, accuracy + o.accuracy, entropy + o.entropy);
        }
    }

    /** Forward and backward of one micro-batch; returns its share of the step's metrics. */
    private Sums backward(Trainer.Batch mb, int totalTargets) {
        try (NDManager scope = model.manager().newSubManager();
                Autocast precision = Autocast.of(config.precision());
                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            Scored sc = score(scope, model, mb, neftune.hook(noiseRng), 1f / totalTargets);
            NDArray objective = loss.perToken(sc.tokenLogp()).mul(sc.weights()).sum();
            gc.backward(objective);
            double value = objective.getFloat();
            if (!Double.isFinite(value)) {
                throw new IllegalStateException("The loss became " + value + " at step " + step
                        + "; lower the learning rate (now " + schedule.lr(step) + ").");
            }
            NDArray entropy = sc.logp().exp().mul(sc.logp()).sum(new int[] {2}).neg(); // (B,T-1)
            return new Sums(value, sc.hits().mul(sc.weights()).sum().getFloat(),
                    entropy.mul(sc.weights()).sum().getFloat());
        }
    }

    /**
     * One micro-batch scored: next-token log-probs (B, T-1, V), the target's log-prob and
     * whether the argmax hit it (B, T-1), and {@code weight} on each prediction that counts
     * (a real target in the loss mask), 0 elsewhere.
     */
    private record Scored(NDArray logp, NDArray tokenLogp, NDArray hits, NDArray weights) {}

    private static Scored score(NDManager scope, LlamaModel model, Trainer.Batch mb,
            UnaryOperator<NDArray> afterEmbedding, float weight) {
        TokenBatch tokens = mb.tokens();
        int b = tokens.batchSize();
        int t = tokens.length() - 1;
        float[] w = new float[b * t];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                w[i * t + j] = counts(mb, i, j + 1) ? weight : 0f;
            }
        }
        NDArray logits = model.nextTokenLogits(scope, tokens, afterEmbedding);   // (B,T-1,V)
        NDArray logp = logits.logSoftmax(2);                                     // (B,T-1,V)
        NDArray target = Ops.ids(scope, LlamaModel.nextTokenTargets(tokens));    // (B,T-1)
        NDArray tokenLogp = logp.gather(target.expandDims(2), 2).squeeze(2);    // (B,T-1)
        NDArray hits = logits.argMax(2).eq(target).toType(DataType.FLOAT32, false);
        return new Scored(logp, tokenLogp, hits, scope.create(w, new Shape(b, t)));
    }

    private static boolean counts(Trainer.Batch mb, int b, int t) {
        return mb.tokens().isTarget(b, t)
                && (mb.lossMask() == null || mb.lossMask()[b][t]);
    }
}
