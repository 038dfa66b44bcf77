package dev.tinyreason.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.tinyreason.model.Checkpoint;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.TokenBatch;
import dev.tinyreason.tensor.Autocast;
import dev.tinyreason.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The course's one training loop for a {@link LlamaModel}: an {@link Objective} scores each
 * micro-batch (cross-entropy on the tokens it marks, by default), gradients are summed over
 * {@code gradientAccumulationSteps} micro-batches, then one clipped AdamW step on the warmup +
 * cosine schedule. Pretraining marks every token; SFT ({@code train.sft.SftTrainer}) marks only
 * the assistant's and plugs in its own objective (its loss variant, NEFTune, token accuracy and
 * entropy).
 *
 * <pre>{@code
 * Trainer trainer = new Trainer(model, TrainConfig.pretraining(300));
 * trainer.train(new TokenWindows(corpus, 128), 300, r -> bar.update(r.step(), r.summary()));
 * }</pre>
 *
 * <p>The loss of a step is the mean over all marked tokens of all its micro-batches, so
 * accumulating k micro-batches gives the same update as one k-times larger batch. Same model
 * seed and same {@code seed} give the same loss curve. Every micro-batch runs in its own
 * native scope: nothing grows from step to step. A run can {@linkplain #resume resume} at a
 * step count (the schedule and the data order continue; AdamW's moments restart from zero, as
 * they are not in a checkpoint) and {@linkplain #replan re-plan} its schedule's end.
 */
public final class Trainer {

    /** Where a training run gets its batches; {@code rng} is the trainer's seeded generator. */
    @FunctionalInterface
    public interface BatchSource {
        Batch next(int batchSize, Random rng);
    }

    /**
     * Token ids and which of them the loss predicts.
     *
     * @param tokens   the sequences (padding is never predicted)
     * @param lossMask (B, T): true for tokens whose prediction is trained, or null for all
     */
    public record Batch(TokenBatch tokens, boolean[][] lossMask) {

        public static Batch of(TokenBatch tokens) {
            return new Batch(tokens, null);
        }

        /** How many predictions count: real tokens after the first, and in the loss mask. */
        public int targets() {
            int n = 0;
            for (int b = 0; b < tokens.batchSize(); b++) {
                for (int t = 1; t < tokens.length(); t++) {
                    n += counts(b, t) ? 1 : 0;
                }
            }
            return n;
        }

        /** Whether the prediction of token {@code t} of sequence {@code b} is trained. */
        public boolean counts(int b, int t) {
            return tokens.isTarget(b, t) && (lossMask == null || lossMask[b][t]);
        }

        /**
         * (B, T-1): {@code weight} on each next-token prediction that counts, 0 elsewhere;
         * in {@code scope}.
         */
        public NDArray weights(NDManager scope, float weight) {
            int b = tokens.batchSize();
            int t = tokens.length() - 1;
            float[] w = new float[b * t];
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < t; j++) {
                    w[i * t + j] = counts(i, j + 1) ? weight : 0f;
                }
            }
            return scope.create(w, new Shape(b, t));
        }
    }

    /**
     * How a micro-batch is scored: its loss, a scalar to differentiate, with every prediction
     * that counts weighted by {@code weight} (1 / the step's target count), and any other
     * metrics weighted the same way, so that a step's values are sums over its micro-batches.
     * It runs inside the trainer's gradient scope; {@code scope} frees what it allocates.
     */
    @FunctionalInterface
    public interface Objective {
        Terms score(NDManager scope, LlamaModel model, Batch batch, float weight);
    }

    /** A micro-batch's loss (scalar) and its other metrics, by their log names. */
    public record Terms(NDArray loss, Map<String, Double> metrics) {}

    /** Next-token cross-entropy on the tokens a batch marks: pretraining's objective. */
    public static final Objective NEXT_TOKEN = (scope, model, mb, weight) -> {
        NDArray logProbs = model.tokenLogProbs(scope, mb.tokens());       // (B, T-1)
        return new Terms(logProbs.mul(mb.weights(scope, weight)).sum().neg(), Map.of());
    };

    /** What one optimizer step did; {@code metrics} holds the objective's other values. */
    public record StepResult(int step, double loss, double gradNorm, double learningRate,
            long tokens, double seconds, Map<String, Double> metrics) {

        /** A short line for a progress bar. */
        public String summary() {
            return String.format(java.util.Locale.ROOT, "loss %.4f · lr %.2e · |g| %.3f", loss,
                    learningRate, gradNorm);
        }
    }

    private final LlamaModel model;
    private final TrainConfig config;
    private final Objective objective;
    private final AdamW optimizer;
    private LearningRateSchedule schedule;
    private final MetricLog log;
    private Random rng;
    private int step;
    private long tokensSeen;

    /** Pretraining: {@link #NEXT_TOKEN} on what each batch marks. */
    public Trainer(LlamaModel model, TrainConfig config) {
        this(model, config, NEXT_TOKEN, new MetricLog());
    }

    /** A fresh run with {@code objective}, logging to {@code log}. */
    public Trainer(LlamaModel model, TrainConfig config, Objective objective, MetricLog log) {
        this.model = model;
        this.config = config;
        this.objective = java.util.Objects.requireNonNull(objective, "objective");
        this.optimizer = new AdamW(config.adam(), config.weightDecay());
        this.schedule = config.schedule();
        this.log = log;
        this.rng = new Random(config.seed());
    }

    /**
     * A trainer that continues a run whose metric log is {@code log}: it starts at the log's
     * last step, with the token count where it stopped, and a data order seeded by both.
     */
    public static Trainer resume(LlamaModel model, TrainConfig config, Objective objective,
            MetricLog log) {
        Trainer t = new Trainer(model, config, objective, log);
        t.step = lastStep(log);
        double seen = log.last(MetricLog.NUM_TOKENS);
        t.tokensSeen = Double.isNaN(seen) ? 0 : (long) seen;
        t.rng = new Random(config.seed() * 31 + t.step);
        return t;
    }

    /** The last step a run's metric log records (0 for an empty log): where it resumes. */
    public static int lastStep(MetricLog log) {
        int[] steps = log.steps(MetricLog.LOSS);
        return steps.length == 0 ? 0 : steps[steps.length - 1];
    }

    /**
     * Stops a run whose loss has diverged, with the fix in the message; every trainer of the
     * course (this loop, DPO, GRPO, TRM) calls it after its forward pass.
     *
     * @param loss the step's loss
     * @param what which loss, for the message ({@code "loss"}, {@code "DPO loss"}, ...)
     * @param step the step that produced it
     * @param lr   the learning rate of that step
     * @throws IllegalStateException if {@code loss} is NaN or infinite
     */
    public static void requireFinite(double loss, String what, int step, double lr) {
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                    "The %s became %s at step %d; lower the learning rate (now %.2e).", what,
                    loss, step, lr));
        }
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

    /** One optimizer step over {@code microBatches} (their gradients are summed). */
    public StepResult step(List<Batch> microBatches) {
        long t0 = System.nanoTime();
        int total = microBatches.stream().mapToInt(Batch::targets).sum();
        if (total == 0) {
            throw new IllegalArgumentException("These batches mark no token to predict; check "
                    + "that the loss mask covers what should be learned (the assistant's reply "
                    + "in SFT).");
        }
        double loss = 0;
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Batch mb : microBatches) {
            try (NDManager scope = model.manager().newSubManager();
                    Autocast precision = Autocast.of(config.precision());
                    GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                Terms terms = objective.score(scope, model, mb, 1f / total);
                gc.backward(terms.loss());
                double value = terms.loss().getFloat();
                requireFinite(value, "loss", step, schedule.lr(step));
                loss += value;
                terms.metrics().forEach((k, v) -> metrics.merge(k, v, Double::sum));
            }
        }
        double lr = schedule.lr(step);
        double norm = optimizer.step(model, lr, config.maxGradNorm());
        step++;
        tokensSeen += total;
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> row = new LinkedHashMap<>();
        row.put(MetricLog.LOSS, loss);
        row.putAll(metrics);
        row.put(MetricLog.GRAD_NORM, norm);
        row.put(MetricLog.LEARNING_RATE, lr);
        row.put(MetricLog.NUM_TOKENS, (double) tokensSeen);
        row.put(MetricLog.TOKENS_PER_SECOND, total / seconds);
        log.log(step, row);
        return new StepResult(step, loss, norm, lr, tokensSeen, seconds, Map.copyOf(metrics));
    }

    /**
     * Saves the model, {@code tokenizer} (may be null) and this run's metric log as a Hugging
     * Face checkpoint folder (atomically; see {@link Checkpoint}).
     */
    public void saveCheckpoint(Path dir, Tokenizer tokenizer) {
        Checkpoint.of(model, tokenizer).withTrainingLog(log.toCsv()).save(dir);
    }

    /** One optimizer step on one batch. */
    public StepResult step(Batch batch) {
        return step(List.of(batch));
    }

    /** One step on {@code gradientAccumulationSteps} batches of {@code batchSize} from data. */
    public StepResult step(BatchSource data) {
        List<Batch> micro = new ArrayList<>(config.gradientAccumulationSteps());
        for (int k = 0; k < config.gradientAccumulationSteps(); k++) {
            micro.add(data.next(config.batchSize(), rng));
        }
        return step(micro);
    }

    /**
     * Runs {@code steps} optimizer steps, each on {@code gradientAccumulationSteps} batches of
     * {@code batchSize} from {@code data}, calling {@code onStep} after each (may be null).
     */
    public List<StepResult> train(BatchSource data, int steps, Consumer<StepResult> onStep) {
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
}
