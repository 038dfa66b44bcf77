package dev.tinyreason.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** The machine's matmul ceiling: what "% of peak" in the benchmarks is measured against. */
public final class Flops {

    private Flops() {}

    /** As {@link #matmulGflops(int, int, Precision)} in float32. */
    public static double matmulGflops(int n, int repeats) {
        return matmulGflops(n, repeats, Precision.FP32);
    }

    /**
     * GFLOP/s of (n × n) @ (n × n) matmuls in {@code precision} (bf16: through {@link Autocast},
     * casts included): the best of five rounds of {@code repeats} (the ceiling, not the
     * average), after three warm-ups.
     */
    public static double matmulGflops(int n, int repeats, Precision precision) {
        try (NDManager nd = NDManager.newBaseManager();
                Autocast mode = Autocast.of(precision)) {
            NDArray a = nd.randomNormal(new Shape(n, n));
            NDArray b = nd.randomNormal(new Shape(n, n));
            for (int i = 0; i < 3; i++) {
                Autocast.matMul(a, b).close();
            }
            double best = 0;
            for (int round = 0; round < 5; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < repeats; i++) {
                    Autocast.matMul(a, b).close();
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                best = Math.max(best, 2.0 * n * n * n * repeats / seconds / 1e9);
            }
            return best;
        }
    }
}
