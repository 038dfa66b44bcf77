package dev.tinyreason.trm;

/**
 * Exact Sudoku solver: depth-first search with bit masks, always branching on the blank cell
 * with the fewest candidates. The generator uses it to keep only puzzles with one solution.
 */
public final class SudokuSolver {

    private final SudokuShape shape;
    private final int[] rowUsed;
    private final int[] colUsed;
    private final int[] boxUsed;
    private final int[] board;
    private int[] firstSolution;
    private int found;
    private int limit;

    private SudokuSolver(SudokuShape shape, int[] puzzle) {
        this.shape = shape;
        int n = shape.size();
        this.rowUsed = new int[n];
        this.colUsed = new int[n];
        this.boxUsed = new int[n];
        this.board = puzzle.clone();
    }

    /** Counts solutions, stopping at {@code limit} (2 is enough to test uniqueness). */
    public static int countSolutions(SudokuShape shape, int[] puzzle, int limit) {
        SudokuSolver s = new SudokuSolver(shape, puzzle);
        if (!s.placeGivens()) {
            return 0;
        }
        s.limit = limit;
        s.search();
        return s.found;
    }

    /** True when the puzzle has exactly one solution. */
    public static boolean hasUniqueSolution(SudokuShape shape, int[] puzzle) {
        return countSolutions(shape, puzzle, 2) == 1;
    }

    /** The first solution found, or null when the puzzle has none. */
    public static int[] solve(SudokuShape shape, int[] puzzle) {
        SudokuSolver s = new SudokuSolver(shape, puzzle);
        if (!s.placeGivens()) {
            return null;
        }
        s.limit = 1;
        s.search();
        return s.firstSolution;
    }

    private boolean placeGivens() {
        int n = shape.size();
        for (int i = 0; i < board.length; i++) {
            int v = board[i];
            if (v == 0) {
                continue;
            }
            int bit = 1 << v;
            int r = i / n;
            int c = i % n;
            int b = shape.box(r, c);
            if (v > n || ((rowUsed[r] | colUsed[c] | boxUsed[b]) & bit) != 0) {
                return false;
            }
            rowUsed[r] |= bit;
            colUsed[c] |= bit;
            boxUsed[b] |= bit;
        }
        return true;
    }

    private void search() {
        int n = shape.size();
        int allDigits = ((1 << (n + 1)) - 1) & ~1;
        int bestCell = -1;
        int bestCandidates = 0;
        int bestCount = Integer.MAX_VALUE;
        for (int i = 0; i < board.length; i++) {
            if (board[i] != 0) {
                continue;
            }
            int r = i / n;
            int c = i % n;
            int candidates = allDigits & ~(rowUsed[r] | colUsed[c] | boxUsed[shape.box(r, c)]);
            int count = Integer.bitCount(candidates);
            if (count < bestCount) {
                bestCount = count;
                bestCell = i;
                bestCandidates = candidates;
                if (count <= 1) {
                    break;
                }
            }
        }
        if (bestCell < 0) {
            if (found++ == 0) {
                firstSolution = board.clone();
            }
            return;
        }
        int r = bestCell / n;
        int c = bestCell % n;
        int b = shape.box(r, c);
        for (int v = 1; v <= n && found < limit; v++) {
            int bit = 1 << v;
            if ((bestCandidates & bit) == 0) {
                continue;
            }
            board[bestCell] = v;
            rowUsed[r] |= bit;
            colUsed[c] |= bit;
            boxUsed[b] |= bit;
            search();
            rowUsed[r] &= ~bit;
            colUsed[c] &= ~bit;
            boxUsed[b] &= ~bit;
            board[bestCell] = 0;
        }
    }
}
