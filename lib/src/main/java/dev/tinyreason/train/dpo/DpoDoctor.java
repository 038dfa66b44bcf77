package dev.tinyreason.train.dpo;

import dev.tinyreason.infer.Evaluation;
import dev.tinyreason.infer.Scoreboard;
import dev.tinyreason.train.MetricLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a DPO run's metric log and says, in words, what it sees: the checks a practitioner
 * makes on TRL's curves. Each finding names the evidence (numbers from the log) and what to
 * do about it. The signals compare the first and the last tenth of the run.
 *
 * <ul>
 *   <li><b>learning</b>: margins up, accuracies well above 0.5;</li>
 *   <li><b>stuck</b>: accuracies near 0.5 and flat margins — β too small, a learning rate too
 *       low, or pairs whose two sides don't differ in anything the model can see;</li>
 *   <li><b>both rewards falling</b>: the chosen reward drops while the margin grows. Normal
 *       (the rejected reward drops faster); a common worry in TRL's issue tracker;</li>
 *   <li><b>chosen likelihood falling</b>: {@code logps/chosen} well below its start — the
 *       policy moves probability off both completions ("likelihood displacement"); APO-zero
 *       or a smaller learning rate counter it;</li>
 *   <li><b>runaway margins</b>: margins many times 1/β — the policy has drifted far from the
 *       reference; stop earlier or raise β.</li>
 * </ul>
 *
 * <p>Given what happened on held-out data ({@link HeldOut}), it also reads:
 * <ul>
 *   <li><b>memorised pairs</b>: reward accuracy high on the training pairs but not on held-out
 *       ones;</li>
 *   <li><b>shorter, as good</b>: traces shorter with accuracy within two standard errors of
 *       the start (paired, same problems);</li>
 *   <li><b>shorter but worse</b>: traces shorter and accuracy down by more than two standard
 *       errors — length preferred over correctness, often by skipping work the answer needs;
 *       a lower learning rate, fewer steps or an NLL anchor on the chosen side
 *       ({@code rpo_alpha}) counter it.</li>
 * </ul>
 */
public final class DpoDoctor {

    /** One observation. */
    public record Finding(String signal, String evidence, String meaning) {}

    /**
     * What a run did to held-out data.
     *
     * @param rewardAccuracy {@code rewards/accuracies} on held-out pairs after training
     * @param before         greedy evaluation of the start model
     * @param after          the trained model on the same problems
     */
    public record HeldOut(double rewardAccuracy, Evaluation before, Evaluation after) {}

    private DpoDoctor() {}

    /**
     * The log's reading ({@link #diagnose(MetricLog, double)}) and what happened on held-out
     * pairs and problems.
     */
    public static List<Finding> diagnose(MetricLog log, double beta, HeldOut heldOut) {
        List<Finding> out = new ArrayList<>(diagnose(log, beta));
        double[] train = log.series("rewards/accuracies");
        double a1 = train.length == 0 ? 0 : tail(train);
        if (a1 >= 0.8 && heldOut.rewardAccuracy() < a1 - 0.15) {
            out.add(new Finding("memorised pairs", f("reward accuracy %.2f on training pairs, "
                    + "%.2f held out", a1, heldOut.rewardAccuracy()), "The policy learned these "
                    + "pairs, not the preference: more pairs, fewer steps or a larger β."));
        }
        double t0 = heldOut.before().meanCompletionTokens();
        double t1 = heldOut.after().meanCompletionTokens();
        Scoreboard.Paired p = Scoreboard.paired(heldOut.after(), heldOut.before());
        String evidence = f("tokens %.1f → %.1f (%+.0f%%), accuracy %+.1f ± %.1f points "
                + "(paired, %d problems)", t0, t1, 100 * (t1 / t0 - 1), 100 * p.difference(),
                100 * p.standardError(), p.n());
        if (t1 < 0.9 * t0 && p.difference() < -2 * p.standardError()) {
            out.add(new Finding("shorter but worse", evidence, "Length won over correctness: "
                    + "read the traces for skipped steps; lower the learning rate, train fewer "
                    + "steps, or anchor the chosen side (rpo_alpha)."));
        } else if (t1 < 0.9 * t0) {
            out.add(new Finding("shorter, as good", evidence, "Concise at no measurable cost "
                    + "in accuracy: the length preference took."));
        }
        return out;
    }

    /** What the log of a run with strength {@code beta} shows. */
    public static List<Finding> diagnose(MetricLog log, double beta) {
        List<Finding> out = new ArrayList<>();
        double[] margins = log.series("rewards/margins");
        if (margins.length < 10) {
            out.add(new Finding("too short", margins.length + " steps logged",
                    "Run at least 10 steps before reading the curves."));
            return out;
        }
        double m0 = head(margins);
        double m1 = tail(margins);
        double a1 = tail(log.series("rewards/accuracies"));
        double c0 = head(log.series("rewards/chosen"));
        double c1 = tail(log.series("rewards/chosen"));
        double r1 = tail(log.series("rewards/rejected"));
        double lc0 = head(log.series("logps/chosen"));
        double lc1 = tail(log.series("logps/chosen"));
        if (a1 >= 0.7 && m1 > m0) {
            out.add(new Finding("learning", f("margin %.3f → %.3f, accuracy %.2f at the end",
                    m0, m1, a1), "The policy separates chosen from rejected: DPO is working."));
        }
        if (a1 < 0.6 && Math.abs(m1 - m0) < 0.05) {
            out.add(new Finding("stuck", f("accuracy %.2f, margin %.3f → %.3f", a1, m0, m1),
                    "No preference is being learned: raise β or the learning rate, or check "
                    + "that chosen and rejected really differ."));
        }
        if (c1 < c0 && m1 > m0) {
            out.add(new Finding("both rewards falling", f("chosen reward %.3f → %.3f, "
                    + "rejected ends at %.3f, margin %.3f → %.3f", c0, c1, r1, m0, m1),
                    "Normal in DPO: the loss only asks the rejected side to fall faster."));
        }
        if (lc1 < lc0 - 1.0) {
            out.add(new Finding("chosen likelihood falling", f("logps/chosen %.2f → %.2f",
                    lc0, lc1), "Probability moves off the chosen completions too (likelihood "
                    + "displacement); watch held-out accuracy, or use APO-zero or a lower "
                    + "learning rate."));
        }
        if (m1 > 10 / beta) {
            out.add(new Finding("runaway margins", f("margin %.1f against 1/β = %.1f", m1,
                    1 / beta), "The policy has drifted far from the reference: stop earlier "
                    + "or raise β."));
        }
        if (out.isEmpty()) {
            out.add(new Finding("unclear", f("margin %.3f → %.3f, accuracy %.2f", m0, m1, a1),
                    "No clear signal yet: train longer and look again."));
        }
        return out;
    }

    private static double head(double[] v) {
        return MetricLog.headMean(v, 10);
    }

    private static double tail(double[] v) {
        return MetricLog.tailMean(v, 10);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
