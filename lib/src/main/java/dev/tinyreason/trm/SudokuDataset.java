package dev.tinyreason.trm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Training and held-out Sudoku puzzles, generated from a seed.
 *
 * <p>The test split is generated first, from its own stream, so it depends only on
 * {@code (shape, testSize, clues, seed)} and never on the training size. Training puzzles whose
 * {@linkplain SudokuSymmetry#canonicalForm canonical form} matches a test puzzle (or an earlier
 * training puzzle) are skipped: no augmentation of a training puzzle is a test puzzle.
 */
public record SudokuDataset(Spec spec, List<Sudoku> train, List<Sudoku> test) {

    /**
     * How to generate a data set. Each puzzle draws its clue count uniformly from
     * {@code [minClues, maxClues]}: fewer clues, harder puzzles.
     */
    public record Spec(SudokuShape shape, int trainSize, int testSize, int minClues, int maxClues,
            long seed) {

        public Spec {
            if (trainSize < 0 || testSize < 0) {
                throw new IllegalArgumentException("trainSize and testSize must not be negative, "
                        + "got trainSize=" + trainSize + ", testSize=" + testSize + ".");
            }
            if (minClues < 1 || minClues > maxClues || maxClues >= shape.cells()) {
                throw new IllegalArgumentException("Clue counts must satisfy 1 <= minClues <= "
                        + "maxClues < " + shape.cells() + " for a " + shape + " Sudoku, got "
                        + "minClues=" + minClues + ", maxClues=" + maxClues + ".");
            }
        }

        /** 4×4 puzzles with 4–7 clues: tiny, for tests (4×4 has few distinct puzzles). */
        public static Spec sudoku4() {
            return new Spec(SudokuShape.four(), 300, 60, 4, 7, 4);
        }

        /**
         * The course default: 6×6 puzzles with 8–10 clues (near-minimal, the hardest 6×6
         * puzzles: 26–28 blanks), 2,000 training puzzles (augmented on the fly, in the spirit of
         * the paper's 1,000 Sudoku-Extreme puzzles) and 1,000 held out.
         */
        public static Spec sudoku6() {
            return new Spec(SudokuShape.six(), 2000, 1000, 8, 10, 6);
        }

        public Spec withTrainSize(int trainSize) {
            return new Spec(shape, trainSize, testSize, minClues, maxClues, seed);
        }

        public Spec withTestSize(int testSize) {
            return new Spec(shape, trainSize, testSize, minClues, maxClues, seed);
        }

        public Spec withClues(int minClues, int maxClues) {
            return new Spec(shape, trainSize, testSize, minClues, maxClues, seed);
        }

        public Spec withSeed(long seed) {
            return new Spec(shape, trainSize, testSize, minClues, maxClues, seed);
        }
    }

    public SudokuDataset {
        train = List.copyOf(train);
        test = List.copyOf(test);
    }

    /** Generates both splits; deterministic in {@code spec}. */
    public static SudokuDataset generate(Spec spec) {
        Set<String> seen = new HashSet<>();
        List<Sudoku> test = draw(spec, spec.testSize(), spec.seed() * 2 + 1, seen);
        List<Sudoku> train = draw(spec, spec.trainSize(), spec.seed() * 2, seen);
        return new SudokuDataset(spec, train, test);
    }

    /** Only the held-out split (the same puzzles {@link #generate} returns), for evaluation. */
    public static List<Sudoku> testSplit(Spec spec) {
        return draw(spec, spec.testSize(), spec.seed() * 2 + 1, new HashSet<>());
    }

    private static List<Sudoku> draw(Spec spec, int count, long seed, Set<String> seen) {
        SudokuGenerator generator = new SudokuGenerator(spec.shape(), seed);
        Random clueRng = new Random(seed ^ 0x5DEECE66DL);
        List<Sudoku> out = new ArrayList<>(count);
        int misses = 0;
        while (out.size() < count) {
            int clues = spec.minClues() + clueRng.nextInt(spec.maxClues() - spec.minClues() + 1);
            Sudoku s = generator.next(clues);
            if (seen.add(SudokuSymmetry.canonicalForm(spec.shape(), s.puzzle()))) {
                out.add(s);
            } else if (++misses > 100 * (count + 100)) {
                throw new IllegalStateException("Could only find " + out.size() + " distinct "
                        + spec.shape() + " puzzles with " + spec.minClues() + "-"
                        + spec.maxClues() + " clues, but " + count + " were asked for; ask for "
                        + "fewer puzzles or widen the clue range.");
            }
        }
        return out;
    }

    /** A random training puzzle under a random symmetry: the augmentation of the TRM paper. */
    public Sudoku sampleAugmented(Random rng) {
        Sudoku s = train.get(rng.nextInt(train.size()));
        return SudokuSymmetry.random(spec.shape(), rng).apply(s);
    }

    /** Writes puzzles as {@code puzzle,solution} lines. */
    public static void write(Path file, List<Sudoku> puzzles) throws IOException {
        List<String> lines = new ArrayList<>(puzzles.size());
        for (Sudoku s : puzzles) {
            lines.add(Sudoku.toLine(s.puzzle()) + "," + Sudoku.toLine(s.solution()));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /**
     * Reads puzzles, one per line: {@code puzzle} or {@code puzzle,solution} (16, 36 or 81
     * characters, 0 or . for a blank). Blank lines and lines starting with {@code #} are skipped.
     * A missing solution is computed; a puzzle without exactly one solution is an error. Every
     * error names the line and says how to fix it.
     */
    public static List<Sudoku> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No puzzle file at " + file.toAbsolutePath()
                    + "; pass a text file with one puzzle per line.");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Sudoku> out = new ArrayList<>();
        SudokuShape shape = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Sudoku s = parseLine(file, i + 1, line);
            if (shape != null && !shape.equals(s.shape())) {
                throw new IllegalArgumentException(where(file, i + 1) + "this is a " + s.shape()
                        + " puzzle but earlier lines are " + shape + "; put one size per file.");
            }
            shape = s.shape();
            out.add(s);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no puzzles; write one puzzle per "
                    + "line, e.g. a 4x4 one as ....42...12....1 (0 or . for a blank).");
        }
        return out;
    }

    private static Sudoku parseLine(Path file, int lineNumber, String line) {
        String[] parts = line.split(",", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException(where(file, lineNumber) + "expected 'puzzle' or "
                    + "'puzzle,solution', got " + parts.length + " comma-separated fields.");
        }
        int[] puzzle;
        int[] solution = null;
        try {
            puzzle = Sudoku.parse(parts[0]);
            if (parts.length == 2) {
                solution = Sudoku.parse(parts[1]);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where(file, lineNumber) + e.getMessage(), e);
        }
        SudokuShape shape = SudokuShape.forCells(puzzle.length);
        int count = SudokuSolver.countSolutions(shape, puzzle, 2);
        if (count != 1) {
            throw new IllegalArgumentException(where(file, lineNumber) + "the puzzle has "
                    + (count == 0 ? "no solution" : "more than one solution")
                    + "; check the givens (a puzzle must have exactly one solution to be scored).");
        }
        int[] unique = SudokuSolver.solve(shape, puzzle);
        if (solution != null && !Arrays.equals(solution, unique)) {
            throw new IllegalArgumentException(where(file, lineNumber) + "the given solution is "
                    + "not the puzzle's solution " + Sudoku.toLine(unique) + ".");
        }
        return new Sudoku(shape, puzzle, unique);
    }

    private static String where(Path file, int lineNumber) {
        return file.getFileName() + " line " + lineNumber + ": ";
    }
}
