package dev.tinyreason.infer.tree;

import dev.tinyreason.tasks.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * Tree-of-Thoughts depth-first search (Yao et al. 2023, Algorithm 2, ToT-DFS): expand a state
 * (propose its next steps, value them), then go into the most promising child first; a child
 * whose value is below the threshold is pruned, and when a subtree is used up the search
 * backtracks to the parent's next child. It stops at a solved state or when it has expanded
 * {@code maxExpansions} states (each expansion is one proposal call and at most one value
 * call).
 *
 * <pre>
 * expand 1 4 8 8:   8 * 4 = 32 (left: 1 8 32)   likely       go in first
 *                   8 + 8 = 16 (left: 1 4 16)   impossible   pruned (below the threshold)
 *                   8 / 8 = 1 (left: 1 1 4)     impossible   pruned
 * expand 1 8 32:    value its children; if none leads on, back to the next child of 1 4 8 8
 * </pre>
 * When it fails, the result's path is the last state it expanded.
 */
public final class Dfs implements Search {

    private final Proposer proposer;
    private final Valuer valuer;
    private final double threshold;
    private final int maxExpansions;

    /**
     * @param threshold     children valued below it are pruned (on the judgement scale, 0.5
     *                      keeps a state that is mostly judged likely or sure)
     * @param maxExpansions the step budget: states the search may expand
     */
    public Dfs(Proposer proposer, Valuer valuer, double threshold, int maxExpansions) {
        if (maxExpansions < 1) {
            throw new IllegalArgumentException("maxExpansions must be at least 1, got "
                    + maxExpansions + ".");
        }
        this.proposer = proposer;
        this.valuer = valuer;
        this.threshold = threshold;
        this.maxExpansions = maxExpansions;
    }

    /** Whether DFS goes into a child of {@code value}, or prunes it. */
    public static boolean keeps(double value, double threshold) {
        return value >= threshold;
    }

    @Override
    public SearchResult solve(Problem problem) {
        Walk w = new Walk(problem, new SearchTree(problem),
                new Ledger(problem, proposer, valuer));
        if (problem.isSolved(problem.start())) {
            return w.ledger.result(w.tree, SearchTree.ROOT);
        }
        int found = w.explore(SearchTree.ROOT);
        return w.ledger.result(w.tree, found >= 0 ? found : w.last);
    }

    /** One search's state: the tree, the ledger, the expansions so far. */
    private final class Walk {
        final Problem problem;
        final SearchTree tree;
        final Ledger ledger;
        int expansions;
        int last = SearchTree.ROOT;

        Walk(Problem problem, SearchTree tree, Ledger ledger) {
            this.problem = problem;
            this.tree = tree;
            this.ledger = ledger;
        }

        /** The id of a solved node under {@code id}, or -1 (used up, or out of budget). */
        int explore(int id) {
            if (expansions >= maxExpansions) {
                return -1;
            }
            expansions++;
            last = id;
            tree.markExpanded(id);
            List<Step> path = tree.path(id);
            List<Integer> live = new ArrayList<>();
            for (Proposal p : ledger.propose(List.of(path)).proposals().get(0)) {
                int child = tree.add(id, p.step());
                if (problem.isSolved(tree.state(child))) {
                    return child;
                }
                if (problem.isTerminal(tree.state(child))) {
                    tree.prune(child);
                } else {
                    live.add(child);
                }
            }
            if (live.isEmpty()) {
                return -1;
            }
            double[] values = ledger.value(Bfs.paths(tree, live));
            for (int i = 0; i < live.size(); i++) {
                tree.setValue(live.get(i), values[i]);
                if (!keeps(values[i], threshold)) {
                    tree.prune(live.get(i));
                }
            }
            for (int i : Bfs.topB(values, values.length)) {  // best first
                int child = live.get(i);
                if (tree.pruned(child)) {
                    continue;
                }
                int found = explore(child);
                if (found >= 0) {
                    return found;
                }
                // used up or out of budget: backtrack to the next child
            }
            return -1;
        }
    }

    @Override
    public String toString() {
        return "Dfs[threshold=" + threshold + ", maxExpansions=" + maxExpansions + ", "
                + proposer + ", " + valuer + "]";
    }
}
