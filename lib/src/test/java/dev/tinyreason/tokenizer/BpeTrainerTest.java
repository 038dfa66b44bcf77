package dev.tinyreason.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BpeTrainerTest {

    private static int b(char c) {
        return Vocab.byteId(c);
    }

    /** Wikipedia's BPE example: aa→Z, ab→Y, ZY→X, worked by hand with our ids (a = 8 + 97 = 105). */
    @Test
    void learnsTheWikipediaExample() {
        Vocab vocab = BpeTrainer.train("aaabdaaabac", new BpeConfig(300, 2));
        assertEquals(List.of(
                new Vocab.Merge(b('a'), b('a'), 264),   // "aa" occurs 4 times
                new Vocab.Merge(b('a'), b('b'), 265),   // "ab" and "aa"+"a" both twice: (105,106) < (264,105)
                new Vocab.Merge(264, 265, 266)),        // "aa"+"ab" twice; then every pair occurs once: stop
                vocab.merges());
        assertArrayEquals(new int[] {266, b('d'), 266, b('a'), b('c')}, new Tokenizer(vocab).encode("aaabdaaabac"));
    }

    /**
     * A small pinned corpus, worked by hand. Counts: "at" 9; "th", "he" 4 each (tie: (h,e) has the
     * smaller left id); then "the"; " the" 3; then eleven pairs twice, taken in id order.
     */
    @Test
    void learnsPinnedMergesOnASentence() {
        String corpus = "the cat sat on the mat. the cat ate 142 rats; the rat sat on 142 mats.";
        Vocab vocab = BpeTrainer.train(corpus, new BpeConfig(272, 2));
        List<String> learned = new ArrayList<>();
        for (Vocab.Merge m : vocab.merges()) {
            learned.add(new String(vocab.bytes(m.id()), StandardCharsets.UTF_8));
        }
        assertEquals(List.of("at", "he", "the", " the", " c", " m", " o", " r"), learned);
        assertArrayEquals(new int[] {266, 271, 264, 40, 123, 264, 270, 118, 40, 57, 60, 58, 269, 264, 123, 54},
                new Tokenizer(vocab).encode("the rat sat on 142 mats."));
    }

    @Test
    void agreesWithTheTextbookLoopThatRecountsEverything() {
        String corpus = TestTexts.corpus(300, 3);
        BpeConfig config = new BpeConfig(420, 2);
        assertEquals(naiveTrain(corpus, config), BpeTrainer.train(corpus, config).merges());
    }

    @Test
    void isDeterministic() {
        String corpus = TestTexts.corpus(500, 11);
        List<Vocab.Merge> first = BpeTrainer.train(corpus, BpeConfig.tiny()).merges();
        assertEquals(first, BpeTrainer.train(corpus, BpeConfig.tiny()).merges());
    }

    @Test
    void neverMergesDigitsOrAcrossPreTokens() {
        StringBuilder numbers = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            numbers.append(i * 37 % 1000).append(" + 100 = ").append(i * 37 % 1000 + 100).append('\n');
        }
        Vocab vocab = BpeTrainer.train(numbers.toString(), new BpeConfig(400, 2));
        assertFalse(vocab.merges().isEmpty());
        for (Vocab.Merge m : vocab.merges()) {
            String token = new String(vocab.bytes(m.id()), StandardCharsets.UTF_8);
            assertFalse(token.chars().anyMatch(Character::isDigit), "learned a token with a digit: '" + token + "'");
            assertEquals(List.of(token), PreTokenizer.split(token), "token spans pre-tokens: '" + token + "'");
        }
    }

    @Test
    void learnedTokensAreDistinctByteStrings() {
        Vocab vocab = TestTexts.tokenizer().vocab();
        Set<String> seen = new HashSet<>();
        for (int id = Vocab.FIRST_BYTE_ID; id < vocab.size(); id++) {
            assertTrue(seen.add(Vocab.latin1(vocab.bytes(id))), "duplicate token at id " + id);
        }
    }

    @Test
    void stopsWhenPairsRunOut() {
        assertEquals(Vocab.FIRST_MERGE_ID, BpeTrainer.train("", BpeConfig.tiny()).size());
        assertEquals(Vocab.FIRST_MERGE_ID, BpeTrainer.train("a b c", BpeConfig.tiny()).size());
        assertEquals(Vocab.FIRST_MERGE_ID + 1, BpeTrainer.train("ab", BpeConfig.tiny().withMinFrequency(1)).size());
    }

    @Test
    void badInputGivesClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BpeConfig(100, 2));
        assertTrue(e.getMessage().contains("vocabSize must be between 264"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BpeConfig(BpeConfig.MAX_VOCAB_SIZE + 1, 2));
        assertThrows(IllegalArgumentException.class, () -> BpeConfig.small().withMinFrequency(0));
        e = assertThrows(IllegalArgumentException.class, () -> BpeTrainer.train(null, BpeConfig.tiny()));
        assertTrue(e.getMessage().contains("must not be null"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BpeTrainer.train("abc", null));
    }

    /**
     * The textbook trainer (minbpe's {@code train}): recount every pair of every pre-token after
     * each merge. Slow but obviously right; built only from {@link Bpe#pairCounts} and
     * {@link Bpe#merge}, with the same tie rule.
     */
    private static List<Vocab.Merge> naiveTrain(String corpus, BpeConfig config) {
        List<int[]> pieces = new ArrayList<>();
        for (String piece : PreTokenizer.split(corpus)) {
            byte[] utf8 = piece.getBytes(StandardCharsets.UTF_8);
            int[] ids = new int[utf8.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = Vocab.byteId(utf8[i]);
            }
            pieces.add(ids);
        }
        Map<Integer, String> bytesOf = new HashMap<>();
        Map<String, Integer> idOf = new HashMap<>();
        for (int b = 0; b < 256; b++) {
            bytesOf.put(Vocab.byteId(b), String.valueOf((char) b));
        }
        List<Vocab.Merge> merges = new ArrayList<>();
        int nextId = Vocab.FIRST_MERGE_ID;
        while (nextId < config.vocabSize()) {
            Map<Bpe.Pair, Integer> counts = new HashMap<>();
            for (int[] ids : pieces) {
                Bpe.pairCounts(ids).forEach((pair, n) -> counts.merge(pair, n, Integer::sum));
            }
            Bpe.Pair top = counts.keySet().stream()
                    .min(Comparator.comparing((Bpe.Pair p) -> -counts.get(p)).thenComparing(p -> p))
                    .orElse(null);
            if (top == null || counts.get(top) < config.minFrequency()) {
                break;
            }
            String joined = bytesOf.get(top.left()) + bytesOf.get(top.right());
            Integer id = idOf.get(joined);
            if (id == null) {
                id = nextId++;
                idOf.put(joined, id);
                bytesOf.put(id, joined);
            }
            merges.add(new Vocab.Merge(top.left(), top.right(), id));
            for (int i = 0; i < pieces.size(); i++) {
                pieces.set(i, Bpe.merge(pieces.get(i), top.left(), top.right(), id));
            }
        }
        return merges;
    }
}
