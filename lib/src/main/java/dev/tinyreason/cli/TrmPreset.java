package dev.tinyreason.cli;

import dev.tinyreason.trm.SudokuDataset;
import dev.tinyreason.trm.TrmAblations;
import dev.tinyreason.trm.TrmConfig;
import dev.tinyreason.trm.TrmTrainConfig;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code --preset} selects for {@code train trm} and {@code train trm-ablations}: the
 * puzzles, the model and its training recipe.
 */
enum TrmPreset {

    /** 6×6 Sudoku, the course's setting (a CPU recipe of about 25 minutes). */
    SUDOKU6 {
        @Override
        TrmConfig config() {
            return TrmConfig.sudoku6();
        }

        @Override
        TrmTrainConfig train() {
            return TrmTrainConfig.cpu();
        }

        @Override
        SudokuDataset.Spec spec() {
            return SudokuDataset.Spec.sudoku6();
        }

        @Override
        TrmAblations.Options ablations(Path out) {
            return TrmAblations.Options.sudoku6(out);
        }
    },

    /** 4×4 Sudoku: seconds, for a smoke test. */
    SUDOKU4 {
        @Override
        TrmConfig config() {
            return TrmConfig.sudoku4();
        }

        @Override
        TrmTrainConfig train() {
            return TrmTrainConfig.tiny();
        }

        @Override
        SudokuDataset.Spec spec() {
            return SudokuDataset.Spec.sudoku4();
        }

        @Override
        TrmAblations.Options ablations(Path out) {
            return TrmAblations.Options.sudoku4(out, 3);  // 0.05 minutes a variant
        }
    };

    abstract TrmConfig config();

    abstract TrmTrainConfig train();

    abstract SudokuDataset.Spec spec();

    /** The ablation sweep's settings for these puzzles, its minutes per variant included. */
    abstract TrmAblations.Options ablations(Path out);

    /** The name on the command line: {@code sudoku6}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The preset called {@code name}; the error lists them. */
    static TrmPreset named(String name) {
        for (TrmPreset p : values()) {
            if (p.toString().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown preset '" + name + "'; use sudoku6 or "
                + "sudoku4.");
    }
}
