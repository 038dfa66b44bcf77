package dev.tinyreason.infer.tree;

import dev.tinyreason.tasks.Rational;
import dev.tinyreason.tasks.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * The tree a search grows, node by node, with the bookkeeping every search needs: paths, values,
 * pruning, MCTS statistics. Nodes are numbered in the order they are added; {@link #nodes()}
 * hands out an immutable snapshot.
 */
public final class SearchTree {

    private static final class Entry {
        final int parent;
        final Step step;
        final List<Rational> state;
        final int depth;
        final List<Integer> children = new ArrayList<>();
        double value = Double.NaN;
        boolean pruned;
        boolean expanded;
        int visits;
        double total;

        Entry(int parent, Step step, List<Rational> state, int depth) {
            this.parent = parent;
            this.step = step;
            this.state = List.copyOf(state);
            this.depth = depth;
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    /** A tree with one node, the root: {@code problem}'s start. */
    public SearchTree(Problem problem) {
        entries.add(new Entry(-1, null, problem.start(), 0));
    }

    public static final int ROOT = 0;

    /** Adds the child that {@code step} makes from {@code parent}; returns its id. */
    public int add(int parent, Step step) {
        Entry p = entries.get(parent);
        entries.add(new Entry(parent, step, step.left(), p.depth + 1));
        int id = entries.size() - 1;
        p.children.add(id);
        return id;
    }

    /** The steps from the root to {@code id}. */
    public List<Step> path(int id) {
        List<Step> out = new ArrayList<>();
        for (int at = id; entries.get(at).parent >= 0; at = entries.get(at).parent) {
            out.add(0, entries.get(at).step);
        }
        return out;
    }

    public List<Rational> state(int id) {
        return entries.get(id).state;
    }

    public int parent(int id) {
        return entries.get(id).parent;
    }

    public List<Integer> children(int id) {
        return List.copyOf(entries.get(id).children);
    }

    public double value(int id) {
        return entries.get(id).value;
    }

    public void setValue(int id, double value) {
        entries.get(id).value = value;
    }

    public boolean pruned(int id) {
        return entries.get(id).pruned;
    }

    public void prune(int id) {
        entries.get(id).pruned = true;
    }

    public boolean expanded(int id) {
        return entries.get(id).expanded;
    }

    public void markExpanded(int id) {
        entries.get(id).expanded = true;
    }

    /** MCTS: visits of {@code id}. */
    public int visits(int id) {
        return entries.get(id).visits;
    }

    /** MCTS: the mean of the rewards backed up through {@code id} (0 before any). */
    public double meanValue(int id) {
        Entry e = entries.get(id);
        return e.visits == 0 ? 0 : e.total / e.visits;
    }

    /** MCTS: one more visit of {@code id} with {@code reward}. */
    public void visit(int id, double reward) {
        Entry e = entries.get(id);
        e.visits++;
        e.total += reward;
    }

    public int size() {
        return entries.size();
    }

    /** The tree as it is now. */
    public List<Node> nodes() {
        List<Node> out = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            out.add(new Node(i, e.parent, e.step, e.state, e.depth, e.value, e.pruned,
                    e.expanded, e.visits));
        }
        return out;
    }
}
