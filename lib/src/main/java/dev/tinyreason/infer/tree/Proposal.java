package dev.tinyreason.infer.tree;

import dev.tinyreason.tasks.Step;

/**
 * One candidate next step for a state, after deduplication.
 *
 * @param step    the step, a legal move from the state
 * @param count   how many of the proposer's samples led to this step's state (1 for an exact
 *                proposer): the model's own vote for it, which MCTS may use as a prior
 * @param logProb log p(line | prompt) of the first sample that proposed it (0 when exact)
 */
public record Proposal(Step step, int count, double logProb) {

    public Proposal {
        if (step == null || count < 1) {
            throw new IllegalArgumentException("A proposal needs a step and a count of at least "
                    + "1, got " + step + " x" + count + ".");
        }
    }
}
