package dev.tinyreason.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.ModelConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class NativeMemoryTest {

    static final ModelConfig TINY = ModelConfig.nano().withVocabSize(32).withMaxPositions(16);

    /** Waits up to five seconds for {@code done}, optionally asking for collections meanwhile. */
    private static boolean eventually(BooleanSupplier done, boolean collect) throws InterruptedException {
        for (int i = 0; i < 100 && !done.getAsBoolean(); i++) {
            if (collect) {
                System.gc();
            }
            Thread.sleep(50);
        }
        return done.getAsBoolean();
    }

    /** A few collections, with time for the Cleaner's thread to act on them. */
    private static void collect() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
    }

    @Test
    void aDroppedModelsTensorsAreFreedByTheCollector() throws InterruptedException {
        NDManager manager = LlamaModel.init(TINY, 1).manager();  // the model itself is dropped
        assertTrue(eventually(() -> !manager.isOpen(), true),
                "an unreachable model's manager should be closed after a collection");
    }

    @Test
    void aHeldModelIsNeverFreed() throws InterruptedException {
        try (LlamaModel model = LlamaModel.init(TINY, 2)) {
            collect();
            assertTrue(model.manager().isOpen());
            model.weights();  // reads every parameter back: they are all still there
        }
    }

    @Test
    void openingPastTheBoundFreesTheDroppedModelsWithoutAskingForIt() throws InterruptedException {
        List<NDManager> managers = new ArrayList<>();
        for (int i = 0; i < 3 * NativeMemory.OPEN_BOUND; i++) {
            managers.add(LlamaModel.init(TINY, 10 + i).manager());
        }
        // no System.gc() here: opening models past the bound asked for the collections
        assertTrue(eventually(() -> managers.stream().filter(m -> !m.isOpen()).count()
                >= NativeMemory.OPEN_BOUND, false), "dropped models should have been freed");
    }

    @Test
    void closingByHandFreesAtOnceAndOnlyOnce() throws InterruptedException {
        LlamaModel model = LlamaModel.init(TINY, 3);
        NDManager manager = model.manager();
        int before = NativeMemory.openCount();
        model.close();
        assertFalse(manager.isOpen());
        assertTrue(NativeMemory.openCount() <= before - 1);
        model.close();  // again: nothing happens
        model = null;
        collect();  // the collector finds it already cleaned
        assertTrue(NativeMemory.openCount() <= before - 1);
    }
}
