package dev.tinyreason.trm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A validity-preserving transformation of a Sudoku: move cells, then rename digits.
 *
 * <p>The cell moves are the ones that keep rows, columns and boxes intact: permute the bands
 * (groups of {@code boxRows} rows), the rows inside each band, the stacks (groups of
 * {@code boxCols} columns), the columns inside each stack, and, when boxes are square,
 * transpose. Renaming digits with any permutation of 1..size keeps the rules too. Applying the
 * same symmetry to a puzzle and to its solution gives another valid puzzle-solution pair: that is
 * the data augmentation of the TRM paper (digit permutation plus grid symmetries).
 *
 * <p>{@link #canonicalForm} picks one representative of a puzzle's whole orbit, so the data set
 * can keep test puzzles that no training puzzle can be augmented into.
 *
 * @param cellSource {@code out[i] = digitMap[in[cellSource[i]]]}
 * @param digitMap   digit renaming, {@code digitMap[0] == 0} so blanks stay blank
 */
public record SudokuSymmetry(int[] cellSource, int[] digitMap) {

    /** Above this many cell moves, {@link #canonicalForm} renames digits only. */
    static final int MAX_CANONICAL_GROUP = 100_000;

    /** Every cell move of a shape, computed once per shape. */
    private static final Map<SudokuShape, int[][]> CELL_MOVES = new ConcurrentHashMap<>();

    /** Applies the symmetry to a board (puzzle or solution). */
    public int[] apply(int[] board) {
        int[] out = new int[board.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = digitMap[board[cellSource[i]]];
        }
        return out;
    }

    /** Applies the same symmetry to puzzle and solution. */
    public Sudoku apply(Sudoku s) {
        return new Sudoku(s.shape(), apply(s.puzzle()), apply(s.solution()));
    }

    /** A uniformly random symmetry of {@code shape}, drawn from {@code rng}. */
    public static SudokuSymmetry random(SudokuShape shape, Random rng) {
        int n = shape.size();
        int[] rows = randomLinePermutation(n, shape.boxRows(), rng);
        int[] cols = randomLinePermutation(n, shape.boxCols(), rng);
        boolean transpose = shape.squareBoxes() && rng.nextBoolean();
        int[] digits = new int[n + 1];
        int[] perm = permutation(n, rng);
        for (int d = 1; d <= n; d++) {
            digits[d] = perm[d - 1] + 1;
        }
        return new SudokuSymmetry(cellSource(n, rows, cols, transpose), digits);
    }

    /**
     * The orbit's representative: over every cell move, rename digits in order of first
     * appearance, and keep the lexicographically smallest board. Two puzzles have the same
     * canonical form exactly when a symmetry maps one onto the other.
     *
     * <p>4×4 (128 moves) and 6×6 (3,456 moves) use the whole group. 9×9 has 3.4 million moves,
     * too many per puzzle, so there the form only removes digit names (held-out puzzles are then
     * distinct as puzzles up to relabeling, not up to the full symmetry group).
     */
    public static String canonicalForm(SudokuShape shape, int[] puzzle) {
        int[][] moves = CELL_MOVES.computeIfAbsent(shape, SudokuSymmetry::allCellMoves);
        if (moves.length == 0) {
            return relabeled(puzzle);
        }
        int[] best = null;
        int[] form = new int[puzzle.length];
        int[] name = new int[10];
        for (int[] src : moves) {
            Arrays.fill(name, 0);
            int next = 1;
            int cmp = best == null ? -1 : 0;
            for (int i = 0; i < form.length; i++) {
                int v = puzzle[src[i]];
                if (v != 0 && name[v] == 0) {
                    name[v] = next++;
                }
                form[i] = name[v];
                if (cmp == 0) {
                    cmp = Integer.compare(form[i], best[i]);
                    if (cmp > 0) {
                        break;
                    }
                }
            }
            if (cmp < 0) {
                best = form.clone();
            }
        }
        return relabeled(best);
    }

    /** Every cell move of the shape, or none when there are more than MAX_CANONICAL_GROUP. */
    private static int[][] allCellMoves(SudokuShape shape) {
        int n = shape.size();
        List<int[]> rowPerms = allLinePermutations(n, shape.boxRows());
        List<int[]> colPerms = allLinePermutations(n, shape.boxCols());
        int transposes = shape.squareBoxes() ? 2 : 1;
        long group = (long) rowPerms.size() * colPerms.size() * transposes;
        if (group > MAX_CANONICAL_GROUP) {
            return new int[0][];
        }
        List<int[]> moves = new ArrayList<>();
        for (int t = 0; t < transposes; t++) {
            for (int[] rows : rowPerms) {
                for (int[] cols : colPerms) {
                    moves.add(cellSource(n, rows, cols, t == 1));
                }
            }
        }
        return moves.toArray(new int[0][]);
    }

    /** Renames digits 1, 2, 3, ... in order of first appearance; blanks stay '.'. */
    static String relabeled(int[] board) {
        int[] name = new int[10];
        int next = 1;
        StringBuilder sb = new StringBuilder(board.length);
        for (int v : board) {
            if (v != 0 && name[v] == 0) {
                name[v] = next++;
            }
            sb.append(v == 0 ? '.' : (char) ('0' + name[v]));
        }
        return sb.toString();
    }

    private static int[] cellSource(int n, int[] rows, int[] cols, boolean transpose) {
        int[] src = new int[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                int sr = rows[r];
                int sc = cols[c];
                src[r * n + c] = transpose ? sc * n + sr : sr * n + sc;
            }
        }
        return src;
    }

    /** Lines (rows or columns) grouped by {@code group}: shuffle the groups, then inside each. */
    private static int[] randomLinePermutation(int n, int group, Random rng) {
        int[] groupOrder = permutation(n / group, rng);
        int[] lines = new int[n];
        for (int g = 0; g < n / group; g++) {
            int[] inside = permutation(group, rng);
            for (int k = 0; k < group; k++) {
                lines[g * group + k] = groupOrder[g] * group + inside[k];
            }
        }
        return lines;
    }

    private static List<int[]> allLinePermutations(int n, int group) {
        List<int[]> groupOrders = allPermutations(n / group);
        List<int[]> insides = allPermutations(group);
        List<int[]> all = new ArrayList<>();
        for (int[] order : groupOrders) {
            expand(order, insides, group, 0, new int[n], all);
        }
        return all;
    }

    private static void expand(int[] order, List<int[]> insides, int group, int g, int[] lines,
            List<int[]> out) {
        if (g == order.length) {
            out.add(lines.clone());
            return;
        }
        for (int[] inside : insides) {
            for (int k = 0; k < group; k++) {
                lines[g * group + k] = order[g] * group + inside[k];
            }
            expand(order, insides, group, g + 1, lines, out);
        }
    }

    private static List<int[]> allPermutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] cur, boolean[] used, int k, List<int[]> out) {
        if (k == cur.length) {
            out.add(cur.clone());
            return;
        }
        for (int v = 0; v < cur.length; v++) {
            if (!used[v]) {
                used[v] = true;
                cur[k] = v;
                permute(cur, used, k + 1, out);
                used[v] = false;
            }
        }
    }

    private static int[] permutation(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
