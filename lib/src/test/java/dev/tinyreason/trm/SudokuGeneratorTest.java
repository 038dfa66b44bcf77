package dev.tinyreason.trm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SudokuGeneratorTest {

    @Test
    void puzzlesHaveOneSolutionAndTheRequestedClues() {
        for (SudokuShape shape : List.of(SudokuShape.four(), SudokuShape.six())) {
            SudokuGenerator g = new SudokuGenerator(shape, 7);
            int clues = shape.size() == 4 ? 5 : 11;
            for (int i = 0; i < 50; i++) {
                Sudoku s = g.next(clues);
                assertEquals(clues, s.clues());
                assertEquals(1, SudokuSolver.countSolutions(shape, s.puzzle(), 2));
                assertTrue(Sudoku.isSolution(shape, s.puzzle(), s.solution()));
            }
        }
    }

    @Test
    void nineByNineIsSupported() {
        Sudoku s = new SudokuGenerator(SudokuShape.nine(), 1).next(30);
        assertEquals(30, s.clues());
        assertTrue(SudokuSolver.hasUniqueSolution(SudokuShape.nine(), s.puzzle()));
    }

    @Test
    void fewerCluesThanPossibleGivesTheSparsestFound() {
        Sudoku s = new SudokuGenerator(SudokuShape.six(), 3).next(1);
        assertTrue(s.clues() >= 8, "6x6 needs at least 8 clues, got " + s.clues());
        assertTrue(SudokuSolver.hasUniqueSolution(SudokuShape.six(), s.puzzle()));
    }

    @Test
    void sameSeedSamePuzzlesOtherSeedOthers() {
        assertEquals(draw(11), draw(11));
        assertNotEquals(draw(11), draw(12));
    }

    @Test
    void symmetriesKeepPuzzlesValidAndCanonicalFormIsInvariant() {
        Random rng = new Random(5);
        for (SudokuShape shape : List.of(SudokuShape.four(), SudokuShape.six())) {
            SudokuGenerator g = new SudokuGenerator(shape, 9);
            for (int i = 0; i < 20; i++) {
                Sudoku s = g.next(shape.size() == 4 ? 5 : 12);
                String canon = SudokuSymmetry.canonicalForm(shape, s.puzzle());
                Sudoku moved = SudokuSymmetry.random(shape, rng).apply(s);  // validates itself
                assertEquals(s.clues(), moved.clues());
                assertTrue(SudokuSolver.hasUniqueSolution(shape, moved.puzzle()));
                assertEquals(canon, SudokuSymmetry.canonicalForm(shape, moved.puzzle()));
            }
        }
    }

    @Test
    void augmentationProducesManyDistinctBoards() {
        Sudoku s = new SudokuGenerator(SudokuShape.six(), 2).next(12);
        Random rng = new Random(0);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            seen.add(Sudoku.toLine(SudokuSymmetry.random(SudokuShape.six(), rng).apply(s)
                    .puzzle()));
        }
        assertTrue(seen.size() > 190, "only " + seen.size() + " distinct of 200");
    }

    @Test
    void canonicalFormSeparatesDifferentPuzzles() {
        SudokuShape shape = SudokuShape.six();
        SudokuGenerator g = new SudokuGenerator(shape, 4);
        Set<String> forms = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            forms.add(SudokuSymmetry.canonicalForm(shape, g.next(10).puzzle()));
        }
        assertTrue(forms.size() > 25, "only " + forms.size() + " distinct of 30");
    }

    private static List<String> draw(long seed) {
        SudokuGenerator g = new SudokuGenerator(SudokuShape.six(), seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            out.add(g.next(12).toString());
        }
        return out;
    }
}
