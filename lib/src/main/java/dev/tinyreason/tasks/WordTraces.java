package dev.tinyreason.tasks;

import dev.tinyreason.tasks.Word.Kind;
import dev.tinyreason.tasks.Word.Op;
import dev.tinyreason.tasks.Word.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The worked traces of a word problem, one equation per line, along each {@link Path}, with the
 * optional plan line in front and backward check behind. For the story "start with 13, buy 34,
 * give 4 to each of 3 friends, double the pile":
 * <pre>
 * SEQUENTIAL    13 + 34 = 47 / 3 * 4 = 12 / 47 - 12 = 35 / 35 * 2 = 70
 * GROUPS_FIRST  3 * 4 = 12 / 13 + 34 = 47 / 47 - 12 = 35 / 35 * 2 = 70
 * NET           3 * 4 = 12 / 34 - 12 = 22 / 13 + 22 = 35 / 35 * 2 = 70
 * GAINS_FIRST   (the story's gains already come first: no different trace)
 * plan          plan: 13 +34 -3*4 *2
 * check         check: 70 / 2 = 35 / 35 + 12 = 47 / 47 - 34 = 13 ok / 70
 * </pre>
 * ("/" stands for a line break.) Every line is an equation {@link Equations} can check, except
 * the plan, and every number stays below {@link Word#LIMIT}; a path that would break that for a
 * problem does not apply to it.
 */
final class WordTraces {

    private WordTraces() {}

    /** A trace of {@code ops} drawn by {@code variety}: a path, maybe a plan, maybe a check. */
    static String trace(List<Op> ops, TraceVariety variety, Random rng) {
        Map<Path, String> paths = paths(ops);
        Path path = variety.path(rng, List.copyOf(paths.keySet()));
        boolean plan = variety.restate(rng);
        boolean check = variety.check(rng);
        List<String> lines = new ArrayList<>();
        if (plan) {
            lines.add(plan(ops));
        }
        lines.add(paths.get(path));
        if (check) {
            lines.add(check(ops));
            lines.add(Integer.toString(ops.get(ops.size() - 1).after()));
        }
        return String.join("\n", lines);
    }

    /** The traces that differ from each other, canonical ({@link Path#SEQUENTIAL}) first. */
    static Map<Path, String> paths(List<Op> ops) {
        Map<Path, String> out = new LinkedHashMap<>();
        for (Path p : Path.values()) {
            String t = switch (p) {
                case SEQUENTIAL -> sequential(ops);
                case GROUPS_FIRST -> groupsFirst(ops);
                case NET -> net(ops);
                case GAINS_FIRST -> gainsFirst(ops);
                case DISTRIBUTE -> distribute(ops);
            };
            if (t != null && !out.containsValue(t)) {
                out.put(p, t);
            }
        }
        return out;
    }

    /** One equation per step in story order, a group's product just before it is used. */
    static String sequential(List<Op> ops) {
        List<String> lines = new ArrayList<>();
        for (Op op : ops) {
            apply(lines, op);
        }
        return String.join("\n", lines);
    }

    private static void apply(List<String> lines, Op op) {
        switch (op.kind()) {
            case ADD -> lines.add(eq(op.before(), '+', op.n(), op.after()));
            case SUB -> lines.add(eq(op.before(), '-', op.n(), op.after()));
            case MUL -> lines.add(eq(op.before(), '*', op.k(), op.after()));
            case DIV -> lines.add(eq(op.before(), '/', op.k(), op.after()));
            case GROUP_ADD, GROUP_SUB -> {
                lines.add(product(op));
                applyGroup(lines, op);
            }
        }
    }

    private static void applyGroup(List<String> lines, Op op) {
        lines.add(eq(op.before(), op.kind() == Kind.GROUP_ADD ? '+' : '-', op.k() * op.m(), op.after()));
    }

    /** Every group's product first (they do not depend on the pile), then the story in order. */
    private static String groupsFirst(List<Op> ops) {
        List<String> lines = new ArrayList<>();
        for (Op op : ops) {
            if (op.grouped()) {
                lines.add(product(op));
            }
        }
        for (Op op : ops) {
            if (op.grouped()) {
                applyGroup(lines, op);
            } else {
                apply(lines, op);
            }
        }
        return String.join("\n", lines);
    }

    /**
     * Each run of two or more additions and subtractions combined first: the gains summed, the
     * losses summed, their difference applied once ({@code 34 - 12 = 22 / 13 + 22 = 35}).
     */
    private static String net(List<Op> ops) {
        List<String> lines = new ArrayList<>();
        for (List<Op> run : runs(ops)) {
            if (run.size() < 2 || !run.get(0).additive()) {
                run.forEach(op -> apply(lines, op));
                continue;
            }
            for (Op op : run) {
                if (op.grouped()) {
                    lines.add(product(op));
                }
            }
            int gains = total(lines, run, true);
            int losses = total(lines, run, false);
            int before = run.get(0).before();
            int after = run.get(run.size() - 1).after();
            if (gains >= LIMIT || losses >= LIMIT) {
                return null;
            }
            if (gains > 0 && losses > 0) {
                int net = Math.abs(gains - losses);
                lines.add(gains >= losses ? eq(gains, '-', losses, net) : eq(losses, '-', gains, net));
                lines.add(eq(before, gains >= losses ? '+' : '-', net, after));
            } else {
                lines.add(eq(before, gains > 0 ? '+' : '-', gains > 0 ? gains : losses, after));
            }
        }
        return String.join("\n", lines);
    }

    /** The gains (or losses) of a run added up line by line; their total. */
    private static int total(List<String> lines, List<Op> run, boolean gains) {
        int sum = 0;
        for (Op op : run) {
            int c = op.change();
            if (gains ? c > 0 : c < 0) {
                int v = Math.abs(c);
                if (sum > 0 && sum + v < LIMIT) {
                    lines.add(eq(sum, '+', v, sum + v));
                }
                sum += v;
            }
        }
        return sum;
    }

    /** Within each run of additions and subtractions, the gains applied before the losses. */
    private static String gainsFirst(List<Op> ops) {
        List<String> lines = new ArrayList<>();
        for (List<Op> run : runs(ops)) {
            if (!run.get(0).additive()) {
                run.forEach(op -> apply(lines, op));
                continue;
            }
            int x = run.get(0).before();
            for (boolean gains : new boolean[] {true, false}) {
                for (Op op : run) {
                    int c = op.change();
                    if (gains ? c > 0 : c < 0) {
                        if (op.grouped()) {
                            lines.add(product(op));
                        }
                        if (x + c >= LIMIT) {
                            return null;
                        }
                        lines.add(eq(x, c > 0 ? '+' : '-', Math.abs(c), x + c));
                        x += c;
                    }
                }
            }
        }
        return String.join("\n", lines);
    }

    /**
     * A multiplication right after an addition or subtraction distributed over it:
     * {@code (13 + 34) * 2} as {@code 13 * 2 = 26 / 34 * 2 = 68 / 26 + 68 = 94}.
     */
    private static String distribute(List<Op> ops) {
        List<String> lines = new ArrayList<>();
        boolean used = false;
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            Op next = i + 1 < ops.size() ? ops.get(i + 1) : null;
            if ((op.kind() == Kind.ADD || op.kind() == Kind.SUB) && next != null && next.kind() == Kind.MUL
                    && op.before() * next.k() < LIMIT) {
                int k = next.k();
                int a = op.before() * k;
                int b = op.n() * k;
                lines.add(eq(op.before(), '*', k, a));
                lines.add(eq(op.n(), '*', k, b));
                lines.add(eq(a, op.kind() == Kind.ADD ? '+' : '-', b, next.after()));
                i++;
                used = true;
            } else {
                apply(lines, op);
            }
        }
        return used ? String.join("\n", lines) : null;
    }

    /** The steps restated before any computing: {@code plan: 13 +34 -3*4 *2}. */
    static String plan(List<Op> ops) {
        StringBuilder sb = new StringBuilder("plan: ").append(ops.get(0).before());
        for (Op op : ops) {
            sb.append(' ').append(switch (op.kind()) {
                case ADD -> "+" + op.n();
                case SUB -> "-" + op.n();
                case MUL -> "*" + op.k();
                case DIV -> "/" + op.k();
                case GROUP_ADD -> "+" + op.k() + "*" + op.m();
                case GROUP_SUB -> "-" + op.k() + "*" + op.m();
            });
        }
        return sb.toString();
    }

    /**
     * The verification pass: every step undone, last first, back to the starting pile
     * ({@code check: 70 / 2 = 35 / ... / 47 - 34 = 13 ok}).
     */
    static String check(List<Op> ops) {
        List<String> lines = new ArrayList<>();
        for (int i = ops.size() - 1; i >= 0; i--) {
            Op op = ops.get(i);
            int y = op.after();
            int x = op.before();
            lines.add(switch (op.kind()) {
                case ADD -> eq(y, '-', op.n(), x);
                case SUB -> eq(y, '+', op.n(), x);
                case MUL -> eq(y, '/', op.k(), x);
                case DIV -> eq(y, '*', op.k(), x);
                case GROUP_ADD -> eq(y, '-', op.k() * op.m(), x);
                case GROUP_SUB -> eq(y, '+', op.k() * op.m(), x);
            });
        }
        return "check: " + String.join("\n", lines) + " ok";
    }

    /** Maximal runs of additive steps, and each multiplication or division alone. */
    private static List<List<Op>> runs(List<Op> ops) {
        List<List<Op>> out = new ArrayList<>();
        for (Op op : ops) {
            List<Op> last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && op.additive() && last.get(0).additive()) {
                last.add(op);
            } else {
                out.add(new ArrayList<>(List.of(op)));
            }
        }
        return out;
    }

    private static String product(Op op) {
        return eq(op.k(), '*', op.m(), op.k() * op.m());
    }

    private static String eq(int a, char op, int b, int c) {
        return a + " " + op + " " + b + " = " + c;
    }

    private static final int LIMIT = Word.LIMIT;
}
