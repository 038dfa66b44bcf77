package dev.tinyreason.infer.tree;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Monte Carlo tree search over thoughts with UCT (Kocsis and Szepesvári 2006), the valuer
 * standing in for random rollouts as in AlphaGo/AlphaZero. Each iteration:
 * <ol>
 *   <li><b>select</b>: from the root, go to the child with the highest {@link #uct} score until
 *       a state that was never expanded;</li>
 *   <li><b>expand</b>: propose its next steps (one call); a solved child ends the search;</li>
 *   <li><b>evaluate</b>: value the new states (one call); each child starts with one visit
 *       worth {@link #reward}(value), its value as a first rollout estimate; a dead end (one
 *       wrong number left) is worth 0 and is never selected;</li>
 *   <li><b>back up</b>: the expanded state and its ancestors get one visit worth the best
 *       child's reward.</li>
 * </ol>
 * A subtree with no live state left is never selected again; the search stops at a solved
 * state, when the root's tree is used up, or after {@code iterations} iterations. When it
 * fails, the result's path follows the most visited children from the root.
 */
public final class Mcts implements Search {

    private final Proposer proposer;
    private final Valuer valuer;
    private final int iterations;
    private final double c;

    /**
     * @param iterations the budget: states the search may expand
     * @param c          the exploration constant of {@link #uct} (1 for rewards in [0, 1])
     */
    public Mcts(Proposer proposer, Valuer valuer, int iterations, double c) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, got "
                    + iterations + ".");
        }
        if (!(c >= 0)) {
            throw new IllegalArgumentException("c must be 0 or positive, got " + c + ".");
        }
        this.proposer = proposer;
        this.valuer = valuer;
        this.iterations = iterations;
        this.c = c;
    }

    /**
     * UCT: the mean reward plus an exploration bonus that grows with the parent's visits and
     * shrinks with the child's, {@code Q + c·sqrt(ln N / n)}.
     * <pre>
     * uct(0.5, 1, 1, 1.0)   = 0.5      (ln 1 = 0: no bonus yet)
     * uct(0.5, 1, 10, 1.0)  = 2.017    (rarely tried: worth a look)
     * uct(0.5, 9, 10, 1.0)  = 1.006
     * </pre>
     *
     * @param meanValue    the child's mean reward Q
     * @param visits       the child's visits n (at least 1)
     * @param parentVisits the parent's visits N (at least 1)
     */
    public static double uct(double meanValue, int visits, int parentVisits, double c) {
        return meanValue + c * Math.sqrt(Math.log(parentVisits) / visits);
    }

    /**
     * A value on the judgement scale as a reward in [0, 1): {@code v / (1 + v)}, so sure (20)
     * is 0.95, likely (1) an even chance, impossible (0.001) about 0.
     */
    public static double reward(double value) {
        return value / (1 + value);
    }

    @Override
    public SearchResult solve(Problem problem) {
        SearchTree tree = new SearchTree(problem);
        Ledger ledger = new Ledger(problem, proposer, valuer);
        if (problem.isSolved(problem.start())) {
            return ledger.result(tree, SearchTree.ROOT);
        }
        Set<Integer> dead = new HashSet<>();  // nothing left to explore below these
        for (int it = 0; it < iterations && !dead.contains(SearchTree.ROOT); it++) {
            int leaf = select(tree, dead);
            List<Integer> live = new ArrayList<>();
            tree.markExpanded(leaf);
            for (Proposal p : ledger.propose(List.of(tree.path(leaf))).proposals().get(0)) {
                int child = tree.add(leaf, p.step());
                if (problem.isSolved(tree.state(child))) {
                    return ledger.result(tree, child);
                }
                if (problem.isTerminal(tree.state(child))) {
                    tree.prune(child);
                    tree.visit(child, 0);
                    dead.add(child);
                } else {
                    live.add(child);
                }
            }
            double best = 0;
            if (live.isEmpty()) {
                markDead(tree, leaf, dead);
            } else {
                double[] values = ledger.value(Bfs.paths(tree, live));
                for (int i = 0; i < live.size(); i++) {
                    tree.setValue(live.get(i), values[i]);
                    tree.visit(live.get(i), reward(values[i]));
                    best = Math.max(best, reward(values[i]));
                }
            }
            for (int at = leaf; at >= 0; at = tree.parent(at)) {
                tree.visit(at, best);
            }
        }
        return ledger.result(tree, mostVisited(tree));
    }

    /** From the root, the highest-UCT live child, until a state not yet expanded. */
    private int select(SearchTree tree, Set<Integer> dead) {
        int at = SearchTree.ROOT;
        while (tree.expanded(at)) {
            int best = -1;
            double score = Double.NEGATIVE_INFINITY;
            for (int child : tree.children(at)) {
                if (dead.contains(child)) {
                    continue;
                }
                double s = uct(tree.meanValue(child), tree.visits(child), tree.visits(at), c);
                if (s > score) {
                    score = s;
                    best = child;
                }
            }
            at = best;  // never -1: a state with no live child is dead, and so is not entered
        }
        return at;
    }

    /** {@code id} is used up; so is each ancestor whose children all are. */
    private static void markDead(SearchTree tree, int id, Set<Integer> dead) {
        for (int at = id; at >= 0; at = tree.parent(at)) {
            if (!dead.containsAll(tree.children(at)) && at != id) {
                return;
            }
            dead.add(at);
        }
    }

    /** Where the search ended: the most visited child at each level, from the root. */
    private static int mostVisited(SearchTree tree) {
        int at = SearchTree.ROOT;
        while (!tree.children(at).isEmpty()) {
            int best = tree.children(at).get(0);
            for (int child : tree.children(at)) {
                if (tree.visits(child) > tree.visits(best)) {
                    best = child;
                }
            }
            at = best;
        }
        return at;
    }

    @Override
    public String toString() {
        return "Mcts[iterations=" + iterations + ", c=" + c + ", " + proposer + ", " + valuer
                + "]";
    }
}
