package dev.tinyreason.tokenizer;

/**
 * How big a vocabulary {@link BpeTrainer} learns.
 *
 * @param vocabSize total ids wanted, counting the 8 special tokens and 256 bytes, so
 *     {@code vocabSize - 264} merges at most (the small-reasoning-model design uses 32768)
 * @param minFrequency stop early when the most frequent pair occurs fewer times than this
 *     (HF {@code BpeTrainer}'s {@code min_frequency}); a pair seen once is noise, not a subword
 */
public record BpeConfig(int vocabSize, int minFrequency) {

    /** Upper bound that keeps ids, and an embedding table over them, reasonable. */
    public static final int MAX_VOCAB_SIZE = 1 << 20;

    public BpeConfig {
        if (vocabSize < Vocab.FIRST_MERGE_ID || vocabSize > MAX_VOCAB_SIZE) {
            throw new IllegalArgumentException("vocabSize must be between " + Vocab.FIRST_MERGE_ID
                    + " (8 special tokens + 256 bytes, no merges) and " + MAX_VOCAB_SIZE + ", got " + vocabSize);
        }
        if (minFrequency < 1) {
            throw new IllegalArgumentException("minFrequency must be at least 1, got " + minFrequency);
        }
    }

    /** 512 ids: trains in a blink, for notebooks and tests. */
    public static BpeConfig tiny() {
        return new BpeConfig(512, 2);
    }

    /** 2048 ids: the course's default for its tiny models. */
    public static BpeConfig small() {
        return new BpeConfig(2048, 2);
    }

    public BpeConfig withVocabSize(int vocabSize) {
        return new BpeConfig(vocabSize, minFrequency);
    }

    public BpeConfig withMinFrequency(int minFrequency) {
        return new BpeConfig(vocabSize, minFrequency);
    }
}
