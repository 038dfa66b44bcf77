package dev.tinyreason.infer;

import dev.tinyreason.tasks.Equations;
import dev.tinyreason.tasks.Reply;

/**
 * Where the wrong answers of a chain-of-thought evaluation went wrong. A trace is a chain of
 * small claims ({@code 9+8=17}) that {@link Equations} checks one by one; each wrong answer
 * falls in one of three classes:
 * <ul>
 *   <li><b>unfinished</b>: the trace never closed, so there is no answer to grade;</li>
 *   <li><b>with a false step</b>: an arithmetic slip, and everything after builds on it;</li>
 *   <li><b>all steps true</b>: every claim holds, yet the answer is wrong: a number copied
 *       wrongly from the problem, or the wrong operation.</li>
 * </ul>
 *
 * @param wrong          wrong answers in all
 * @param unfinished     of those, traces with no answer
 * @param withFalseStep  of those, traces with a false claim
 * @param allStepsTrue   of those, traces whose every claim holds
 * @param firstFalseStep the first wrong answer with a false step (null if none)
 * @param firstAllTrue   the first wrong answer whose steps all hold (null if none)
 */
public record TraceAudit(int wrong, int unfinished, int withFalseStep, int allStepsTrue,
        Evaluation.Graded firstFalseStep, Evaluation.Graded firstAllTrue) {

    /** The audit of {@code e}'s wrong answers, in its problems' order. */
    public static TraceAudit of(Evaluation e) {
        int wrong = 0;
        int open = 0;
        int slip = 0;
        int steady = 0;
        Evaluation.Graded firstSlip = null;
        Evaluation.Graded firstSteady = null;
        for (Evaluation.Graded g : e.graded()) {
            if (g.correct()) {
                continue;
            }
            wrong++;
            Reply r = Reply.parse(g.completion());
            if (r.answer() == null) {
                open++;
            } else if (Equations.firstError(r.think()) >= 0) {
                slip++;
                firstSlip = firstSlip == null ? g : firstSlip;
            } else {
                steady++;
                firstSteady = firstSteady == null ? g : firstSteady;
            }
        }
        return new TraceAudit(wrong, open, slip, steady, firstSlip, firstSteady);
    }
}
