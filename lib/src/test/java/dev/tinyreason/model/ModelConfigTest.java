package dev.tinyreason.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelConfigTest {

    @Test
    void presetsHaveTheAdvertisedSizes() {
        assertInRange(ModelConfig.nano().parameterCount(), 0.5e6, 1e6);
        assertInRange(ModelConfig.tiny().parameterCount(), 2.5e6, 3.5e6);
        assertInRange(ModelConfig.small().parameterCount(), 10e6, 15e6);
        assertEquals(ModelConfig.tiny(), ModelConfig.preset("tiny"));
    }

    @Test
    void parameterCountMatchesTheWeights() {
        for (ModelConfig c : new ModelConfig[] {ModelConfig.nano(),
                ModelConfig.nano().withQkNorm(true).withTieEmbeddings(false)}) {
            long n = LlamaWeights.shapes(c).values().stream()
                    .mapToLong(s -> java.util.Arrays.stream(s).asLongStream()
                            .reduce(1, (a, b) -> a * b)).sum();
            assertEquals(n, c.parameterCount(), c.toString());
        }
    }

    @Test
    void invalidConfigsExplainThemselves() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModelConfig(64, 128, 2, 6, 4, 32, 256, 64, 10000, 1e-5, false, true));
        assertEquals("numHeads must be divisible by numKvHeads (each key/value head serves a "
                + "whole group of query heads), got numHeads=6, numKvHeads=4.", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.nano().withHeads(3, 1));
        assertTrue(e.getMessage().contains("hiddenSize=128, numHeads=3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelConfig.nano().withVocabSize(0));
        assertEquals("vocabSize must be positive, got vocabSize=0.", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelConfig.preset("huge"));
    }

    @Test
    void withCopiesChangeOneThing() {
        ModelConfig c = ModelConfig.nano().withHeads(8, 2);
        assertEquals(16, c.headDim());
        assertEquals(4, c.groupSize());
        assertEquals(ModelConfig.nano().hiddenSize(), c.hiddenSize());
    }

    private static void assertInRange(long n, double lo, double hi) {
        assertTrue(n >= lo && n <= hi, n + " not in [" + lo + ", " + hi + "]");
    }
}
