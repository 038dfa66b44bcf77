package dev.tinyreason.viz;

import dev.tinyreason.infer.tree.Node;
import dev.tinyreason.infer.tree.SearchResult;
import dev.tinyreason.tasks.Step;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Draws a Tree-of-Thoughts search as an SVG: one box per thought (the step and the numbers left,
 * with the valuer's value), the solving path in green, pruned states grey and dashed. A level of
 * BFS can hold dozens of states, so each node shows at most {@code maxChildren} children — those
 * the search expanded or that lie on the solving path first, then the best valued — and one
 * "+n more" box for the rest.
 *
 * <pre>
 * SearchResult r = new Bfs(proposer, valuer, 5).solve(problem);
 * TreeView.of(r, 4)   // the last expression of a cell: drawn inline
 * </pre>
 */
public final class TreeView {

    static final int BOX_W = 128;
    static final int BOX_H = 36;
    static final int GAP_X = 10;
    static final int GAP_Y = 34;

    private TreeView() {}

    /** The tree of {@code result}, at most {@code maxChildren} children shown per node. */
    public static Html of(SearchResult result, int maxChildren) {
        if (maxChildren < 1) {
            throw new IllegalArgumentException("maxChildren must be at least 1, got "
                    + maxChildren + ".");
        }
        List<Node> nodes = result.tree();
        List<List<Integer>> children = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            children.add(new ArrayList<>());
        }
        for (Node n : nodes) {
            if (n.parent() >= 0) {
                children.get(n.parent()).add(n.id());
            }
        }
        Set<Integer> onPath = solvingPath(result);
        List<Box> boxes = new ArrayList<>();
        double[] nextX = {0};
        layout(0, nodes, children, onPath, maxChildren, boxes, nextX);
        int depth = boxes.stream().mapToInt(Box::depth).max().orElse(0);
        int width = (int) Math.ceil(nextX[0]) * (BOX_W + GAP_X) + GAP_X;
        int height = (depth + 1) * (BOX_H + GAP_Y) + GAP_Y;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"%d\" height=\"%d\" font-family=\"monospace\" font-size=\"11\">",
                width, height));
        for (Box b : boxes) {
            if (b.parentX() >= 0) {
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
                        + "y2=\"%d\" stroke=\"%s\" stroke-width=\"%s\"%s/>", cx(b.parentX()),
                        y(b.depth() - 1) + BOX_H, cx(b.x()), y(b.depth()),
                        b.path() ? "#2a9d43" : "#999", b.path() ? "2" : "1",
                        b.pruned() ? " stroke-dasharray=\"4 3\"" : ""));
            }
        }
        for (Box b : boxes) {
            String fill = b.path() ? "#dff5e3" : b.pruned() ? "#f1f1f1" : "#ffffff";
            String stroke = b.path() ? "#2a9d43" : b.pruned() ? "#bbb" : "#555";
            double left = cx(b.x()) - BOX_W / 2.0;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%d\" "
                    + "height=\"%d\" rx=\"4\" fill=\"%s\" stroke=\"%s\"%s/>", left, y(b.depth()),
                    BOX_W, BOX_H, fill, stroke, b.pruned() ? " stroke-dasharray=\"4 3\"" : ""));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" "
                    + "text-anchor=\"middle\" fill=\"%s\">%s</text>", cx(b.x()),
                    y(b.depth()) + 14, b.pruned() ? "#888" : "#111", Html.escape(b.line1())));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" "
                    + "text-anchor=\"middle\" fill=\"#666\">%s</text>", cx(b.x()),
                    y(b.depth()) + 29, Html.escape(b.line2())));
        }
        svg.append("</svg>");
        String text = String.format(Locale.ROOT, "search tree of %s: %d nodes, %s",
                result.problem().prompt(), nodes.size(), result.solved()
                        ? "solved: " + result.answer() : "not solved");
        return new Html("<div style=\"overflow-x:auto\">" + svg + "</div>", text);
    }

    /** One drawn box; {@code x} in slot units, {@code parentX} −1 for the root. */
    private record Box(double x, int depth, double parentX, String line1, String line2,
            boolean path, boolean pruned) {}

    private static Set<Integer> solvingPath(SearchResult result) {
        Set<Integer> ids = new HashSet<>();
        if (!result.solved()) {
            return ids;
        }
        List<Node> nodes = result.tree();
        int id = 0;
        ids.add(0);
        for (var step : result.path()) {
            int parent = id;
            id = nodes.stream().filter(n -> n.parent() == parent && step.equals(n.step()))
                    .mapToInt(Node::id).findFirst().orElse(-1);
            if (id < 0) {
                return ids;
            }
            ids.add(id);
        }
        return ids;
    }

    /** Places node {@code id}'s subtree; returns its x (in slots). */
    private static double layout(int id, List<Node> nodes, List<List<Integer>> children,
            Set<Integer> onPath, int maxChildren, List<Box> boxes, double[] nextX) {
        Node n = nodes.get(id);
        List<Integer> kids = new ArrayList<>(children.get(id));
        kids.sort(Comparator.<Integer, Boolean>comparing(k -> !onPath.contains(k))
                .thenComparing(k -> !nodes.get(k).expanded())
                .thenComparing(k -> -finite(nodes.get(k).value())));
        List<Integer> shown = kids.subList(0, Math.min(maxChildren, kids.size()));
        int hidden = kids.size() - shown.size();
        List<Double> xs = new ArrayList<>();
        int at = boxes.size();
        boxes.add(null);  // placeholder: the parent's x is known after its children
        List<Integer> childBoxes = new ArrayList<>();
        for (int k : shown) {
            childBoxes.add(boxes.size());
            xs.add(layout(k, nodes, children, onPath, maxChildren, boxes, nextX));
        }
        if (hidden > 0) {
            childBoxes.add(boxes.size());
            xs.add(nextX[0]);
            boxes.add(new Box(nextX[0]++, n.depth() + 1, -1, "+" + hidden + " more",
                    "not drawn", false, true));
        }
        double x = xs.isEmpty() ? nextX[0]++ : (xs.get(0) + xs.get(xs.size() - 1)) / 2;
        for (int c : childBoxes) {
            Box b = boxes.get(c);
            boxes.set(c, new Box(b.x(), b.depth(), x, b.line1(), b.line2(), b.path(),
                    b.pruned()));
        }
        String line1 = n.step() == null ? "start" : n.step().a() + " " + n.step().op() + " "
                + n.step().b() + " = " + n.step().c();
        String line2 = "[" + Step.join(n.state()) + "]" + (Double.isNaN(n.value()) ? ""
                : String.format(Locale.ROOT, " v %s", value(n.value())))
                + (n.visits() > 0 ? " n " + n.visits() : "");
        boxes.set(at, new Box(x, n.depth(), -1, line1, line2, onPath.contains(id),
                n.pruned()));
        return x;
    }

    private static String value(double v) {
        return v >= 10 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : v >= 0.01 ? String.format(Locale.ROOT, "%.2f", v)
                : String.format(Locale.ROOT, "%.0e", v);
    }

    private static double finite(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    private static double cx(double slot) {
        return GAP_X + slot * (BOX_W + GAP_X) + BOX_W / 2.0;
    }

    private static int y(int depth) {
        return GAP_Y / 2 + depth * (BOX_H + GAP_Y);
    }
}
