package dev.tinyreason.trm;

import java.util.Random;

/**
 * Seeded generator of Sudoku puzzles that have exactly one solution.
 *
 * <p>Recipe: fill a random complete grid (depth-first search over cells in order, trying digits
 * in a random order), then blank cells in a random order, keeping a blank only while the puzzle
 * still has a unique solution, until {@code clues} givens remain. Fewer clues means a harder
 * puzzle. When a grid cannot be dug down to {@code clues} (every remaining given is needed), the
 * generator starts over with a new grid, and after a few tries returns the sparsest puzzle it
 * found, so {@link Sudoku#clues()} can exceed the request for very low targets (6×6 puzzles
 * need at least 8 clues; 9×9 at least 17).
 *
 * <p>Same seed, same shape, same calls: same puzzles.
 */
public final class SudokuGenerator {

    private static final int TRIES = 20;

    private final SudokuShape shape;
    private final Random rng;

    public SudokuGenerator(SudokuShape shape, long seed) {
        this.shape = shape;
        this.rng = new Random(seed);
    }

    public SudokuShape shape() {
        return shape;
    }

    /** The next puzzle with (as close as possible to) {@code clues} givens. */
    public Sudoku next(int clues) {
        if (clues < 0 || clues > shape.cells()) {
            throw new IllegalArgumentException("clues must be between 0 and " + shape.cells()
                    + " for a " + shape + " Sudoku, got " + clues + ".");
        }
        Sudoku best = null;
        for (int attempt = 0; attempt < TRIES; attempt++) {
            int[] solution = randomSolution();
            Sudoku candidate = new Sudoku(shape, dig(solution, clues), solution);
            if (best == null || candidate.clues() < best.clues()) {
                best = candidate;
            }
            if (best.clues() <= clues) {
                break;
            }
        }
        return best;
    }

    /** A random complete grid: depth-first fill, digits tried in a random order per cell. */
    public int[] randomSolution() {
        int[] board = new int[shape.cells()];
        if (!fill(board, 0)) {
            throw new IllegalStateException("No complete grid exists for " + shape
                    + ", which cannot happen for a valid shape.");
        }
        return board;
    }

    private boolean fill(int[] board, int cell) {
        if (cell == board.length) {
            return true;
        }
        int[] digits = shuffledDigits();
        for (int v : digits) {
            if (allowed(board, cell, v)) {
                board[cell] = v;
                if (fill(board, cell + 1)) {
                    return true;
                }
                board[cell] = 0;
            }
        }
        return false;
    }

    private boolean allowed(int[] board, int cell, int v) {
        int n = shape.size();
        int r = cell / n;
        int c = cell % n;
        for (int i = 0; i < n; i++) {
            if (board[r * n + i] == v || board[i * n + c] == v) {
                return false;
            }
        }
        int r0 = r - r % shape.boxRows();
        int c0 = c - c % shape.boxCols();
        for (int dr = 0; dr < shape.boxRows(); dr++) {
            for (int dc = 0; dc < shape.boxCols(); dc++) {
                if (board[(r0 + dr) * n + c0 + dc] == v) {
                    return false;
                }
            }
        }
        return true;
    }

    private int[] dig(int[] solution, int clues) {
        int[] puzzle = solution.clone();
        int remaining = puzzle.length;
        for (int cell : shuffledCells()) {
            if (remaining <= clues) {
                break;
            }
            int keep = puzzle[cell];
            puzzle[cell] = 0;
            if (SudokuSolver.hasUniqueSolution(shape, puzzle)) {
                remaining--;
            } else {
                puzzle[cell] = keep;
            }
        }
        return puzzle;
    }

    private int[] shuffledDigits() {
        int[] d = new int[shape.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = i + 1;
        }
        shuffle(d);
        return d;
    }

    private int[] shuffledCells() {
        int[] cells = new int[shape.cells()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = i;
        }
        shuffle(cells);
        return cells;
    }

    private void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
