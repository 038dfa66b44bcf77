package dev.tinyreason.tensor;

import ai.djl.ndarray.NDManager;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Frees a model's native tensors once nothing refers to the model any more, so a notebook that
 * loads model after model never has to call {@code close()}.
 *
 * <p>DJL tensors live outside the Java heap, and their manager frees them only when it is
 * closed; Java's garbage collector sees a model as a few small objects and may never collect
 * it. So each model registers its manager here: when the model becomes unreachable and a
 * collection finds it, a {@link Cleaner} closes the manager. To make sure a collection happens
 * when it matters, opening a model while more than {@link #OPEN_BOUND} are open asks for one
 * first ({@link System#gc()}); the models a notebook has dropped are then freed before the next
 * one is allocated. Closing a model yourself frees it at once and is still allowed.
 */
public final class NativeMemory {

    /** Open models above which opening another one first collects the unreachable ones. */
    public static final int OPEN_BOUND = 3;

    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicInteger OPEN = new AtomicInteger();

    private NativeMemory() {}

    /**
     * A new base manager for {@code owner}'s tensors, closed when {@code owner} is unreachable
     * or when the returned handle is cleaned ({@link Owned#close()}), whichever comes first.
     */
    public static Owned open(Object owner) {
        if (OPEN.get() >= OPEN_BOUND) {
            System.gc();  // lets the Cleaner free the models nobody holds any more
        }
        NDManager manager = NDManager.newBaseManager();
        OPEN.incrementAndGet();
        return new Owned(manager, CLEANER.register(owner, new Release(manager)));
    }

    /** Models open now (not yet closed, by hand or by the collector). */
    public static int openCount() {
        return OPEN.get();
    }

    /**
     * A manager tied to its owner's life.
     *
     * @param manager   where the owner's tensors live
     * @param cleanable closes the manager once
     */
    public record Owned(NDManager manager, Cleaner.Cleanable cleanable) implements AutoCloseable {
        /** Frees the tensors now; the collector will not do it again. */
        @Override
        public void close() {
            cleanable.clean();
        }
    }

    /** The cleaning action: it must not refer to the owner, or the owner never becomes unreachable. */
    private record Release(NDManager manager) implements Runnable {
        @Override
        public void run() {
            OPEN.decrementAndGet();
            manager.close();
        }
    }
}
