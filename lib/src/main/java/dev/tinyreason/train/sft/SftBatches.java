package dev.tinyreason.train.sft;

import dev.tinyreason.model.TokenBatch;
import dev.tinyreason.tokenizer.SpecialTokens;
import dev.tinyreason.train.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * SFT batches: conversations right-padded to the longest in their batch, with the assistant-only
 * loss mask (padding is never a target).
 *
 * <p><b>Why not packing.</b> Packing several conversations into one row saves the padding, but a
 * {@link TokenBatch} has one causal mask per row: a later conversation would attend to an earlier
 * one and take its RoPE positions from it. Instead this groups by length (HF's
 * {@code group_by_length}): conversations are sorted by length and a batch is a random window of
 * neighbours, so rows in a batch have nearly equal length and padding stays a few percent, with
 * no attention across conversations. The window start is drawn from the trainer's seeded RNG.
 *
 * @param conversations the training set (sorted by length here)
 * @param maxLength     longer conversations are cut at this many tokens
 */
public record SftBatches(List<Conversation> conversations, int maxLength)
        implements Trainer.BatchSource {

    public SftBatches {
        if (conversations.isEmpty()) {
            throw new IllegalArgumentException("SFT needs at least one conversation.");
        }
        if (maxLength < 2) {
            throw new IllegalArgumentException("maxLength must be at least 2, got " + maxLength
                    + ".");
        }
        List<Conversation> sorted = new ArrayList<>(conversations);
        sorted.sort(Comparator.comparingInt(Conversation::length));
        conversations = List.copyOf(sorted);
    }

    @Override
    public Trainer.Batch next(int batchSize, Random rng) {
        int n = conversations.size();
        int size = Math.min(batchSize, n);
        int start = rng.nextInt(n - size + 1);
        return batch(conversations.subList(start, start + size), maxLength);
    }

    /** {@code rows} right-padded with PAD into one batch, cut at {@code maxLength}. */
    public static Trainer.Batch batch(List<Conversation> rows, int maxLength) {
        int t = Math.min(maxLength, rows.stream().mapToInt(Conversation::length).max().orElse(0));
        int[][] ids = new int[rows.size()][t];
        int[][] attention = new int[rows.size()][t];
        boolean[][] loss = new boolean[rows.size()][t];
        for (int b = 0; b < rows.size(); b++) {
            Conversation c = rows.get(b);
            int len = Math.min(t, c.length());
            Arrays.fill(ids[b], SpecialTokens.PAD);
            System.arraycopy(c.ids(), 0, ids[b], 0, len);
            Arrays.fill(attention[b], 0, len, 1);
            System.arraycopy(c.lossMask(), 0, loss[b], 0, len);
        }
        return new Trainer.Batch(new TokenBatch(ids, attention), loss);
    }
}
