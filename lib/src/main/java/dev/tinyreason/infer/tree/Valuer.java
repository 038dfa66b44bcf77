package dev.tinyreason.infer.tree;

import dev.tinyreason.tasks.Step;
import java.util.List;

/**
 * The "evaluate" half of Tree-of-Thoughts (Yao et al. 2023, Sec. 3, "state evaluator"): a
 * heuristic value for states of a problem, which the searches use to choose (BFS), prune (DFS)
 * or estimate (MCTS). One call values a whole batch of states and counts as one model call.
 *
 * <p><b>Scale.</b> A value is non-negative and higher is better. Valuers built on
 * {@link Judgement}s keep the paper's scale for <em>one</em> judgement: 20 for sure, 1 for
 * likely, 0.001 for impossible (so the mean of several judgements, or its expectation).
 * {@link PathLogProbValuer} gives a probability in (0, 1] instead; BFS only ranks values, DFS's
 * threshold and MCTS's {@link Mcts#reward} are written for the judgement scale.
 */
public interface Valuer {

    /** One value per path, in the order of the paths, and what they cost. */
    record Valued(double[] values, Cost cost) {
        public Valued {
            values = values.clone();
        }
    }

    /** Values of the states at the end of {@code paths} (never called for terminal states). */
    Valued value(Problem problem, List<List<Step>> paths);
}
