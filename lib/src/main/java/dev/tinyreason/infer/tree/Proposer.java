package dev.tinyreason.infer.tree;

import dev.tinyreason.tasks.Step;
import java.util.List;

/**
 * The "propose" half of Tree-of-Thoughts (Yao et al. 2023, Sec. 3, "thought generator"):
 * candidate next steps for states of a problem. One call proposes for a whole batch of states
 * (BFS proposes for its b states at once), and counts as one model call.
 *
 * <p>Every proposal is a legal move from its state ({@link
 * dev.tinyreason.tasks.CountdownSearch#isValid}), and no two proposals for a state lead to the
 * same next state.
 */
public interface Proposer {

    /**
     * Proposals for each path's state, and what they cost.
     *
     * @param proposals one list per path, in the order of {@code paths}
     * @param invalid   proposals dropped because they were not legal moves (or not steps)
     */
    record Proposed(List<List<Proposal>> proposals, int invalid, Cost cost) {
        public Proposed {
            proposals = proposals.stream().map(List::copyOf).toList();
        }
    }

    /** Candidate next steps from the state at the end of each of {@code paths}. */
    Proposed propose(Problem problem, List<List<Step>> paths);
}
