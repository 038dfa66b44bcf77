package dev.tinyreason.train.grpo;

import dev.tinyreason.train.MetricLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a GRPO run's metric log and says, in words, what it sees: the checks a practitioner
 * makes on TRL's curves. Each finding names its evidence (numbers from the log) and what to do.
 * Trends compare the first and the last fifth of the run.
 *
 * <ul>
 *   <li><b>truncated</b>: {@code completions/clipped_ratio} high — completions hit the length
 *       limit; with overlong masking they teach nothing, without it they all score 0.</li>
 *   <li><b>flat groups</b>: {@code frac_reward_zero_std} high — every completion of a prompt
 *       scores the same, so advantages are 0: the task is too easy or too hard for the model;
 *       dynamic sampling (or harder/easier prompts) helps.</li>
 *   <li><b>entropy collapse</b>: {@code entropy} falls to a small fraction of its start — the
 *       policy stops exploring; clip-higher, a lower learning rate or a KL term counter it.</li>
 *   <li><b>format hacking</b>: {@code rewards/format} rises while {@code rewards/correct} does
 *       not — the model collects the format tier without solving more.</li>
 *   <li><b>reward without held-out gain</b>: the training reward rises while
 *       {@code eval/accuracy} does not — what to check before believing a reward curve.</li>
 *   <li><b>learning</b>: held-out accuracy above its start.</li>
 * </ul>
 */
public final class GrpoDoctor {

    /** One observation. */
    public record Finding(String signal, String evidence, String meaning) {}

    private GrpoDoctor() {}

    /** What the log shows, the held-out set's size unknown (no noise check). */
    public static List<Finding> diagnose(MetricLog log) {
        return diagnose(log, 0);
    }

    /**
     * What the log shows. With {@code heldOutProblems} &gt; 0, a held-out change smaller than
     * two standard errors of a difference between two accuracies on that many problems,
     * {@code 2·sqrt(2·p(1−p)/n)}, is reported as noise, not as learning.
     */
    public static List<Finding> diagnose(MetricLog log, int heldOutProblems) {
        List<Finding> out = new ArrayList<>();
        double[] reward = log.series("reward");
        if (reward.length < 10) {
            out.add(new Finding("too short", reward.length + " steps logged",
                    "Run at least 10 steps before reading the curves."));
            return out;
        }
        double clipped = tail(log.series("completions/clipped_ratio"));
        if (clipped >= 0.5) {
            out.add(new Finding("truncated", f("completions/clipped_ratio %.2f at the end",
                    clipped), "Most completions hit the length limit: raise "
                    + "maxCompletionLength, or penalise length; masked, they teach nothing."));
        }
        double zero = tail(log.series("frac_reward_zero_std"));
        double r1 = tail(reward);
        if (zero >= 0.8) {
            out.add(new Finding("flat groups", f("frac_reward_zero_std %.2f, reward %.2f", zero,
                    r1), (r1 > 0.5 ? "The prompts are too easy" : "The prompts are too hard")
                    + ": most groups have zero advantage. Use dynamic sampling or change the "
                    + "prompt difficulty."));
        }
        double[] entropy = log.series("entropy");
        if (entropy.length >= 10 && tail(entropy) < 0.3 * head(entropy)) {
            out.add(new Finding("entropy collapse", f("entropy %.3f → %.3f", head(entropy),
                    tail(entropy)), "The policy has nearly stopped exploring: lower the "
                    + "learning rate, use clip-higher, or add a KL term (beta > 0)."));
        }
        double[] format = log.series("rewards/format");
        double[] correct = log.series("rewards/correct");
        if (format.length >= 10 && correct.length == format.length
                && tail(format) - head(format) > 0.1 && tail(correct) - head(correct) < 0.02) {
            out.add(new Finding("format hacking", f("rewards/format %.2f → %.2f, "
                    + "rewards/correct %.2f → %.2f", head(format), tail(format),
                    head(correct), tail(correct)), "The model learns to collect the format "
                    + "reward without solving more problems: lower the format tier."));
        }
        double[] acc = log.series("eval/accuracy");
        if (acc.length >= 2) {
            double a0 = acc[0];
            double a1 = acc[acc.length - 1];
            double best = max(acc);
            if (tail(reward) - head(reward) > 0.05 && a1 - a0 < 0.02) {
                out.add(new Finding("reward without held-out gain", f("reward %.3f → %.3f, "
                        + "held-out accuracy %.3f → %.3f", head(reward), tail(reward), a0, a1),
                        "The training reward rose but held-out accuracy did not: do not trust "
                        + "the reward curve alone."));
            }
            double noise = heldOutProblems > 0
                    ? 2 * Math.sqrt(2 * Math.max(a0 * (1 - a0), 0.01) / heldOutProblems) : 0.02;
            if (heldOutProblems > 0 && best > a0 && best - a0 <= noise) {
                out.add(new Finding("no clear held-out gain", f("held-out accuracy %.3f at "
                        + "the start, best %.3f, last %.3f on %d problems", a0, best, a1,
                        heldOutProblems), f("The best gain, %.3f, is within two standard "
                        + "errors (%.3f) on this many problems: not evidence of learning. "
                        + "Keeping the best point also picks up noise; confirm on a larger "
                        + "test set.", best - a0, noise)));
            } else if (best > a0 + noise) {
                out.add(new Finding("learning", f("held-out accuracy %.3f at the start, best "
                        + "%.3f, last %.3f", a0, best, a1), best > a1 + 0.05
                        ? "It learned, then gave part of it back: keep the best checkpoint "
                        + "(early stopping on validation) or lower the learning rate."
                        : "Held-out accuracy rose: GRPO is working."));
            } else if (a1 < a0 - Math.max(noise, 0.05)) {
                out.add(new Finding("held-out decline", f("held-out accuracy %.3f → %.3f", a0,
                        a1), "The policy got worse off the training prompts: lower the "
                        + "learning rate or add a KL term."));
            }
        }
        if (out.isEmpty()) {
            out.add(new Finding("unclear", f("reward %.3f → %.3f", head(reward), tail(reward)),
                    "No clear signal yet: train longer and look again."));
        }
        return out;
    }

    private static double head(double[] v) {
        return MetricLog.headMean(v, 5);
    }

    private static double tail(double[] v) {
        return MetricLog.tailMean(v, 5);
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
