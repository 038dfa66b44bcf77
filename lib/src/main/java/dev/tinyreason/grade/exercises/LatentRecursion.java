package dev.tinyreason.grade.exercises;

import dev.tinyreason.trm.TrmReference;
import java.util.function.BinaryOperator;

/**
 * Exercise (04_tiny_recursive_model): one TRM recursion with a given network
 * {@code f(hidden, injection)}: {@code n} latent updates {@code z = f(z, y + x)}, then one answer
 * update {@code y = f(y, z)} (x left out). Arrays are {@code (cells, hidden)}; return a new
 * {@link TrmReference.State} and leave the inputs unchanged. Reference:
 * {@link TrmReference#recursion(BinaryOperator, float[][], TrmReference.State, int)}, which the
 * reference forward pass calls.
 */
@FunctionalInterface
public interface LatentRecursion {

    TrmReference.State recursion(BinaryOperator<float[][]> f, float[][] x, TrmReference.State s,
            int n);

    /** The library's reference. */
    LatentRecursion REFERENCE = TrmReference::recursion;

    /** The starter stub in the notebook (changes nothing). */
    LatentRecursion STUB = (f, x, s, n) -> s;
}
