package dev.tinyreason.train.grpo;

import dev.tinyreason.infer.Completion;
import dev.tinyreason.tasks.Example;
import java.util.List;

/**
 * One prompt's rollouts: the G completions sampled for it and their rewards, completion by
 * completion. GRPO compares a completion only with the others of its group.
 *
 * @param example     the training problem
 * @param prompt      its prompt's token ids, as the chat template rendered them
 * @param completions the G sampled completions
 * @param rewards     the rewards the advantages are computed from (length penalty included)
 * @param raw         the verifier's rewards before any length penalty
 */
record RolloutGroup(Example example, int[] prompt, List<Completion> completions,
        double[] rewards, double[] raw) {}
