package dev.tinyreason.train.sft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.ModelConfig;
import dev.tinyreason.model.TokenBatch;
import dev.tinyreason.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Packed rows: each sequence computes exactly what it computes alone. */
class PackingTest {

    static final ModelConfig CONFIG = ModelConfig.nano().withVocabSize(40).withNumLayers(2);

    @Test
    void aPackedSequenceGetsTheLogitsItGetsAlone() {
        int[] a = {1, 5, 6, 7, 8};
        int[] b = {1, 9, 10, 11};
        TokenBatch packed = new TokenBatch(new int[][] {{1, 5, 6, 7, 8, 1, 9, 10, 11, 0}},
                new int[][] {{1, 1, 1, 1, 1, 2, 2, 2, 2, 0}});
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 0, 1, 2, 3, 3}, packed.positions()[0]);
        try (LlamaModel model = LlamaModel.init(CONFIG, 3)) {
            float[][] together = model.logits(packed)[0];
            float[][] alone = model.logits(TokenBatch.of(a))[0];
            float[][] second = model.logits(TokenBatch.of(b))[0];
            for (int t = 0; t < a.length; t++) {
                assertArrayEquals(alone[t], together[t], 1e-4f, "first sequence, token " + t);
            }
            for (int t = 0; t < b.length; t++) {
                assertArrayEquals(second[t], together[a.length + t], 1e-4f,
                        "second sequence, token " + t);
            }
        }
    }

    @Test
    void theFirstTokenOfAPackedSequenceIsNotATarget() {
        TokenBatch packed = new TokenBatch(new int[][] {{1, 5, 6, 1, 9, 0}},
                new int[][] {{1, 1, 1, 2, 2, 0}});
        boolean[] targets = new boolean[6];
        for (int t = 0; t < 6; t++) {
            targets[t] = packed.isTarget(0, t);
        }
        assertArrayEquals(new boolean[] {false, true, true, false, true, false}, targets);
        assertEquals(5, packed.realTokens(0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBatch(
                new int[][] {{1, 2}}, new int[][] {{1, -1}}));
    }

    @Test
    void packingFillsRowsWithWholeConversationsAndKeepsTheirMasks() {
        List<Conversation> convs = new ArrayList<>();
        Random rng = new Random(1);
        for (int i = 0; i < 60; i++) {
            int len = 5 + rng.nextInt(20);
            int[] ids = new int[len];
            boolean[] mask = new boolean[len];
            for (int t = 0; t < len; t++) {
                ids[t] = 8 + i % 30;
                mask[t] = t >= len / 2;
            }
            convs.add(new Conversation(ids, mask, false));
        }
        PackedBatches packed = PackedBatches.of(convs, 64, 7);
        assertEquals(convs.size(), packed.rows().stream().mapToInt(List::size).sum());
        assertTrue(packed.fill() > 0.85, "rows are nearly full: " + packed.fill());
        int trained = convs.stream().mapToInt(Conversation::trainedTokens).sum();
        Trainer.Batch all = PackedBatches.batch(packed.rows(), 64);
        int marked = 0;
        for (boolean[] row : all.lossMask()) {
            for (boolean m : row) {
                marked += m ? 1 : 0;
            }
        }
        assertEquals(trained, marked, "every trained token keeps its mark");
        assertEquals(trained, all.targets(), "and each one is a target");
        Trainer.Batch drawn = packed.next(4, new Random(2));
        assertEquals(4, drawn.tokens().batchSize());
        assertFalse(drawn.tokens().length() > 64);
    }
}
