package dev.tinyreason.train;

import dev.tinyreason.model.TokenBatch;
import java.util.Arrays;
import java.util.Random;

/**
 * Pretraining data: random windows of {@code seqLen} tokens cut from one long token stream
 * (documents joined with EOS), as nanoGPT's {@code get_batch}. Every token is trained on.
 *
 * @param tokens the whole corpus, encoded
 * @param seqLen tokens per window (the model predicts seqLen - 1 of them)
 */
public record TokenWindows(int[] tokens, int seqLen) implements Trainer.BatchSource {

    public TokenWindows {
        if (seqLen < 2) {
            throw new IllegalArgumentException("seqLen must be at least 2, got " + seqLen + ".");
        }
        if (tokens.length < seqLen) {
            throw new IllegalArgumentException("The corpus has " + tokens.length
                    + " tokens, fewer than one window of " + seqLen + ".");
        }
    }

    @Override
    public Trainer.Batch next(int batchSize, Random rng) {
        int[][] ids = new int[batchSize][];
        int[][] mask = new int[batchSize][seqLen];
        for (int b = 0; b < batchSize; b++) {
            int start = rng.nextInt(tokens.length - seqLen + 1);
            ids[b] = Arrays.copyOfRange(tokens, start, start + seqLen);
            Arrays.fill(mask[b], 1);
        }
        return Trainer.Batch.of(new TokenBatch(ids, mask));
    }
}
