package dev.tinyreason.model;

/**
 * A weight matrix that {@link JavaBlocks} multiplies by, (rows, cols) = (out, in) as
 * {@code torch.nn.Linear} stores it, held in the {@link WeightFormat} the decoder opened with:
 * float32 ({@link F32}) or llama.cpp's 8-bit blocks ({@link Q8Matrix}). The blocks do not know
 * which: a pass calls {@link #multiply} on whatever the weights hold, and the embedding table,
 * a matrix too, hands out a token's row through {@link #copyRow}.
 *
 * <p>The product's contract is a range of output rows, because {@code JavaBlocks} shares a
 * large product's rows out over threads; each share starts at a multiple of {@link #rowBlock}.
 */
sealed interface Projection permits Projection.F32, Q8Matrix {

    int rows();

    int cols();

    /**
     * {@code out[t·rows + r] = Σ_c W[r, c] · x[t·cols + c]} for {@code from ≤ r < to} and
     * {@code t < tokens}: rows {@code from} to {@code to} of {@code x @ W^T}, (tokens, cols) →
     * (tokens, rows). Disjoint row ranges write disjoint entries, so threads may share a product.
     */
    void multiply(DecodeKernels kernels, float[] x, int tokens, float[] out, int from, int to);

    /** Row {@code r} of W as floats into {@code out} from {@code at}: a token's embedding. */
    void copyRow(int r, float[] out, int at);

    /**
     * A thread's share of the output rows of a product over {@code tokens} tokens starts at a
     * multiple of this.
     */
    int rowBlock(DecodeKernels kernels, int tokens);

    /**
     * {@code w} (rows, cols) in {@code format}; {@code pack}: a float matrix is also packed in
     * panels for the batched product (a batch, or a prompt of four tokens or more).
     */
    static Projection of(float[] w, int rows, int cols, WeightFormat format,
            DecodeKernels kernels, boolean pack) {
        return switch (format) {
            case F32 -> new F32(w, pack ? DecodeKernels.pack(w, rows, cols, kernels.rowBlock())
                    : null, rows, cols);
            case Q8_0 -> Q8Matrix.quantize(w, rows, cols);
        };
    }

    /**
     * A float32 matrix, and for a batch also packed in panels ({@link DecodeKernels#pack}), the
     * layout of {@link DecodeKernels#matMulT} (panels null for one sequence).
     */
    record F32(float[] w, float[] panels, int rows, int cols) implements Projection {

        /** From the packed panels for four tokens or more, else row by row. */
        @Override
        public void multiply(DecodeKernels kernels, float[] x, int tokens, float[] out, int from,
                int to) {
            int r = batched(tokens) ? kernels.matMulT(panels, rows, cols, x, tokens, out, from, to)
                    : from;
            kernels.matMulRows(w, r, to, cols, x, tokens, out, rows);
        }

        @Override
        public void copyRow(int r, float[] out, int at) {
            System.arraycopy(w, r * cols, out, at, cols);
        }

        @Override
        public int rowBlock(DecodeKernels kernels, int tokens) {
            return batched(tokens) ? kernels.rowBlock() : 4;
        }

        private boolean batched(int tokens) {
            return tokens >= 4 && panels != null;
        }
    }
}
