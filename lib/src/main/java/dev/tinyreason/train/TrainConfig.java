package dev.tinyreason.train;

import dev.tinyreason.tensor.Precision;

/**
 * Settings of a training run, named as TRL's {@code TrainingArguments} (learning_rate,
 * warmup_steps, max_steps, weight_decay, adam_beta1, max_grad_norm,
 * gradient_accumulation_steps, per_device_train_batch_size, seed).
 *
 * @param learningRate              peak learning rate after warmup
 * @param warmupSteps               optimizer steps of linear warmup
 * @param maxSteps                  optimizer steps of the run (the cosine reaches its floor here)
 * @param minLrRatio                floor of the cosine as a fraction of the peak
 * @param weightDecay               AdamW's decoupled decay on the block matrices
 * @param adamBeta1                 AdamW β1
 * @param adamBeta2                 AdamW β2
 * @param adamEpsilon               AdamW ε
 * @param maxGradNorm               clip the global gradient norm to this (0: no clipping)
 * @param gradientAccumulationSteps micro-batches summed into one optimizer step
 * @param batchSize                 sequences per micro-batch
 * @param seed                      seeds the weights and the data order
 * @param precision                 the matmuls' number format: FP32, or BF16 mixed precision
 *                                  with float32 master weights (TRL's {@code bf16=True})
 */
public record TrainConfig(double learningRate, int warmupSteps, int maxSteps, double minLrRatio,
        double weightDecay, double adamBeta1, double adamBeta2, double adamEpsilon,
        double maxGradNorm, int gradientAccumulationSteps, int batchSize, long seed,
        Precision precision) {

    public TrainConfig {
        if (precision == null) {
            throw new IllegalArgumentException("precision must be FP32 or BF16, got null.");
        }
        if (gradientAccumulationSteps < 1) {
            throw new IllegalArgumentException("gradientAccumulationSteps must be at least 1, "
                    + "got " + gradientAccumulationSteps + ".");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize
                    + ".");
        }
        if (maxGradNorm < 0) {
            throw new IllegalArgumentException("maxGradNorm must be 0 (off) or positive, got "
                    + maxGradNorm + ".");
        }
        if (!(adamBeta1 >= 0 && adamBeta1 < 1 && adamBeta2 >= 0 && adamBeta2 < 1)) {
            throw new IllegalArgumentException("adamBeta1 and adamBeta2 must be in [0, 1), got "
                    + adamBeta1 + " and " + adamBeta2 + ".");
        }
        schedule(learningRate, warmupSteps, maxSteps, minLrRatio);  // validates those four
    }

    /** The three Adam settings as one value. */
    public AdamW.Settings adam() {
        return new AdamW.Settings(adamBeta1, adamBeta2, adamEpsilon);
    }

    /** Pretraining defaults for the tiny models: lr 3e-3, 10% warmup, decay 0.1, clip 1. */
    public static TrainConfig pretraining(int maxSteps) {
        return new TrainConfig(3e-3, Math.max(1, maxSteps / 10), maxSteps, 0.1, 0.1, 0.9, 0.95,
                1e-8, 1.0, 1, 16, 42, Precision.FP32);
    }

    public LearningRateSchedule schedule() {
        return schedule(learningRate, warmupSteps, maxSteps, minLrRatio);
    }

    private static LearningRateSchedule schedule(double lr, int warmup, int max, double min) {
        return new LearningRateSchedule(lr, warmup, max, min);
    }

    public TrainConfig withLearningRate(double lr) {
        return new TrainConfig(lr, warmupSteps, maxSteps, minLrRatio, weightDecay, adamBeta1,
                adamBeta2, adamEpsilon, maxGradNorm, gradientAccumulationSteps, batchSize, seed,
                precision);
    }

    public TrainConfig withSteps(int warmup, int max) {
        return new TrainConfig(learningRate, warmup, max, minLrRatio, weightDecay, adamBeta1,
                adamBeta2, adamEpsilon, maxGradNorm, gradientAccumulationSteps, batchSize, seed,
                precision);
    }

    public TrainConfig withWeightDecay(double wd) {
        return new TrainConfig(learningRate, warmupSteps, maxSteps, minLrRatio, wd, adamBeta1,
                adamBeta2, adamEpsilon, maxGradNorm, gradientAccumulationSteps, batchSize, seed,
                precision);
    }

    public TrainConfig withMaxGradNorm(double clip) {
        return new TrainConfig(learningRate, warmupSteps, maxSteps, minLrRatio, weightDecay,
                adamBeta1, adamBeta2, adamEpsilon, clip, gradientAccumulationSteps, batchSize,
                seed, precision);
    }

    public TrainConfig withBatch(int size, int accumulation) {
        return new TrainConfig(learningRate, warmupSteps, maxSteps, minLrRatio, weightDecay,
                adamBeta1, adamBeta2, adamEpsilon, maxGradNorm, accumulation, size, seed,
                precision);
    }

    /** The same run with its matmuls in {@code p} (see {@link dev.tinyreason.tensor.Autocast}). */
    public TrainConfig withPrecision(Precision p) {
        return new TrainConfig(learningRate, warmupSteps, maxSteps, minLrRatio, weightDecay,
                adamBeta1, adamBeta2, adamEpsilon, maxGradNorm, gradientAccumulationSteps,
                batchSize, seed, p);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(learningRate, warmupSteps, maxSteps, minLrRatio, weightDecay,
                adamBeta1, adamBeta2, adamEpsilon, maxGradNorm, gradientAccumulationSteps,
                batchSize, s, precision);
    }
}
