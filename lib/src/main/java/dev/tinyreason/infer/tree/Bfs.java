package dev.tinyreason.infer.tree;

import dev.tinyreason.tasks.Rational;
import dev.tinyreason.tasks.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Tree-of-Thoughts breadth-first search (Yao et al. 2023, Algorithm 1, ToT-BFS), as the paper
 * runs Game of 24: one level per step; at each level propose next steps for every kept state
 * (one batched call), value the new states (one batched call) and keep the best {@code b}.
 *
 * <pre>
 * level 1   propose steps from the start        value the new states    keep the best b
 * level 2   propose from each kept state (1 call) value them (1 call)     keep the best b
 * level 3   propose: one number left, so a state is solved (24) or a dead end
 * </pre>
 *
 * <p>Details that the paper leaves open: a state reached from two kept states is one candidate
 * (the first path to it is kept); a candidate that solves the problem ends the search at once
 * (checking a solved state is exact: one number equal to the target), and a candidate with one
 * wrong number left is a dead end that is never valued. So the last level, where every state has
 * one number, costs a proposal call but no value call. When no level solves the problem, the
 * result's path is the best state's of the last level.
 */
public final class Bfs implements Search {

    private final Proposer proposer;
    private final Valuer valuer;
    private final int breadth;

    /** @param breadth states kept per level, the paper's b (1 and 5 for Game of 24) */
    public Bfs(Proposer proposer, Valuer valuer, int breadth) {
        if (breadth < 1) {
            throw new IllegalArgumentException("breadth (b) must be at least 1, got " + breadth
                    + ".");
        }
        this.proposer = proposer;
        this.valuer = valuer;
        this.breadth = breadth;
    }

    /**
     * The indices of the {@code b} largest values, largest first; ties go to the lower index (the
     * candidate proposed first). Fewer than b values: all of them.
     * <pre>
     * topB([1, 20, 0.001, 20], 2) = [1, 3]
     * topB([3, 1], 5)            = [0, 1]
     * </pre>
     */
    public static int[] topB(double[] values, int b) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));  // stable
        int n = Math.min(b, values.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = order[i];
        }
        return out;
    }

    @Override
    public SearchResult solve(Problem problem) {
        SearchTree tree = new SearchTree(problem);
        Ledger ledger = new Ledger(problem, proposer, valuer);
        if (problem.isSolved(problem.start())) {
            return ledger.result(tree, SearchTree.ROOT);
        }
        List<Integer> frontier = List.of(SearchTree.ROOT);
        while (!frontier.isEmpty()) {
            Proposer.Proposed proposed = ledger.propose(paths(tree, frontier));
            Set<List<Rational>> seen = new HashSet<>();
            List<Integer> live = new ArrayList<>();
            for (int i = 0; i < frontier.size(); i++) {
                int parent = frontier.get(i);
                tree.markExpanded(parent);
                for (Proposal p : proposed.proposals().get(i)) {
                    if (!seen.add(p.step().left())) {
                        continue;  // this level already has that state
                    }
                    int child = tree.add(parent, p.step());
                    if (problem.isSolved(tree.state(child))) {
                        return ledger.result(tree, child);
                    }
                    if (problem.isTerminal(tree.state(child))) {
                        tree.prune(child);  // a dead end: one number, not the target
                    } else {
                        live.add(child);
                    }
                }
            }
            if (live.isEmpty()) {
                return ledger.result(tree, frontier.get(0));
            }
            double[] values = ledger.value(paths(tree, live));
            int[] keep = topB(values, breadth);
            List<Integer> next = new ArrayList<>(keep.length);
            for (int k : keep) {
                next.add(live.get(k));
            }
            for (int i = 0; i < live.size(); i++) {
                tree.setValue(live.get(i), values[i]);
                if (!next.contains(live.get(i))) {
                    tree.prune(live.get(i));
                }
            }
            frontier = next;
        }
        throw new IllegalStateException("unreachable: every path ends in a terminal state");
    }

    static List<List<Step>> paths(SearchTree tree, List<Integer> ids) {
        List<List<Step>> out = new ArrayList<>(ids.size());
        for (int id : ids) {
            out.add(tree.path(id));
        }
        return out;
    }

    @Override
    public String toString() {
        return "Bfs[b=" + breadth + ", " + proposer + ", " + valuer + "]";
    }
}
