package dev.tinyreason.model;

import java.util.Arrays;
import java.util.List;

/**
 * A rectangular batch of token ids with Hugging Face's {@code attention_mask}: 1 for a real
 * token, 0 for padding. Padding may sit on either side; a token's position (for RoPE) counts
 * only the real tokens before it, so a padded sequence gets exactly the logits it gets alone.
 *
 * <p><b>Packed rows.</b> A row may hold several sequences back to back, numbered 1, 2, 3… in
 * the mask (the convention of multipack SFT trainers). A token then sees only earlier tokens
 * with its own number, and positions restart at 0 for each sequence, so every packed sequence
 * gets exactly the logits it gets alone.
 *
 * @param ids           (B, T) token ids; padding slots hold {@code padId}
 * @param attentionMask (B, T) 0 = padding, k ≥ 1 = a token of the row's k-th sequence
 *                      (1 everywhere in an unpacked batch)
 */
public record TokenBatch(int[][] ids, int[][] attentionMask) {

    public TokenBatch {
        if (ids.length == 0) {
            throw new IllegalArgumentException("A batch needs at least one sequence.");
        }
        if (ids.length != attentionMask.length) {
            throw new IllegalArgumentException("ids has " + ids.length + " rows but "
                    + "attentionMask has " + attentionMask.length + ".");
        }
        int t = ids[0].length;
        for (int b = 0; b < ids.length; b++) {
            if (ids[b].length != t || attentionMask[b].length != t) {
                throw new IllegalArgumentException("Row " + b + " has " + ids[b].length
                        + " ids and " + attentionMask[b].length + " mask values; every row "
                        + "must have " + t + ". Use rightPadded or leftPadded.");
            }
            for (int v : attentionMask[b]) {
                if (v < 0) {
                    throw new IllegalArgumentException("attentionMask row " + b + " holds " + v
                            + "; use 0 for padding and 1, 2, … for the sequences of a row.");
                }
            }
        }
    }

    /** Unpadded sequences of one length. */
    public static TokenBatch of(int[]... sequences) {
        return rightPadded(List.of(sequences), 0);
    }

    /** Sequences padded at the end to the longest (how training batches are built). */
    public static TokenBatch rightPadded(List<int[]> sequences, int padId) {
        return padded(sequences, padId, false);
    }

    /** Sequences padded at the start (how prompts are batched for generation). */
    public static TokenBatch leftPadded(List<int[]> sequences, int padId) {
        return padded(sequences, padId, true);
    }

    private static TokenBatch padded(List<int[]> sequences, int padId, boolean left) {
        int t = sequences.stream().mapToInt(s -> s.length).max().orElse(0);
        if (t == 0) {
            throw new IllegalArgumentException("Every sequence is empty; a batch needs tokens.");
        }
        int[][] ids = new int[sequences.size()][t];
        int[][] mask = new int[sequences.size()][t];
        for (int b = 0; b < ids.length; b++) {
            int[] s = sequences.get(b);
            int start = left ? t - s.length : 0;
            Arrays.fill(ids[b], padId);
            System.arraycopy(s, 0, ids[b], start, s.length);
            Arrays.fill(mask[b], start, start + s.length, 1);
        }
        return new TokenBatch(ids, mask);
    }

    public int batchSize() {
        return ids.length;
    }

    public int length() {
        return ids[0].length;
    }

    /** Real tokens in row {@code b}. */
    public int realTokens(int b) {
        return (int) Arrays.stream(attentionMask[b]).filter(v -> v != 0).count();
    }

    /** Whether slot t of row b holds a real token (of any packed sequence). */
    public boolean isReal(int b, int t) {
        return attentionMask[b][t] != 0;
    }

    /**
     * Whether token t of row b is a next-token target: a real token whose predecessor belongs
     * to the same sequence (the first token of a sequence is not predicted from padding or
     * from the sequence packed before it).
     */
    public boolean isTarget(int b, int t) {
        int[] row = attentionMask[b];
        return t >= 1 && row[t] != 0 && row[t - 1] == row[t];
    }

    /**
     * RoPE position of each slot: real tokens of the same sequence before it (padding slots
     * get 0).
     */
    public int[][] positions() {
        int[][] pos = new int[ids.length][length()];
        for (int b = 0; b < ids.length; b++) {
            int seen = 0;
            int sequence = 0;
            for (int t = 0; t < length(); t++) {
                int m = attentionMask[b][t];
                if (m != 0 && m != sequence) {
                    sequence = m;
                    seen = 0;
                }
                pos[b][t] = m == 0 ? Math.max(0, seen - 1) : seen++;
            }
        }
        return pos;
    }

    /**
     * The additive attention mask (B, 1, 1, T, T) flattened: query t may see key s when s ≤ t
     * and s is a real token of the query's sequence (any real token, for a padding query);
     * everything else gets {@code masked}.
     */
    public float[] causalMask(float masked) {
        int t = length();
        float[] m = new float[ids.length * t * t];
        for (int b = 0; b < ids.length; b++) {
            int[] row = attentionMask[b];
            for (int q = 0; q < t; q++) {
                for (int k = 0; k < t; k++) {
                    boolean visible = k <= q && row[k] != 0 && (row[q] == 0 || row[k] == row[q]);
                    m[(b * t + q) * t + k] = visible ? 0f : masked;
                }
            }
        }
        return m;
    }
}
