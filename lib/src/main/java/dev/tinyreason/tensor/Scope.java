package dev.tinyreason.tensor;

import ai.djl.ndarray.NDManager;
import java.util.function.Function;

/**
 * Runs tensor code in a scope that frees every native tensor it created when it ends, and
 * returns plain Java values. Learners never close anything.
 *
 * <pre>{@code
 * float[] y = Scope.compute(nd -> nd.create(new float[] {1, 2, 3}).mul(2).toFloatArray());
 * }</pre>
 *
 * <p>DJL tensors live in native (off-heap) memory that Java's garbage collector does not see;
 * an {@link NDManager} owns them and frees them on close.
 */
public final class Scope {

    private Scope() {}

    /**
     * Calls {@code body} with a fresh manager and closes it afterwards. The result must be a
     * plain Java value (an array, a number, a record): returning an {@code NDArray} is an error,
     * because it would be freed before the caller could read it.
     */
    public static <R> R compute(Function<NDManager, R> body) {
        try (NDManager nd = NDManager.newBaseManager()) {
            R result = body.apply(nd);
            if (result instanceof ai.djl.ndarray.NDResource) {
                throw new IllegalArgumentException("Scope.compute must return a Java value, not a "
                        + result.getClass().getSimpleName() + ": its memory is freed when the scope "
                        + "ends. Return e.g. array.toFloatArray() instead.");
            }
            return result;
        }
    }
}
