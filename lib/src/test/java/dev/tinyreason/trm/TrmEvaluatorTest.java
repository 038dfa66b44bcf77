package dev.tinyreason.trm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrmEvaluatorTest {

    @Test
    void solvedMarksEachPuzzleInOrderAndAgreesWithTheRate() {
        List<Sudoku> puzzles = SudokuDataset.generate(SudokuDataset.Spec.sudoku4()).test()
                .subList(0, 6);
        List<int[]> answers = new ArrayList<>();
        boolean[] expected = new boolean[puzzles.size()];
        for (int i = 0; i < puzzles.size(); i++) {
            expected[i] = i % 3 != 1;   // every third puzzle answered with its blank board
            answers.add(expected[i] ? puzzles.get(i).solution() : puzzles.get(i).puzzle());
        }
        TrmEvaluator.Score s = TrmEvaluator.score(puzzles, answers);
        assertArrayEquals(expected, s.solved());
        assertEquals(4 / 6.0, s.exactAccuracy(), 1e-12);
    }
}
