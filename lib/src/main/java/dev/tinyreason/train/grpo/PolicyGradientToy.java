package dev.tinyreason.train.grpo;

import java.util.Random;

/**
 * The smallest policy-gradient problem: one prompt, {@code K} possible answers, a softmax policy
 * over them (its logits are the only parameters) and a fixed reward per answer. Small enough to
 * run thousands of steps in milliseconds, so a notebook can compare the estimators GRPO is built
 * from:
 *
 * <ul>
 *   <li>{@link Estimator#REINFORCE}: {@code ∇ = mean_i r_i ∇log π(a_i)} (Williams 1992);</li>
 *   <li>{@link Estimator#BASELINE}: {@code r_i − b} with {@code b = E_π[r]}, the exact
 *       expected reward under the current policy — what PPO's value model learns to
 *       predict. The same expected gradient, less variance;</li>
 *   <li>{@link Estimator#GROUP}: GRPO's group-relative advantage, {@code (r_i − mean) / (std +
 *       1e-4)} over the G answers sampled for the prompt at this step — a baseline with no
 *       memory and no value model, and a per-prompt step size.</li>
 * </ul>
 *
 * <p>For a softmax, {@code ∇_logits log π(a) = onehot(a) − π}; each step samples G answers
 * and moves the logits by {@code lr} times the estimate (gradient ascent on the reward).
 */
public final class PolicyGradientToy {

    /** How a sampled answer's reward becomes its weight in the gradient. */
    public enum Estimator { REINFORCE, BASELINE, GROUP }

    private PolicyGradientToy() {}

    /**
     * Trains from {@code logits} and returns the probability of the best answer before each
     * step and after the last ({@code steps + 1} values).
     *
     * @param rewards   the reward of each answer
     * @param logits    the starting logits, one per answer
     * @param groupSize G, answers sampled per step
     */
    public static double[] run(double[] rewards, double[] logits, Estimator estimator,
            int groupSize, int steps, double lr, long seed) {
        if (rewards.length != logits.length || rewards.length < 2) {
            throw new IllegalArgumentException("rewards and logits need one length of at least "
                    + "2, got " + rewards.length + " and " + logits.length + ".");
        }
        if (groupSize < 2 || steps < 0) {
            throw new IllegalArgumentException("groupSize must be at least 2 and steps not "
                    + "negative.");
        }
        int k = rewards.length;
        int best = 0;
        for (int a = 1; a < k; a++) {
            best = rewards[a] > rewards[best] ? a : best;
        }
        double[] z = logits.clone();
        double[] out = new double[steps + 1];
        Random rng = new Random(seed);
        for (int s = 0; s <= steps; s++) {
            double[] p = softmax(z);
            out[s] = p[best];
            if (s == steps) {
                break;
            }
            double[] grad = gradient(rewards, p, estimator, groupSize, rng);
            for (int a = 0; a < k; a++) {
                z[a] += lr * grad[a];
            }
        }
        return out;
    }

    /** One step's gradient estimate (on the logits) from G answers sampled from {@code p}. */
    static double[] gradient(double[] rewards, double[] p, Estimator estimator, int groupSize,
            Random rng) {
        int k = p.length;
        int[] picks = new int[groupSize];
        double[] r = new double[groupSize];
        for (int i = 0; i < groupSize; i++) {
            picks[i] = sample(p, rng);
            r[i] = rewards[picks[i]];
        }
        double expected = 0;
        for (int a = 0; a < k; a++) {
            expected += p[a] * rewards[a];
        }
        double[] w = switch (estimator) {
            case REINFORCE -> r.clone();
            case BASELINE -> {
                double[] c = new double[groupSize];
                for (int i = 0; i < groupSize; i++) {
                    c[i] = r[i] - expected;
                }
                yield c;
            }
            case GROUP -> Advantages.compute(r, groupSize, Advantages.Scale.GROUP);
        };
        double[] grad = new double[k];
        for (int i = 0; i < groupSize; i++) {
            for (int a = 0; a < k; a++) {
                grad[a] += w[i] * ((a == picks[i] ? 1 : 0) - p[a]) / groupSize;
            }
        }
        return grad;
    }

    /**
     * The estimator's gradient on the best answer's logit at the starting policy, over
     * {@code draws} independent steps: {@code {mean, std, mean / std}}. The last, a
     * signal-to-noise ratio, does not depend on the step size, so estimators that scale
     * differently can be compared.
     */
    public static double[] gradientNoise(double[] rewards, double[] logits, Estimator estimator,
            int groupSize, int draws, long seed) {
        int best = 0;
        for (int a = 1; a < rewards.length; a++) {
            best = rewards[a] > rewards[best] ? a : best;
        }
        double[] p = softmax(logits);
        Random rng = new Random(seed);
        double[] g = new double[draws];
        for (int d = 0; d < draws; d++) {
            g[d] = gradient(rewards, p, estimator, groupSize, rng)[best];
        }
        double mean = Advantages.mean(g, 0, draws);
        double std = Advantages.std(g, 0, draws);
        return new double[] {mean, std, mean / std};
    }

    /** {@link #run} averaged over {@code seeds} seeds (0, 1, ...). */
    public static double[] meanRun(double[] rewards, double[] logits, Estimator estimator,
            int groupSize, int steps, double lr, int seeds) {
        double[] sum = new double[steps + 1];
        for (int seed = 0; seed < seeds; seed++) {
            double[] one = run(rewards, logits, estimator, groupSize, steps, lr, seed);
            for (int s = 0; s <= steps; s++) {
                sum[s] += one[s] / seeds;
            }
        }
        return sum;
    }

    static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double[] p = new double[z.length];
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static int sample(double[] p, Random rng) {
        double u = rng.nextDouble();
        double c = 0;
        for (int i = 0; i < p.length; i++) {
            c += p[i];
            if (u < c) {
                return i;
            }
        }
        return p.length - 1;
    }
}
