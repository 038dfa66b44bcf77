package dev.tinyreason.model;

import java.util.Arrays;
import java.util.List;

/**
 * A rectangular batch of token ids with Hugging Face's {@code attention_mask}: 1 for a real
 * token, 0 for padding. Padding may sit on either side; a token's position (for RoPE) counts
 * only the real tokens before it, so a padded sequence gets exactly the logits it gets alone.
 *
 * @param ids           (B, T) token ids; padding slots hold {@code padId}
 * @param attentionMask (B, T) 1 = real token, 0 = padding
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
        return Arrays.stream(attentionMask[b]).sum();
    }

    /** RoPE position of each slot: real tokens before it (padding slots get 0). */
    public int[][] positions() {
        int[][] pos = new int[ids.length][length()];
        for (int b = 0; b < ids.length; b++) {
            int seen = 0;
            for (int t = 0; t < length(); t++) {
                pos[b][t] = Math.max(0, seen + attentionMask[b][t] - 1);
                seen += attentionMask[b][t];
            }
        }
        return pos;
    }

    /**
     * The additive attention mask (B, 1, 1, T, T) flattened: query t may see key s when s ≤ t
     * and s is a real token; everything else gets {@code masked}.
     */
    public float[] causalMask(float masked) {
        int t = length();
        float[] m = new float[ids.length * t * t];
        for (int b = 0; b < ids.length; b++) {
            for (int q = 0; q < t; q++) {
                for (int k = 0; k < t; k++) {
                    boolean visible = k <= q && attentionMask[b][k] == 1;
                    m[(b * t + q) * t + k] = visible ? 0f : masked;
                }
            }
        }
        return m;
    }
}
