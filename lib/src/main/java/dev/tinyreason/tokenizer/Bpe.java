package dev.tinyreason.tokenizer;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two steps all of byte-pair encoding is built from (Sennrich et al. 2016, "Neural Machine
 * Translation of Rare Words with Subword Units"; Karpathy's minbpe {@code get_stats} and
 * {@code merge}): count adjacent pairs, and replace one pair with a new token.
 *
 * <p>{@link BpeTrainer} repeats "count, pick the top pair, merge" to learn a vocabulary;
 * {@link Tokenizer} replays the learned merges to encode. Both call {@link #merge}, so the
 * notebook can show this one method and grade a learner's version against it.
 */
public final class Bpe {

    /**
     * Two adjacent token ids. Ordered by {@code left}, then {@code right}: the trainer breaks
     * ties between equally frequent pairs by taking the smallest pair in this order.
     */
    public record Pair(int left, int right) implements Comparable<Pair> {
        @Override
        public int compareTo(Pair other) {
            int byLeft = Integer.compare(left, other.left);
            return byLeft != 0 ? byLeft : Integer.compare(right, other.right);
        }

        @Override
        public String toString() {
            return "(" + left + ", " + right + ")";
        }
    }

    private Bpe() {}

    /**
     * How often each adjacent pair occurs in {@code ids}, in order of first appearance.
     *
     * <pre>pairCounts([1, 2, 3, 1, 2]) = {(1,2)=2, (2,3)=1, (3,1)=1}</pre>
     */
    public static Map<Pair, Integer> pairCounts(int[] ids) {
        requireIds(ids);
        Map<Pair, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < ids.length; i++) {
            counts.merge(new Pair(ids[i], ids[i + 1]), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * The BPE merge step: {@code ids} with every occurrence of the pair ({@code left},
     * {@code right}) replaced by {@code newId}, scanning left to right. Overlaps resolve to the
     * left, so merging (7, 7) in {@code [7, 7, 7]} gives {@code [newId, 7]}.
     *
     * <pre>merge([5, 6, 6, 7, 9, 1], 6, 7, 99) = [5, 6, 99, 9, 1]</pre>
     *
     * The input is not changed; when the pair does not occur, the result has the same length.
     */
    public static int[] merge(int[] ids, int left, int right, int newId) {
        requireIds(ids);
        int[] out = new int[ids.length];
        int n = 0;
        int i = 0;
        while (i < ids.length) {
            if (i + 1 < ids.length && ids[i] == left && ids[i + 1] == right) {
                out[n++] = newId;
                i += 2;
            } else {
                out[n++] = ids[i++];
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /**
     * The pair the trainer merges next: the most frequent adjacent pair, ties broken by the
     * smallest pair ({@link Pair#compareTo}). Needs at least two ids.
     *
     * <pre>topPair([1, 2, 3, 1, 2]) = (1,2)      topPair([5, 4, 3]) = (4,3)  (a tie: 4 &lt; 5)</pre>
     */
    public static Pair topPair(int[] ids) {
        requireIds(ids);
        if (ids.length < 2) {
            throw new IllegalArgumentException("topPair needs at least two ids to form a pair, got "
                    + ids.length + ".");
        }
        Pair best = null;
        int bestCount = 0;
        for (Map.Entry<Pair, Integer> e : pairCounts(ids).entrySet()) {
            int c = e.getValue();
            if (c > bestCount || (c == bestCount && e.getKey().compareTo(best) < 0)) {
                best = e.getKey();
                bestCount = c;
            }
        }
        return best;
    }

    /** A pair packed into one long, the key of the trainer's and encoder's hash maps. */
    static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    static int left(long key) {
        return (int) (key >>> 32);
    }

    static int right(long key) {
        return (int) key;
    }

    private static void requireIds(int[] ids) {
        if (ids == null) {
            throw new IllegalArgumentException("ids must not be null; pass an empty array for no tokens");
        }
    }
}
