package dev.tinyreason.train;

/**
 * Linear warmup, then cosine decay to {@code minLrRatio × peak} (Loshchilov and Hutter 2017,
 * "SGDR", without restarts; the schedule of GPT-3, Llama and nanoGPT). Pure Java so a notebook
 * can plot it before training.
 *
 * @param peak         learning rate reached at the end of warmup
 * @param warmupSteps  steps of linear growth from peak/warmupSteps to peak
 * @param totalSteps   step at which the cosine reaches its floor (and stays)
 * @param minLrRatio   the floor as a fraction of peak, 0.1 in Chinchilla
 */
public record LearningRateSchedule(double peak, int warmupSteps, int totalSteps,
        double minLrRatio) {

    public LearningRateSchedule {
        if (!(peak > 0) || !Double.isFinite(peak)) {
            throw new IllegalArgumentException("The peak learning rate must be positive, got "
                    + peak + ".");
        }
        if (warmupSteps < 0 || totalSteps <= 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("Need 0 <= warmupSteps <= totalSteps and "
                    + "totalSteps > 0, got warmupSteps=" + warmupSteps + ", totalSteps="
                    + totalSteps + ".");
        }
        if (minLrRatio < 0 || minLrRatio > 1) {
            throw new IllegalArgumentException("minLrRatio must be in [0, 1], got " + minLrRatio
                    + ".");
        }
    }

    /** A constant rate (no warmup, no decay). */
    public static LearningRateSchedule constant(double lr) {
        return new LearningRateSchedule(lr, 0, 1, 1);
    }

    /** The learning rate of optimizer step {@code step} (0-based). */
    public double lr(int step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        if (step >= totalSteps) {
            return peak * minLrRatio;
        }
        double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
        double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
        return peak * (minLrRatio + (1 - minLrRatio) * cosine);
    }
}
