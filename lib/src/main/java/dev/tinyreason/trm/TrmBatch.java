package dev.tinyreason.trm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The {@code batchSize} slots that {@link TrmTrainer} trains on, in plain Java arrays. Each slot
 * holds one augmented training puzzle, its labels, the (y, z) carried from its previous
 * supervision step and how many steps it has run:
 * <ol>
 *   <li>{@link #refill()} gives every halted slot a fresh puzzle and resets its carry to
 *       (y_init, z_init);
 *   <li>the trainer reads {@link #puzzles()}, {@link #labels()} and the carry, runs one
 *       supervision step and hands the new carry back through {@link #carry};
 *   <li>{@link #decideHalting} halts the slots whose halting logit is positive or that have run
 *       nSup steps, and reports how each halted puzzle went.
 * </ol>
 * With probability haltExplorationProb a fresh slot must first run a random number of steps in
 * [2, nSup], so the halting head also sees late steps (the paper's exploration).
 */
final class TrmBatch {

    /**
     * How one puzzle went when its slot halted: the share of cells right, whether the whole
     * board is right, whether the halting logit's sign agreed with that, and the steps it took.
     */
    record Halt(double cellAccuracy, boolean exact, boolean haltCorrect, int steps) {}

    private final TrmConfig config;
    private final TrmTrainConfig train;
    private final SudokuDataset data;
    private final Random rng;
    private final float[] yInit;       // (D) the fixed start state of y; null without recursion
    private final float[] zInit;       // (D)

    private final int[][] puzzles;
    private final int[][] labels;      // solution digit - 1
    private final int[] stepsRun;
    private final int[] minSteps;
    private final boolean[] halted;
    private float[] y;                 // (B, L, D) carried answer state, flattened
    private float[] z;                 // (B, L, D) carried latent state
    private long puzzlesSeen;

    /**
     * Empty slots, all halted, so the first {@link #refill()} fills every one; puzzles are drawn
     * with a generator seeded by {@code train.seed()}.
     */
    TrmBatch(TrmConfig config, TrmTrainConfig train, SudokuDataset data, float[] yInit,
            float[] zInit) {
        this.config = config;
        this.train = train;
        this.data = data;
        this.rng = new Random(train.seed());
        this.yInit = yInit;
        this.zInit = zInit;
        int b = train.batchSize();
        this.puzzles = new int[b][];
        this.labels = new int[b][];
        this.stepsRun = new int[b];
        this.minSteps = new int[b];
        this.halted = new boolean[b];
        Arrays.fill(halted, true);
        int state = b * config.cells() * config.hiddenSize();
        this.y = new float[state];
        this.z = new float[state];
    }

    /** Gives every halted slot a fresh augmented puzzle, a fresh carry and a minimum step count. */
    void refill() {
        for (int i = 0; i < puzzles.length; i++) {
            if (!halted[i]) {
                continue;
            }
            Sudoku s = data.sampleAugmented(rng);
            puzzles[i] = s.puzzle();
            int[] solution = s.solution();
            labels[i] = new int[solution.length];
            for (int c = 0; c < solution.length; c++) {
                labels[i][c] = solution[c] - 1;
            }
            stepsRun[i] = 0;
            minSteps[i] = rng.nextFloat() < train.haltExplorationProb()
                    ? 2 + rng.nextInt(Math.max(1, config.nSup() - 1)) : 0;
            halted[i] = false;
            resetCarry(i);
            puzzlesSeen++;
        }
    }

    private void resetCarry(int slot) {
        if (config.recursion() != TrmConfig.Recursion.TRM) {
            return;
        }
        int d = config.hiddenSize();
        int base = slot * config.cells() * d;
        for (int c = 0; c < config.cells(); c++) {
            System.arraycopy(yInit, 0, y, base + c * d, d);
            System.arraycopy(zInit, 0, z, base + c * d, d);
        }
    }

    /** The slots' puzzles, (B, L) digits with 0 for a blank: the batch's own arrays. */
    int[][] puzzles() {
        return puzzles;
    }

    /** The slots' solutions as classes, (B, L) digit - 1: the batch's own arrays. */
    int[][] labels() {
        return labels;
    }

    /** The carried answer state, (B, L, D) flattened. */
    float[] y() {
        return y;
    }

    /** The carried latent state, (B, L, D) flattened. */
    float[] z() {
        return z;
    }

    /** Sets the carry the next step starts from: plain numbers, so it is detached. */
    void carry(float[] y, float[] z) {
        this.y = y;
        this.z = z;
    }

    /** Puzzles drawn so far. */
    long puzzlesSeen() {
        return puzzlesSeen;
    }

    /**
     * The halting head's target: 1 for each slot whose predicted board {@code pred} (B·L
     * classes, flattened) is entirely right, else 0.
     */
    float[] exact(long[] pred) {
        float[] correct = new float[puzzles.length];
        for (int i = 0; i < puzzles.length; i++) {
            correct[i] = isExact(pred, i) ? 1f : 0f;
        }
        return correct;
    }

    private boolean isExact(long[] pred, int slot) {
        int cells = config.cells();
        for (int c = 0; c < cells; c++) {
            if (pred[slot * cells + c] != labels[slot][c]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Counts one more step for every slot and halts those that are done: a slot halts when its
     * halting logit {@code q} is positive (null: no halting head) after its minimum steps, or
     * when it has run nSup steps. Returns how each halted puzzle went, in slot order.
     */
    List<Halt> decideHalting(long[] pred, float[] q) {
        int cells = config.cells();
        List<Halt> out = new ArrayList<>();
        for (int i = 0; i < puzzles.length; i++) {
            stepsRun[i]++;
            boolean wantsToHalt = q != null && q[i] > 0 && stepsRun[i] >= minSteps[i];
            halted[i] = stepsRun[i] >= config.nSup() || wantsToHalt;
            if (halted[i]) {
                int right = 0;
                for (int c = 0; c < cells; c++) {
                    right += pred[i * cells + c] == labels[i][c] ? 1 : 0;
                }
                boolean exact = right == cells;
                boolean haltSaysExact = q != null && q[i] > 0;
                out.add(new Halt(right / (double) cells, exact, haltSaysExact == exact, stepsRun[i]));
            }
        }
        return out;
    }
}
