package dev.tinyreason.train.grpo;

/**
 * Group-relative advantages (Shao et al. 2024, DeepSeekMath's GRPO): each prompt gets G
 * completions, and a completion's advantage is its reward against its group's,
 * {@code A_i = (r_i − mean(r_group)) / (std + 1e-4)} — no value model. Rewards arrive group by
 * group: {@code rewards[g * G + i]}.
 *
 * <p>The scale follows TRL's {@code scale_rewards}: the group's standard deviation
 * ({@link Scale#GROUP}, the paper), the whole batch's ({@link Scale#BATCH}), or none at all
 * ({@link Scale#NONE}; Dr. GRPO, Liu et al. 2025, which argues the division favours groups
 * whose rewards barely differ). Standard deviations are the unbiased ones, as
 * {@code torch.std} computes them.
 */
public final class Advantages {

    /** TRL's epsilon in the denominator. */
    public static final double EPS = 1e-4;

    /** How advantages are scaled after centring on the group mean. */
    public enum Scale { GROUP, BATCH, NONE }

    private Advantages() {}

    /** Advantages of {@code rewards}, groups of {@code groupSize} in a row. */
    public static double[] compute(double[] rewards, int groupSize, Scale scale) {
        checkShape(rewards, groupSize);
        double[] out = new double[rewards.length];
        double batchStd = std(rewards, 0, rewards.length);
        for (int g = 0; g < rewards.length; g += groupSize) {
            double mean = mean(rewards, g, g + groupSize);
            double div = switch (scale) {
                case GROUP -> std(rewards, g, g + groupSize) + EPS;
                case BATCH -> batchStd + EPS;
                case NONE -> 1.0;
            };
            for (int i = g; i < g + groupSize; i++) {
                out[i] = (rewards[i] - mean) / div;
            }
        }
        return out;
    }

    /**
     * TRL's {@code frac_reward_zero_std}: the share of groups whose rewards are all equal. Their
     * advantages are 0, so they teach nothing — what DAPO's dynamic sampling filters out.
     */
    public static double fracZeroStd(double[] rewards, int groupSize) {
        checkShape(rewards, groupSize);
        int zero = 0;
        for (int g = 0; g < rewards.length; g += groupSize) {
            zero += allEqual(rewards, g, g + groupSize) ? 1 : 0;
        }
        return (double) zero / (rewards.length / groupSize);
    }

    /** Whether the rewards of group {@code g} are all equal (within 1e-9). */
    public static boolean isFlat(double[] rewards, int groupSize, int g) {
        checkShape(rewards, groupSize);
        return allEqual(rewards, g * groupSize, (g + 1) * groupSize);
    }

    private static boolean allEqual(double[] v, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            if (Math.abs(v[i] - v[from]) > 1e-9) {
                return false;
            }
        }
        return true;
    }

    private static void checkShape(double[] rewards, int groupSize) {
        if (groupSize < 2 || rewards.length == 0 || rewards.length % groupSize != 0) {
            throw new IllegalArgumentException("Rewards must come in whole groups of at least "
                    + "2 completions: got " + rewards.length + " rewards for groups of "
                    + groupSize + ".");
        }
    }

    static double mean(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return s / (to - from);
    }

    /** Unbiased standard deviation (n − 1), as {@code torch.std}. */
    static double std(double[] v, int from, int to) {
        int n = to - from;
        if (n < 2) {
            return 0;
        }
        double m = mean(v, from, to);
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (v[i] - m) * (v[i] - m);
        }
        return Math.sqrt(s / (n - 1));
    }
}
