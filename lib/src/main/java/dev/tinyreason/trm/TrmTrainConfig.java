package dev.tinyreason.trm;

/**
 * How to train a {@link TrmConfig} model: optimizer, batch, deep supervision and EMA.
 *
 * @param batchSize           puzzles in flight at once (each slot carries its own y, z)
 * @param learningRate        AdamW peak learning rate
 * @param weightDecay         AdamW decoupled weight decay (the paper uses 1.0 at lr 1e-4)
 * @param beta1               AdamW beta1
 * @param beta2               AdamW beta2 (the paper uses 0.95)
 * @param warmupSteps         linear learning-rate warm-up; constant afterwards, as in the paper
 * @param emaDecay            decay of the exponential moving average of the weights that is
 *                            saved and evaluated (paper: 0.999); 0 turns EMA off
 * @param haltExplorationProb chance that a slot must run a random minimum number of steps
 *                            before it may halt (paper: 0.1), so the Q head sees late steps
 * @param qLossWeight         weight of the halting loss next to the answer loss (paper: 0.5)
 * @param seed                seeds weights, data order, augmentation and exploration
 */
public record TrmTrainConfig(int batchSize, float learningRate, float weightDecay, float beta1,
        float beta2, int warmupSteps, float emaDecay, float haltExplorationProb,
        float qLossWeight, long seed) {

    public TrmTrainConfig {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize
                    + ".");
        }
        if (!(learningRate > 0) || weightDecay < 0 || warmupSteps < 0) {
            throw new IllegalArgumentException("learningRate must be positive and weightDecay and "
                    + "warmupSteps not negative, got learningRate=" + learningRate
                    + ", weightDecay=" + weightDecay + ", warmupSteps=" + warmupSteps + ".");
        }
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) {
            throw new IllegalArgumentException("beta1 and beta2 must be in [0, 1), got beta1="
                    + beta1 + ", beta2=" + beta2 + ".");
        }
        if (emaDecay < 0 || emaDecay >= 1) {
            throw new IllegalArgumentException("emaDecay must be in [0, 1) (0 turns EMA off), got "
                    + emaDecay + ".");
        }
        if (haltExplorationProb < 0 || haltExplorationProb > 1 || qLossWeight < 0) {
            throw new IllegalArgumentException("haltExplorationProb must be in [0, 1] and "
                    + "qLossWeight not negative, got haltExplorationProb=" + haltExplorationProb
                    + ", qLossWeight=" + qLossWeight + ".");
        }
    }

    /** The course's CPU recipe: batch 64, lr 1e-3, weight decay 0.1, EMA 0.999. */
    public static TrmTrainConfig cpu() {
        return new TrmTrainConfig(64, 1e-3f, 0.1f, 0.9f, 0.95f, 200, 0.999f, 0.1f, 0.5f, 0);
    }

    /** Small and quick, for unit tests: batch 16, no warm-up, EMA 0.9. */
    public static TrmTrainConfig tiny() {
        return new TrmTrainConfig(16, 2e-3f, 0.1f, 0.9f, 0.95f, 0, 0.9f, 0.1f, 0.5f, 0);
    }

    public TrmTrainConfig withBatchSize(int batchSize) {
        return new TrmTrainConfig(batchSize, learningRate, weightDecay, beta1, beta2, warmupSteps,
                emaDecay, haltExplorationProb, qLossWeight, seed);
    }

    public TrmTrainConfig withLearningRate(float learningRate) {
        return new TrmTrainConfig(batchSize, learningRate, weightDecay, beta1, beta2, warmupSteps,
                emaDecay, haltExplorationProb, qLossWeight, seed);
    }

    public TrmTrainConfig withWeightDecay(float weightDecay) {
        return new TrmTrainConfig(batchSize, learningRate, weightDecay, beta1, beta2, warmupSteps,
                emaDecay, haltExplorationProb, qLossWeight, seed);
    }

    public TrmTrainConfig withWarmupSteps(int warmupSteps) {
        return new TrmTrainConfig(batchSize, learningRate, weightDecay, beta1, beta2, warmupSteps,
                emaDecay, haltExplorationProb, qLossWeight, seed);
    }

    public TrmTrainConfig withEmaDecay(float emaDecay) {
        return new TrmTrainConfig(batchSize, learningRate, weightDecay, beta1, beta2, warmupSteps,
                emaDecay, haltExplorationProb, qLossWeight, seed);
    }

    public TrmTrainConfig withSeed(long seed) {
        return new TrmTrainConfig(batchSize, learningRate, weightDecay, beta1, beta2, warmupSteps,
                emaDecay, haltExplorationProb, qLossWeight, seed);
    }
}
