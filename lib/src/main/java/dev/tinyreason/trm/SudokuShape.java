package dev.tinyreason.trm;

/**
 * The shape of a Sudoku grid: {@code size × size} cells split into boxes of
 * {@code boxRows × boxCols} cells. Every row, column and box holds each digit 1..size once.
 *
 * <p>Boards throughout this package are {@code int[]} of length {@link #cells()}, row by row,
 * with 0 for a blank.
 */
public record SudokuShape(int size, int boxRows, int boxCols) {

    public SudokuShape {
        if (boxRows < 1 || boxCols < 1) {
            throw new IllegalArgumentException("A box needs at least one row and one column, got "
                    + "boxRows=" + boxRows + ", boxCols=" + boxCols + ".");
        }
        if (size != boxRows * boxCols) {
            throw new IllegalArgumentException("size must equal boxRows * boxCols so that every "
                    + "box holds each digit once, got size=" + size + ", boxRows=" + boxRows
                    + ", boxCols=" + boxCols + ".");
        }
        if (size < 2 || size > 9) {
            throw new IllegalArgumentException("size must be between 2 and 9 so that a cell is one "
                    + "character, got size=" + size + ".");
        }
    }

    /** 4×4 with 2×2 boxes: the shape the unit tests use. */
    public static SudokuShape four() {
        return new SudokuShape(4, 2, 2);
    }

    /** 6×6 with 2×3 boxes (two rows, three columns): the CPU default of the course. */
    public static SudokuShape six() {
        return new SudokuShape(6, 2, 3);
    }

    /** The classic 9×9 with 3×3 boxes. */
    public static SudokuShape nine() {
        return new SudokuShape(9, 3, 3);
    }

    /** The shape whose board has {@code cells} cells (16, 36 or 81). */
    public static SudokuShape forCells(int cells) {
        return switch (cells) {
            case 16 -> four();
            case 36 -> six();
            case 81 -> nine();
            default -> throw new IllegalArgumentException("A Sudoku board has 16, 36 or 81 cells "
                    + "(4×4, 6×6 or 9×9), got " + cells + ".");
        };
    }

    public int cells() {
        return size * size;
    }

    /** Index of the box that holds cell (row, col), boxes numbered row by row. */
    public int box(int row, int col) {
        return (row / boxRows) * (size / boxCols) + col / boxCols;
    }

    /** True when boxes are square, so transposing the grid keeps it a valid Sudoku. */
    public boolean squareBoxes() {
        return boxRows == boxCols;
    }

    @Override
    public String toString() {
        return size + "x" + size + " (" + boxRows + "x" + boxCols + " boxes)";
    }
}
