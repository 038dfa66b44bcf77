package dev.tinyreason.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * bf16 mixed precision for the span of a try block, as {@code torch.autocast("cpu",
 * dtype=torch.bfloat16)}: inside it, the model's matmuls ({@link Ops#linear} and the two in
 * {@link Ops#attention}) round their inputs to bfloat16 and run on the CPU's bf16 units, which
 * do more multiply-adds per cycle than the float32 ones where the CPU has them (AVX512-BF16,
 * AMX; {@code ./tinyreason bench} measures training in both). Everything else stays float32:
 * the weights (the "master" copy the optimizer updates), norms, softmax, the loss, and the
 * gradients that reach the weights.
 *
 * <pre>{@code
 * try (Autocast bf16 = Autocast.of(Precision.BF16)) {
 *     NDArray loss = ...;          // the forward: matmuls in bf16
 *     gradientCollector.backward(loss);
 * }
 * }</pre>
 *
 * <p>One difference from torch's autocast: our bf16 results are cast back to float32 right
 * after each matmul, so the elementwise ops between matmuls run in float32 (torch keeps some of
 * them in bf16). The setting is per thread and nests; closing restores what was there before.
 *
 * <p>Why a TorchScript kernel: DJL 0.35.1's PyTorch JNI has no bfloat16 dtype (asking for one
 * aborts the JVM), so the cast happens inside a two-line TorchScript module
 * ({@code lib/src/main/torchscript/bf16_matmul.py}) and only float32 crosses the JNI.
 */
public final class Autocast implements AutoCloseable {

    private static final ThreadLocal<Precision> CURRENT =
            ThreadLocal.withInitial(() -> Precision.FP32);
    private static final String KERNEL = "bf16_matmul.pt";

    private final Precision previous;
    private boolean closed;

    private Autocast(Precision precision) {
        this.previous = CURRENT.get();
        CURRENT.set(precision);
    }

    /** Switches this thread's matmuls to {@code precision} until {@link #close()}. */
    public static Autocast of(Precision precision) {
        if (precision == Precision.BF16) {
            Kernel.MODULE.hashCode();  // load (and check) the kernel now, not mid-forward
        }
        return new Autocast(precision);
    }

    /** The precision this thread's matmuls use now. */
    public static Precision current() {
        return CURRENT.get();
    }

    /** {@code a @ b} (torch.matmul broadcasting) in the current precision; result float32. */
    public static NDArray matMul(NDArray a, NDArray b) {
        if (CURRENT.get() == Precision.FP32) {
            return a.matMul(b);
        }
        return bf16(a, b);
    }

    /**
     * {@code x @ weight^T}, weight stored (out, in) as in {@code torch.nn.Linear}, in the
     * current precision; result float32, in {@code x}'s manager.
     */
    public static NDArray linear(NDArray x, NDArray weight) {
        if (CURRENT.get() == Precision.FP32) {
            return Linear.linear(x, weight).singletonOrThrow();
        }
        NDArray transposed = weight.transpose();  // a view, born in the weight's manager:
        transposed.attach(x.getManager());         // move it to the step's scope
        return bf16(x, transposed);
    }

    private static NDArray bf16(NDArray a, NDArray b) {
        // training=true: autograd records through the module (false would run it under no_grad)
        return IValueUtils.forward(Kernel.MODULE, new NDList(a, b), true).singletonOrThrow();
    }

    @Override
    public void close() {
        if (!closed) {
            CURRENT.set(previous);
            closed = true;
        }
    }

    /** The TorchScript module, loaded once per JVM on first use (holder idiom). */
    private static final class Kernel {
        static final PtSymbolBlock MODULE = load();

        private static PtSymbolBlock load() {
            try (InputStream in = Autocast.class.getResourceAsStream(KERNEL)) {
                if (in == null) {
                    throw new IllegalStateException("The bf16 kernel " + KERNEL + " is missing "
                            + "from the tinyreason jar; rebuild it with ./tinyreason setup.");
                }
                Path file = Files.createTempFile("tinyreason-bf16", ".pt");
                try {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                    // a manager of its own that lives as long as the JVM, like the module
                    NDManager manager = NDManager.newBaseManager();
                    return JniUtils.loadModule((PtNDManager) manager, file, false,
                            new String[0], new String[0], true);
                } finally {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not load the bf16 kernel: " + e.getMessage()
                        + ". Check that the temp directory is writable.", e);
            }
        }
    }
}
