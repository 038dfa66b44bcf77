package dev.tinyreason.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BpeTest {

    @Test
    void mergesEveryOccurrence() {
        assertArrayEquals(new int[] {5, 6, 99, 9, 1}, Bpe.merge(new int[] {5, 6, 6, 7, 9, 1}, 6, 7, 99));
        assertArrayEquals(new int[] {99, 3, 99}, Bpe.merge(new int[] {1, 2, 3, 1, 2}, 1, 2, 99));
    }

    @Test
    void overlapsResolveToTheLeft() {
        assertArrayEquals(new int[] {9, 7}, Bpe.merge(new int[] {7, 7, 7}, 7, 7, 9));
        assertArrayEquals(new int[] {9, 9}, Bpe.merge(new int[] {7, 7, 7, 7}, 7, 7, 9));
    }

    @Test
    void leavesInputAloneAndHandlesEdges() {
        int[] ids = {1, 2, 3};
        assertArrayEquals(new int[] {1, 2, 3}, Bpe.merge(ids, 3, 1, 9));
        assertArrayEquals(new int[] {1, 2, 3}, ids);
        assertArrayEquals(new int[0], Bpe.merge(new int[0], 1, 2, 9));
        assertArrayEquals(new int[] {1}, Bpe.merge(new int[] {1}, 1, 2, 9));
    }

    @Test
    void countsPairsInFirstSeenOrder() {
        Map<Bpe.Pair, Integer> counts = Bpe.pairCounts(new int[] {1, 2, 3, 1, 2});
        assertEquals(List.of(new Bpe.Pair(1, 2), new Bpe.Pair(2, 3), new Bpe.Pair(3, 1)), List.copyOf(counts.keySet()));
        assertEquals(List.of(2, 1, 1), List.copyOf(counts.values()));
    }

    @Test
    void pairsOrderByLeftThenRight() {
        assertTrue(new Bpe.Pair(1, 9).compareTo(new Bpe.Pair(2, 0)) < 0);
        assertTrue(new Bpe.Pair(1, 2).compareTo(new Bpe.Pair(1, 3)) < 0);
    }

    @Test
    void nullIdsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Bpe.merge(null, 1, 2, 3));
        assertTrue(e.getMessage().contains("empty array"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Bpe.pairCounts(null));
    }
}
