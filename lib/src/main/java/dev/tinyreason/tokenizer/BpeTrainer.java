package dev.tinyreason.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Learns byte-level BPE merges from a corpus (GPT-2, Radford et al. 2019; minbpe's
 * {@code RegexTokenizer.train}).
 *
 * <p>The textbook loop recounts every pair in the corpus after each merge: O(corpus × merges),
 * minutes for a few MB. This trainer does the same merges in the same order, but:
 * <ol>
 *   <li>counts each distinct pre-token once, with its frequency (" the" appears tens of
 *       thousands of times but is merged once);</li>
 *   <li>keeps a running count per pair and, per pair, the pre-tokens it occurs in, so a merge
 *       re-reads only the pre-tokens that contain it and adjusts the counts of their pairs;</li>
 *   <li>finds the top pair with a priority queue whose stale entries are skipped when popped.</li>
 * </ol>
 *
 * <p>Text that looks like a special token ("&lt;think&gt;") is trained on as ordinary bytes, just
 * as {@link Tokenizer#encode(String)} treats it; the special tokens themselves have fixed ids and
 * are never merged.
 *
 * <p><b>Determinism and ties.</b> The top pair is the one with the highest count; among equal
 * counts, the smallest {@link Bpe.Pair} (lowest left id, then lowest right id). No hash order
 * is ever consulted, so a corpus and config always give the same merges.
 */
public final class BpeTrainer {

    /** Longest corpus accepted in one call (Java strings top out near 2^31 chars anyway). */
    public static final int MAX_CORPUS_LENGTH = 1 << 28;

    /** A queue entry: {@code pair} had {@code count} when it was queued. */
    private record Candidate(long count, int left, int right) {}

    private static final Comparator<Candidate> MOST_FREQUENT_THEN_SMALLEST =
            Comparator.comparingLong(Candidate::count).reversed()
                    .thenComparingInt(Candidate::left)
                    .thenComparingInt(Candidate::right);

    private final int[][] words;       // each distinct pre-token as token ids
    private final long[] frequency;    // how often each one occurs in the corpus
    private final Map<Long, Long> pairCount = new HashMap<>();
    private final Map<Long, IntList> wordsWithPair = new HashMap<>();
    private final PriorityQueue<Candidate> queue = new PriorityQueue<>(MOST_FREQUENT_THEN_SMALLEST);

    private BpeTrainer(int[][] words, long[] frequency) {
        this.words = words;
        this.frequency = frequency;
    }

    /** Learns up to {@code config.vocabSize() - 264} merges from {@code corpus}. */
    public static Vocab train(String corpus, BpeConfig config) {
        if (corpus == null || config == null) {
            throw new IllegalArgumentException("corpus and config must not be null; "
                    + "pass the training text and e.g. BpeConfig.small()");
        }
        if (corpus.length() > MAX_CORPUS_LENGTH) {
            throw new IllegalArgumentException("corpus has " + corpus.length() + " chars, more than the "
                    + MAX_CORPUS_LENGTH + " one training call accepts; train on a sample of it "
                    + "(a few MB is plenty for a few thousand merges)");
        }
        return fromPreTokens(corpus).learn(config);
    }

    private static BpeTrainer fromPreTokens(String corpus) {
        Map<String, long[]> counts = new LinkedHashMap<>(); // first-seen order: deterministic
        PreTokenizer.forEach(corpus, piece -> counts.computeIfAbsent(piece, p -> new long[1])[0]++);
        int[][] words = new int[counts.size()][];
        long[] frequency = new long[counts.size()];
        int w = 0;
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            byte[] utf8 = e.getKey().getBytes(StandardCharsets.UTF_8);
            words[w] = new int[utf8.length];
            for (int i = 0; i < utf8.length; i++) {
                words[w][i] = Vocab.byteId(utf8[i]);
            }
            frequency[w++] = e.getValue()[0];
        }
        return new BpeTrainer(words, frequency);
    }

    private Vocab learn(BpeConfig config) {
        Set<Long> changed = new HashSet<>();
        for (int w = 0; w < words.length; w++) {
            addPairs(w, words[w], frequency[w], changed);
        }
        enqueue(changed);

        List<Vocab.Merge> merges = new ArrayList<>();
        List<byte[]> learned = new ArrayList<>();      // bytes of ids FIRST_MERGE_ID..
        Map<String, Integer> idByBytes = new HashMap<>();
        int nextId = Vocab.FIRST_MERGE_ID;
        while (nextId < config.vocabSize()) {
            Candidate top = pollCurrent();
            if (top == null || top.count() < config.minFrequency()) {
                break;
            }
            byte[] joined = Vocab.join(bytesOf(top.left(), learned), bytesOf(top.right(), learned));
            Integer id = idByBytes.get(Vocab.latin1(joined));
            if (id == null) {
                id = nextId++;
                idByBytes.put(Vocab.latin1(joined), id);
                learned.add(joined);
            }
            merges.add(new Vocab.Merge(top.left(), top.right(), id));
            applyMerge(top.left(), top.right(), id);
        }
        return new Vocab(merges);
    }

    /** Replaces the pair in every word that holds it, and updates the counts it disturbs. */
    private void applyMerge(int left, int right, int id) {
        long merged = Bpe.key(left, right);
        IntList holders = wordsWithPair.remove(merged);
        Set<Long> changed = new HashSet<>();
        for (int k = 0; k < holders.size; k++) {
            int w = holders.items[k];
            int[] before = words[w];
            int[] after = Bpe.merge(before, left, right, id);
            if (after.length == before.length) {
                continue; // listed twice, already merged, or the pair has since gone
            }
            addPairs(w, before, -frequency[w], changed);
            addPairs(w, after, frequency[w], changed);
            words[w] = after;
        }
        pairCount.remove(merged);
        changed.remove(merged);
        enqueue(changed);
    }

    /** Adds {@code delta} to the count of every pair in {@code ids}, noting word {@code w}. */
    private void addPairs(int w, int[] ids, long delta, Set<Long> changed) {
        for (int i = 0; i + 1 < ids.length; i++) {
            long key = Bpe.key(ids[i], ids[i + 1]);
            long count = pairCount.merge(key, delta, Long::sum);
            if (count == 0) {
                pairCount.remove(key);
            }
            changed.add(key);
            if (delta > 0) {
                wordsWithPair.computeIfAbsent(key, k -> new IntList()).addIfNotLast(w);
            }
        }
    }

    private void enqueue(Set<Long> changed) {
        for (long key : changed) {
            Long count = pairCount.get(key);
            if (count != null) {
                queue.add(new Candidate(count, Bpe.left(key), Bpe.right(key)));
            }
        }
    }

    /** The top queued pair whose count is still current, or null when none is left. */
    private Candidate pollCurrent() {
        Candidate c;
        while ((c = queue.poll()) != null) {
            Long now = pairCount.get(Bpe.key(c.left(), c.right()));
            if (now != null && now == c.count()) {
                return c;
            }
        }
        return null;
    }

    private static byte[] bytesOf(int id, List<byte[]> learned) {
        return id < Vocab.FIRST_MERGE_ID
                ? new byte[] {(byte) (id - Vocab.FIRST_BYTE_ID)}
                : learned.get(id - Vocab.FIRST_MERGE_ID);
    }

    /** A growable int array: the word lists are long, and boxed integers would triple them. */
    private static final class IntList {
        int[] items = new int[4];
        int size;

        void addIfNotLast(int value) {
            if (size > 0 && items[size - 1] == value) {
                return;
            }
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = value;
        }
    }
}
