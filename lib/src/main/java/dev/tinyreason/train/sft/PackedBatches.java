package dev.tinyreason.train.sft;

import dev.tinyreason.model.TokenBatch;
import dev.tinyreason.tokenizer.SpecialTokens;
import dev.tinyreason.train.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * SFT batches with packing (TRL's {@code packing=True}): conversations are laid back to back
 * in rows of {@code rowLength} tokens, so almost no slot is padding. Each conversation keeps
 * its own number in the row's attention mask ({@link TokenBatch}'s packed rows), so it attends
 * only to itself and its positions start at 0: the logits are exactly those it gets alone.
 *
 * <p>Rows are filled first-fit in a seeded shuffled order, once; a batch is a random draw of
 * rows. Packing pays off when conversations are short next to the row (direct answers); for
 * long think traces, {@link SftBatches}' length grouping wastes as little and attends over
 * shorter rows.
 *
 * @param rows      the packed rows, each a list of whole conversations
 * @param rowLength tokens per row
 */
public record PackedBatches(List<List<Conversation>> rows, int rowLength)
        implements Trainer.BatchSource {

    public PackedBatches {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("Packing needs at least one conversation.");
        }
        rows = List.copyOf(rows);
    }

    /**
     * Packs {@code conversations} into rows of {@code rowLength}; a conversation longer than a
     * row is cut to it and gets a row of its own.
     */
    public static PackedBatches of(List<Conversation> conversations, int rowLength, long seed) {
        if (rowLength < 2) {
            throw new IllegalArgumentException("rowLength must be at least 2, got " + rowLength
                    + ".");
        }
        List<Conversation> order = new ArrayList<>(conversations);
        Collections.shuffle(order, new Random(seed));
        List<List<Conversation>> rows = new ArrayList<>();
        List<Integer> free = new ArrayList<>();
        for (Conversation c : order) {
            int len = Math.min(c.length(), rowLength);
            int row = -1;
            for (int r = Math.max(0, rows.size() - 8); r < rows.size() && row < 0; r++) {
                if (free.get(r) >= len) {  // first fit among the last few open rows
                    row = r;
                }
            }
            if (row < 0) {
                rows.add(new ArrayList<>());
                free.add(rowLength);
                row = rows.size() - 1;
            }
            rows.get(row).add(c);
            free.set(row, free.get(row) - len);
        }
        return new PackedBatches(rows, rowLength);
    }

    @Override
    public Trainer.Batch next(int batchSize, Random rng) {
        List<List<Conversation>> pick = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            pick.add(rows.get(rng.nextInt(rows.size())));
        }
        return batch(pick, rowLength);
    }

    /** Share of the rows' slots that hold a real token. */
    public double fill() {
        long used = rows.stream().flatMap(List::stream)
                .mapToLong(c -> Math.min(c.length(), rowLength)).sum();
        return (double) used / ((long) rows.size() * rowLength);
    }

    /** Packed {@code rows} as one batch: sequences numbered 1, 2, … in the attention mask. */
    public static Trainer.Batch batch(List<List<Conversation>> rows, int rowLength) {
        int t = 0;
        for (List<Conversation> row : rows) {
            t = Math.max(t, Math.min(rowLength, row.stream().mapToInt(Conversation::length)
                    .map(l -> Math.min(l, rowLength)).sum()));
        }
        int[][] ids = new int[rows.size()][t];
        int[][] attention = new int[rows.size()][t];
        boolean[][] loss = new boolean[rows.size()][t];
        for (int b = 0; b < rows.size(); b++) {
            Arrays.fill(ids[b], SpecialTokens.PAD);
            int at = 0;
            int number = 1;
            for (Conversation c : rows.get(b)) {
                int len = Math.min(c.length(), t - at);
                System.arraycopy(c.ids(), 0, ids[b], at, len);
                Arrays.fill(attention[b], at, at + len, number++);
                System.arraycopy(c.lossMask(), 0, loss[b], at, len);
                at += len;
            }
        }
        return new Trainer.Batch(new TokenBatch(ids, attention), loss);
    }
}
