package dev.tinyreason.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a trained byte-level BPE knows: the ordered list of merges. Everything else follows from
 * it, in this id layout:
 *
 * <pre>
 *   0 .. 7      special tokens ({@link SpecialTokens})
 *   8 .. 263    one token per byte value: byte b has id 8 + b
 *   264 ..      one token per merge, in the order they were learned
 * </pre>
 *
 * <p>A merge's position in the list is its <em>rank</em>: encoding applies the lowest rank first,
 * replaying training order. Two merges may build the same bytes in different ways (say "a"+"bc"
 * and "ab"+"c"); the second then reuses the first one's id instead of making a duplicate token,
 * as HF does, because a {@code tokenizer.json} vocabulary maps each string to one id.
 */
public final class Vocab {

    /** Merge {@code left} and {@code right} into {@code id}. */
    public record Merge(int left, int right, int id) {}

    /** Id of byte value 0; byte b has id {@code FIRST_BYTE_ID + b}. */
    public static final int FIRST_BYTE_ID = SpecialTokens.COUNT;

    /** Id of the first learned token. */
    public static final int FIRST_MERGE_ID = FIRST_BYTE_ID + 256;

    private final List<Merge> merges;
    private final List<byte[]> tokenBytes;
    private final Map<Long, Integer> rankByPair;

    /**
     * Checks and indexes {@code merges}. Each merge must join two existing tokens into either the
     * next new id or an earlier learned token with exactly the joined bytes.
     */
    public Vocab(List<Merge> merges) {
        if (merges == null) {
            throw new IllegalArgumentException("merges must not be null; use Vocab.bytesOnly() for none");
        }
        this.merges = List.copyOf(merges);
        this.tokenBytes = new ArrayList<>(FIRST_MERGE_ID + merges.size());
        this.rankByPair = new HashMap<>(2 * merges.size());
        Map<String, Integer> idByBytes = new HashMap<>();
        for (String special : SpecialTokens.CONTENTS) {
            tokenBytes.add(special.getBytes(StandardCharsets.UTF_8));
        }
        for (int b = 0; b < 256; b++) {
            tokenBytes.add(new byte[] {(byte) b});
        }
        for (int rank = 0; rank < this.merges.size(); rank++) {
            Merge m = this.merges.get(rank);
            byte[] joined = join(checkedBytes(m.left(), rank, "left"), checkedBytes(m.right(), rank, "right"));
            String joinedKey = latin1(joined);
            Integer existing = idByBytes.get(joinedKey);
            if (existing == null && m.id() == tokenBytes.size()) {
                idByBytes.put(joinedKey, m.id());
                tokenBytes.add(joined);
            } else if (existing == null || existing != m.id()) {
                throw new IllegalArgumentException("merge " + rank + " " + m + " must produce id "
                        + (existing != null ? existing + " (the token with the same bytes)" : tokenBytes.size()
                        + " (the next free id)") + "; merges must be listed in the order they were learned");
            }
            if (rankByPair.putIfAbsent(Bpe.key(m.left(), m.right()), rank) != null) {
                throw new IllegalArgumentException("merge " + rank + " " + m + " repeats an earlier pair; "
                        + "each pair may be merged once");
            }
        }
    }

    /** The vocabulary before training: special tokens and the 256 bytes. */
    public static Vocab bytesOnly() {
        return new Vocab(List.of());
    }

    /** The id of the token for one byte value. */
    public static int byteId(int b) {
        return FIRST_BYTE_ID + (b & 0xFF);
    }

    /** Number of ids, special tokens included. */
    public int size() {
        return tokenBytes.size();
    }

    /** The merges in rank order. */
    public List<Merge> merges() {
        return merges;
    }

    /** The bytes token {@code id} stands for (a special token's bytes are its UTF-8 text). */
    public byte[] bytes(int id) {
        if (id < 0 || id >= tokenBytes.size()) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary 0.."
                    + (tokenBytes.size() - 1) + "; were these ids made by a different tokenizer?");
        }
        return tokenBytes.get(id).clone();
    }

    /** Internal, uncopied view of {@link #bytes}; callers must not modify it. */
    byte[] bytesView(int id) {
        return tokenBytes.get(id);
    }

    /** The rank of merge (left, right), or -1 when that pair was never merged. */
    int rank(int left, int right) {
        Integer rank = rankByPair.get(Bpe.key(left, right));
        return rank == null ? -1 : rank;
    }

    private byte[] checkedBytes(int id, int rank, String side) {
        if (id < 0 || id >= tokenBytes.size() || SpecialTokens.isSpecial(id)) {
            throw new IllegalArgumentException("merge " + rank + " has " + side + " id " + id
                    + ", which is not a byte or earlier merged token (ids " + FIRST_BYTE_ID + ".."
                    + (tokenBytes.size() - 1) + ")");
        }
        return tokenBytes.get(id);
    }

    static byte[] join(byte[] a, byte[] b) {
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    /** Bytes as a string with one char per byte: a cheap hashable key for a byte sequence. */
    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
