package dev.tinyreason.infer.tree;

import dev.tinyreason.tasks.Rational;
import dev.tinyreason.tasks.Step;
import java.util.List;

/**
 * One node of an explored tree, as a search left it: what a notebook draws.
 *
 * @param id       index in {@link SearchResult#tree()}; the root is 0
 * @param parent   the parent's id, -1 for the root
 * @param step     the step from the parent (the thought), null for the root
 * @param state    the numbers left
 * @param depth    steps from the root
 * @param value    the valuer's value, NaN if the state was never valued (the root, terminal
 *                 states, and states a search did not reach)
 * @param pruned   whether the search dropped it: not among BFS's best b, below DFS's threshold,
 *                 or a dead end (one number left, not the target)
 * @param expanded whether the search asked for its children
 * @param visits   MCTS visit count (its value estimate included); 0 for BFS and DFS
 */
public record Node(int id, int parent, Step step, List<Rational> state, int depth, double value,
        boolean pruned, boolean expanded, int visits) {

    public Node {
        state = List.copyOf(state);
    }
}
