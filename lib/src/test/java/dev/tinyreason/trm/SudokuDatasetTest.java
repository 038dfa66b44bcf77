package dev.tinyreason.trm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SudokuDatasetTest {

    private static final SudokuDataset.Spec SPEC = SudokuDataset.Spec.sudoku6()
            .withTrainSize(400).withTestSize(100);

    @Test
    void testPuzzlesAreDisjointFromTrainingUpToSymmetry() {
        SudokuDataset d = SudokuDataset.generate(SPEC);
        assertEquals(400, d.train().size());
        assertEquals(100, d.test().size());
        Set<String> train = new HashSet<>();
        d.train().forEach(s -> train.add(SudokuSymmetry.canonicalForm(s.shape(), s.puzzle())));
        assertEquals(400, train.size(), "training puzzles are distinct up to symmetry");
        for (Sudoku s : d.test()) {
            assertTrue(!train.contains(SudokuSymmetry.canonicalForm(s.shape(), s.puzzle())),
                    "test puzzle " + s + " is a symmetry of a training puzzle");
        }
        // ... so no augmented training sample is ever a test puzzle.
        Set<String> testLines = new HashSet<>();
        d.test().forEach(s -> testLines.add(Sudoku.toLine(s.puzzle())));
        Random rng = new Random(1);
        for (int i = 0; i < 2000; i++) {
            assertTrue(!testLines.contains(Sudoku.toLine(d.sampleAugmented(rng).puzzle())));
        }
    }

    @Test
    void deterministicAndTestSplitIndependentOfTrainSize() {
        SudokuDataset a = SudokuDataset.generate(SPEC);
        SudokuDataset b = SudokuDataset.generate(SPEC);
        assertEquals(a.train(), b.train());
        assertEquals(a.test(), b.test());
        assertEquals(a.test(), SudokuDataset.testSplit(SPEC));
        assertEquals(a.test(), SudokuDataset.generate(SPEC.withTrainSize(50)).test());
    }

    @Test
    void clueCountsFollowTheSpec() {
        SudokuDataset d = SudokuDataset.generate(SPEC.withClues(12, 13));
        for (Sudoku s : d.test()) {
            assertTrue(s.clues() >= 12 && s.clues() <= 13, "clues " + s.clues());
        }
    }

    @Test
    void writeThenReadRoundTrips(@TempDir Path dir) throws Exception {
        List<Sudoku> puzzles = SudokuDataset.testSplit(SPEC.withTestSize(10));
        Path file = dir.resolve("p.txt");
        SudokuDataset.write(file, puzzles);
        assertEquals(puzzles, SudokuDataset.read(file));
    }

    @Test
    void readComputesSolutionsAndNamesTheBadLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("in.txt");
        Files.writeString(file, "# a comment\n....42...12....1\n\n....42...12....\n");
        var e = assertThrows(IllegalArgumentException.class, () -> SudokuDataset.read(file));
        assertTrue(e.getMessage().startsWith("in.txt line 4: expected 16, 36 or 81 characters"),
                e.getMessage());

        Files.writeString(file, "....42...12....1\n................\n");
        e = assertThrows(IllegalArgumentException.class, () -> SudokuDataset.read(file));
        assertTrue(e.getMessage().startsWith("in.txt line 2: the puzzle has more than one "
                + "solution"), e.getMessage());

        Files.writeString(file, "....42...12....1\n");
        assertEquals("1342421331242431",
                Sudoku.toLine(SudokuDataset.read(file).get(0).solution()));
    }

    @Test
    void specValidatesWithFullSentences() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SPEC.withClues(14, 10));
        assertEquals("Clue counts must satisfy 1 <= minClues <= maxClues < 36 for a 6x6 (2x3 "
                + "boxes) Sudoku, got minClues=14, maxClues=10.", e.getMessage());
    }
}
