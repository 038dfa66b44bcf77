package dev.tinyreason.trm;

import java.util.Arrays;

/**
 * A Sudoku puzzle with its (unique) solution. Boards are row-major {@code int[]}, 0 = blank.
 *
 * <p>Text form, one board per line, one character per cell: {@code 1..9} for a digit and
 * {@code 0} or {@code .} for a blank. The 4×4 puzzle
 * <pre>
 *   . . | . .
 *   4 2 | . .
 *   ----+----
 *   . 1 | 2 .
 *   . . | . 1      is the line  "....42...12....1"  (or "0000420001200001").
 * </pre>
 */
public record Sudoku(SudokuShape shape, int[] puzzle, int[] solution) {

    public Sudoku {
        if (puzzle.length != shape.cells() || solution.length != shape.cells()) {
            throw new IllegalArgumentException("A " + shape + " Sudoku has " + shape.cells()
                    + " cells, got a puzzle of " + puzzle.length + " and a solution of "
                    + solution.length + ".");
        }
        if (!isSolution(shape, puzzle, solution)) {
            throw new IllegalArgumentException("The solution " + toLine(solution)
                    + " is not a valid completion of the puzzle " + toLine(puzzle) + ".");
        }
        puzzle = puzzle.clone();
        solution = solution.clone();
    }

    /** Number of given (non-blank) cells: the difficulty knob, fewer clues is harder. */
    public int clues() {
        return (int) Arrays.stream(puzzle).filter(v -> v != 0).count();
    }

    @Override
    public int[] puzzle() {
        return puzzle.clone();
    }

    @Override
    public int[] solution() {
        return solution.clone();
    }

    /**
     * Parses one board; throws with a message that says what is wrong and how to write it.
     * Blanks are {@code 0} or {@code .}; the length must be 16, 36 or 81.
     */
    public static int[] parse(String line) {
        String s = line.strip();
        int cells = s.length();
        if (cells != 16 && cells != 36 && cells != 81) {
            throw new IllegalArgumentException("expected 16, 36 or 81 characters (a 4x4, 6x6 or "
                    + "9x9 board, one character per cell, row by row, no separators), got "
                    + cells + " characters in \"" + abbreviate(s) + "\".");
        }
        int size = SudokuShape.forCells(cells).size();
        int[] board = new int[cells];
        for (int i = 0; i < cells; i++) {
            char c = s.charAt(i);
            if (c == '.' || c == '0') {
                board[i] = 0;
            } else if (c >= '1' && c <= '0' + size) {
                board[i] = c - '0';
            } else {
                throw new IllegalArgumentException("character " + (i + 1) + " is '" + c
                        + "', which is not a cell of a " + size + "x" + size + " Sudoku; use 1-"
                        + size + " for a given digit and 0 or . for a blank.");
            }
        }
        return board;
    }

    /** The one-line text form of a board, blanks as {@code .}. */
    public static String toLine(int[] board) {
        StringBuilder sb = new StringBuilder(board.length);
        for (int v : board) {
            sb.append(v == 0 ? '.' : (char) ('0' + v));
        }
        return sb.toString();
    }

    /** A multi-line picture of a board with box borders, for printing. */
    public static String toGrid(SudokuShape shape, int[] board) {
        int n = shape.size();
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < n; r++) {
            if (r > 0 && r % shape.boxRows() == 0) {
                for (int c = 0; c < n; c++) {
                    sb.append(c > 0 && c % shape.boxCols() == 0 ? "+-" : "").append("--");
                }
                sb.setLength(sb.length() - 1);
                sb.append('\n');
            }
            for (int c = 0; c < n; c++) {
                if (c > 0) {
                    sb.append(c % shape.boxCols() == 0 ? " | " : " ");
                }
                int v = board[r * n + c];
                sb.append(v == 0 ? '.' : (char) ('0' + v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * True when {@code answer} is a complete grid in which every row, column and box holds each
     * digit once, and which keeps every given of {@code puzzle}. Total: any int[] is accepted.
     */
    public static boolean isSolution(SudokuShape shape, int[] puzzle, int[] answer) {
        int n = shape.size();
        if (answer.length != shape.cells() || puzzle.length != shape.cells()) {
            return false;
        }
        int[] rowSeen = new int[n];
        int[] colSeen = new int[n];
        int[] boxSeen = new int[n];
        for (int i = 0; i < answer.length; i++) {
            int v = answer[i];
            if (v < 1 || v > n || (puzzle[i] != 0 && puzzle[i] != v)) {
                return false;
            }
            int bit = 1 << v;
            int r = i / n;
            int c = i % n;
            int b = shape.box(r, c);
            if ((rowSeen[r] & bit) != 0 || (colSeen[c] & bit) != 0 || (boxSeen[b] & bit) != 0) {
                return false;
            }
            rowSeen[r] |= bit;
            colSeen[c] |= bit;
            boxSeen[b] |= bit;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sudoku s && s.shape.equals(shape) && Arrays.equals(s.puzzle, puzzle)
                && Arrays.equals(s.solution, solution);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(puzzle) + Arrays.hashCode(solution);
    }

    @Override
    public String toString() {
        return "Sudoku[" + toLine(puzzle) + " -> " + toLine(solution) + "]";
    }

    private static String abbreviate(String s) {
        return s.length() <= 90 ? s : s.substring(0, 87) + "...";
    }
}
