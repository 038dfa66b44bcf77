package dev.tinyreason.trm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SudokuTest {

    // A pinned 4x4 example: the puzzle from Sudoku's javadoc and its unique solution.
    private static final String PUZZLE = "....42...12....1";
    private static final String SOLUTION = "1342421331242431";

    @Test
    void parsesDotsAndZerosAsBlanks() {
        assertArrayEquals(Sudoku.parse(PUZZLE), Sudoku.parse("0000420001200001"));
        assertArrayEquals(new int[] {0, 0, 0, 0, 4, 2, 0, 0, 0, 1, 2, 0, 0, 0, 0, 1},
                Sudoku.parse(PUZZLE));
        assertEquals(PUZZLE, Sudoku.toLine(Sudoku.parse(PUZZLE)));
    }

    @Test
    void solverFindsThePinnedUniqueSolution() {
        int[] puzzle = Sudoku.parse(PUZZLE);
        assertEquals(1, SudokuSolver.countSolutions(SudokuShape.four(), puzzle, 5));
        assertEquals(SOLUTION, Sudoku.toLine(SudokuSolver.solve(SudokuShape.four(), puzzle)));
    }

    @Test
    void solverCountsSeveralSolutionsAndNone() {
        assertEquals(5, SudokuSolver.countSolutions(SudokuShape.four(), new int[16], 5));
        int[] contradiction = Sudoku.parse("11..............");
        assertEquals(0, SudokuSolver.countSolutions(SudokuShape.four(), contradiction, 2));
    }

    @Test
    void isSolutionChecksRulesAndGivens() {
        int[] puzzle = Sudoku.parse(PUZZLE);
        assertTrue(Sudoku.isSolution(SudokuShape.four(), puzzle, Sudoku.parse(SOLUTION)));
        int[] swapped = Sudoku.parse("1342241331242431");  // breaks givens and a column
        assertFalse(Sudoku.isSolution(SudokuShape.four(), puzzle, swapped));
        assertFalse(Sudoku.isSolution(SudokuShape.four(), puzzle, new int[16]));
        assertFalse(Sudoku.isSolution(SudokuShape.four(), puzzle, new int[3]));
        assertFalse(Sudoku.isSolution(SudokuShape.four(), puzzle, new int[] {
            9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9}));
    }

    @Test
    void badLinesSayWhatIsWrongAndHowToFixIt() {
        var tooShort = assertThrows(IllegalArgumentException.class, () -> Sudoku.parse("123"));
        assertTrue(tooShort.getMessage().contains("expected 16, 36 or 81 characters"),
                tooShort.getMessage());
        var badDigit = assertThrows(IllegalArgumentException.class,
                () -> Sudoku.parse("....42...12...51"));
        assertTrue(badDigit.getMessage().contains("character 15 is '5'"), badDigit.getMessage());
        assertTrue(badDigit.getMessage().contains("use 1-4"), badDigit.getMessage());
    }

    @Test
    void shapeValidatesWithFullSentences() {
        var e = assertThrows(IllegalArgumentException.class, () -> new SudokuShape(6, 2, 2));
        assertEquals("size must equal boxRows * boxCols so that every box holds each digit once, "
                + "got size=6, boxRows=2, boxCols=2.", e.getMessage());
        assertEquals(SudokuShape.six(), SudokuShape.forCells(36));
        assertEquals(3, SudokuShape.six().box(2, 3));  // second band, second stack
    }

    @Test
    void gridPictureShowsBoxes() {
        String grid = Sudoku.toGrid(SudokuShape.four(), Sudoku.parse(SOLUTION));
        assertEquals("1 3 | 4 2\n4 2 | 1 3\n----+----\n3 1 | 2 4\n2 4 | 3 1\n", grid);
    }
}
