package dev.tinyreason.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

    @Test
    void everyCheckPassesOfflineWithTheBundledNatives() {
        List<Environment.Check> checks = Environment.check();
        assertTrue(Environment.allOk(checks), checks.toString());
    }

    @Test
    void scopeReturnsPlainValues() {
        float[] y = Scope.compute(nd -> nd.create(new float[] {1, 2, 3}).mul(2).toFloatArray());
        assertArrayEquals(new float[] {2, 4, 6}, y);
    }

    @Test
    void scopeRefusesToLeakATensor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scope.compute(nd -> (NDArray) nd.ones(new ai.djl.ndarray.types.Shape(2))));
        assertTrue(e.getMessage().contains("toFloatArray"), e.getMessage());
    }
}
