package dev.tinyreason.trm;

/**
 * The Tiny Recursive Model's architecture and recursion schedule (Jolicoeur-Martineau, "Less is
 * More: Recursive Reasoning with Tiny Networks", arXiv:2510.04871).
 *
 * <p>One network {@code f} of {@link #numLayers} blocks updates three states of shape
 * {@code (cells, hiddenSize)}: x (the embedded puzzle, fixed), y (the current answer) and z (the
 * latent reasoning). One <em>recursion</em> is {@link #n} latent updates
 * {@code z <- f(z + y + x)} and one answer update {@code y <- f(y + z)}; one <em>supervision
 * step</em> is {@link #T} recursions (the first T-1 without gradients) followed by a loss;
 * training and inference run up to {@link #nSup} supervision steps, carrying (y, z) along.
 * Paper names: T = H_cycles, n = L_cycles, nSup = N_sup = halt_max_steps, numLayers = L_layers.
 *
 * <p>{@link Recursion#NONE} turns the same blocks into a plain feed-forward baseline:
 * {@code y = f(x)} once, no carry, no halting head.
 *
 * @param shape      the Sudoku grid; its cells are the sequence positions
 * @param recursion  {@link Recursion#TRM}, or {@link Recursion#NONE} for a baseline
 * @param mixer      how a block mixes information across cells
 * @param hiddenSize width of every state (the paper's hidden_size)
 * @param expansion  SwiGLU inner width = expansion × input width
 * @param numHeads   attention heads (used by {@link Mixer#ATTENTION} only)
 * @param numLayers  blocks in f (the paper uses 2)
 * @param T          recursions per supervision step (paper: 3)
 * @param n          latent updates per recursion (paper: 6)
 * @param nSup       maximum supervision steps (paper: 16)
 */
public record TrmConfig(SudokuShape shape, Recursion recursion, Mixer mixer, int hiddenSize,
        int expansion, int numHeads, int numLayers, int T, int n, int nSup) {

    /** Whether the network recurses (TRM) or runs once (a baseline). */
    public enum Recursion { TRM, NONE }

    /**
     * How a block mixes cells. The paper uses an MLP over the cell axis (MLP-Mixer style,
     * "mlp_t") for Sudoku, where the grid is small and fixed, and self-attention elsewhere.
     */
    public enum Mixer { MLP_MIXER, ATTENTION }

    public TrmConfig {
        if (hiddenSize < 1 || expansion < 1 || numLayers < 1) {
            throw new IllegalArgumentException("hiddenSize, expansion and numLayers must be "
                    + "positive, got hiddenSize=" + hiddenSize + ", expansion=" + expansion
                    + ", numLayers=" + numLayers + ".");
        }
        if (mixer == Mixer.ATTENTION && (numHeads < 1 || hiddenSize % numHeads != 0)) {
            throw new IllegalArgumentException("hiddenSize must be divisible by numHeads for "
                    + "attention, got hiddenSize=" + hiddenSize + ", numHeads=" + numHeads + ".");
        }
        if (recursion == Recursion.TRM && (T < 1 || n < 1 || nSup < 1)) {
            throw new IllegalArgumentException("A recursive model needs T >= 1 recursions, "
                    + "n >= 1 latent updates and nSup >= 1 supervision steps, got T=" + T
                    + ", n=" + n + ", nSup=" + nSup + ".");
        }
        if (recursion == Recursion.NONE && (T != 1 || n != 0 || nSup != 1)) {
            throw new IllegalArgumentException("A non-recursive baseline runs once, so it needs "
                    + "T=1, n=0 and nSup=1, got T=" + T + ", n=" + n + ", nSup=" + nSup
                    + "; build it with singlePassBaseline() or deepBaseline().");
        }
    }

    /** 4×4 Sudoku, width 32, T=2, n=2, nSup=4: seconds to train, for tests. */
    public static TrmConfig sudoku4() {
        return new TrmConfig(SudokuShape.four(), Recursion.TRM, Mixer.MLP_MIXER, 32, 2, 2, 2,
                2, 2, 4);
    }

    /** 6×6 Sudoku, width 64, T=2, n=3, nSup=8: the course's CPU model (~60k parameters). */
    public static TrmConfig sudoku6() {
        return new TrmConfig(SudokuShape.six(), Recursion.TRM, Mixer.MLP_MIXER, 64, 2, 4, 2,
                2, 3, 8);
    }

    /** The paper's Sudoku-Extreme model: 9×9, width 512, T=3, n=6, nSup=16 (GPU scale). */
    public static TrmConfig paperSudoku() {
        return new TrmConfig(SudokuShape.nine(), Recursion.TRM, Mixer.MLP_MIXER, 512, 4, 8, 2,
                3, 6, 16);
    }

    /** The same blocks run once, y = f(x): the equal-parameter baseline. */
    public TrmConfig singlePassBaseline() {
        return new TrmConfig(shape, Recursion.NONE, mixer, hiddenSize, expansion, numHeads,
                numLayers, 1, 0, 1);
    }

    /**
     * A deeper feed-forward net with as many blocks as one TRM supervision step runs
     * ({@code numLayers * T * (n + 1)}): the matched-compute baseline (more parameters).
     */
    public TrmConfig deepBaseline() {
        return new TrmConfig(shape, Recursion.NONE, mixer, hiddenSize, expansion, numHeads,
                blocksPerSupervisionStep(), 1, 0, 1);
    }

    /** Blocks applied in one supervision step: the compute of one step, in block units. */
    public int blocksPerSupervisionStep() {
        return recursion == Recursion.TRM ? numLayers * T * (n + 1) : numLayers;
    }

    public int cells() {
        return shape.cells();
    }

    /** Input tokens: 0 for a blank, 1..size for a given. */
    public int vocabSize() {
        return shape.size() + 1;
    }

    /** Output classes: class k is digit k + 1. */
    public int numDigits() {
        return shape.size();
    }

    /** SwiGLU inner width of the per-cell (channel) MLP. */
    public int channelInner() {
        return expansion * hiddenSize;
    }

    /** SwiGLU inner width of the cross-cell (token) MLP of the MLP-mixer. */
    public int tokenInner() {
        return expansion * cells();
    }

    public TrmConfig withHiddenSize(int hiddenSize) {
        return new TrmConfig(shape, recursion, mixer, hiddenSize, expansion, numHeads, numLayers,
                T, n, nSup);
    }

    public TrmConfig withMixer(Mixer mixer) {
        return new TrmConfig(shape, recursion, mixer, hiddenSize, expansion, numHeads, numLayers,
                T, n, nSup);
    }

    public TrmConfig withNumLayers(int numLayers) {
        return new TrmConfig(shape, recursion, mixer, hiddenSize, expansion, numHeads, numLayers,
                T, n, nSup);
    }

    /** Copy with another recursion schedule (T recursions of n latent updates, nSup steps). */
    public TrmConfig withRecursion(int T, int n, int nSup) {
        return new TrmConfig(shape, recursion, mixer, hiddenSize, expansion, numHeads, numLayers,
                T, n, nSup);
    }

    public TrmConfig withShape(SudokuShape shape) {
        return new TrmConfig(shape, recursion, mixer, hiddenSize, expansion, numHeads, numLayers,
                T, n, nSup);
    }
}
