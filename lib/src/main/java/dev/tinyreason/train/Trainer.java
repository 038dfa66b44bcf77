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
 * Next-token training of a {@link LlamaModel}: cross-entropy on the tokens a batch marks,
 * summed over {@code gradientAccumulationSteps} micro-batches, then one clipped AdamW step on
 * the warmup + cosine schedule. Pretraining marks every token; SFT marks only the assistant's.
 *
 * <pre>{@code
 * Trainer trainer = new Trainer(model, TrainConfig.pretraining(300));
 * trainer.train(new TokenWindows(corpus, 128), 300, r -> bar.update(r.step(), r.summary()));
 * }</pre>
 *
 * <p>The loss of a step is the mean over all marked tokens of all its micro-batches, so
 * accumulating k micro-batches gives the same update as one k-times larger batch. Same model
 * seed and same {@code seed} give the same loss curve. Every micro-batch runs in its own
 * native scope: nothing grows from step to step.
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

        boolean counts(int b, int t) {
            return tokens.isTarget(b, t) && (lossMask == null || lossMask[b][t]);
        }
    }

    /** What one optimizer step did. */
    public record StepResult(int step, double loss, double gradNorm, double learningRate,
            long tokens, double seconds) {

        /** A short line for a progress bar. */
        public String summary() {
            return String.format(java.util.Locale.ROOT, "loss %.4f · lr %.2e · |g| %.3f", loss,
                    learningRate, gradNorm);
        }
    }

    private final LlamaModel model;
    private final TrainConfig config;
    private final AdamW optimizer;
    private final LearningRateSchedule schedule;
    private final Random rng;
    private final MetricLog log = new MetricLog();
    private int step;
    private long tokensSeen;

    public Trainer(LlamaModel model, TrainConfig config) {
        this.model = model;
        this.config = config;
        this.optimizer = new AdamW(config.adam(), config.weightDecay());
        this.schedule = config.schedule();
        this.rng = new Random(config.seed());
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
            throw new IllegalArgumentException("These batches mark no token to predict.");
        }
        double loss = 0;
        for (Batch mb : microBatches) {
            loss += backward(mb, total);
        }
        double lr = schedule.lr(step);
        double norm = optimizer.step(model, lr, config.maxGradNorm());
        step++;
        tokensSeen += total;
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> row = new LinkedHashMap<>();
        row.put(MetricLog.LOSS, loss);
        row.put(MetricLog.GRAD_NORM, norm);
        row.put(MetricLog.LEARNING_RATE, lr);
        row.put(MetricLog.NUM_TOKENS, (double) tokensSeen);
        row.put(MetricLog.TOKENS_PER_SECOND, total / seconds);
        log.log(step, row);
        return new StepResult(step, loss, norm, lr, tokensSeen, seconds);
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

    /**
     * Runs {@code steps} optimizer steps, each on {@code gradientAccumulationSteps} batches of
     * {@code batchSize} from {@code data}, calling {@code onStep} after each (may be null).
     */
    public List<StepResult> train(BatchSource data, int steps, Consumer<StepResult> onStep) {
        List<StepResult> results = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            List<Batch> micro = new ArrayList<>(config.gradientAccumulationSteps());
            for (int k = 0; k < config.gradientAccumulationSteps(); k++) {
                micro.add(data.next(config.batchSize(), rng));
            }
            StepResult r = step(micro);
            results.add(r);
            if (onStep != null) {
                onStep.accept(r);
            }
        }
        return results;
    }

    /** Forward and backward of one micro-batch; returns its share of the step's loss. */
    private double backward(Batch mb, int totalTargets) {
        TokenBatch tokens = mb.tokens();
        int b = tokens.batchSize();
        int t = tokens.length() - 1;
        float[] weights = new float[b * t];  // 1/N on the predictions that count
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                weights[i * t + j] = mb.counts(i, j + 1) ? 1f / totalTargets : 0f;
            }
        }
        try (NDManager scope = model.manager().newSubManager();
                Autocast precision = Autocast.of(config.precision());
                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray logProbs = model.tokenLogProbs(scope, tokens);            // (B, T-1)
            NDArray loss = logProbs.mul(scope.create(weights, new Shape(b, t))).sum().neg();
            gc.backward(loss);
            double value = loss.getFloat();
            if (!Double.isFinite(value)) {
                throw new IllegalStateException("The loss became " + value + " at step " + step
                        + "; lower the learning rate (now " + schedule.lr(step) + ").");
            }
            return value;
        }
    }
}
