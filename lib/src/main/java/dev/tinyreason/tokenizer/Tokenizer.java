package dev.tinyreason.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;

/**
 * Text to token ids and back with a trained {@link Vocab}: the encoder half of GPT-2's
 * {@code encoder.py}, and minbpe's {@code RegexTokenizer.encode/decode}.
 *
 * <p>Encoding: cut out special tokens (only if asked), split the rest into pre-tokens
 * ({@link PreTokenizer}), turn each into UTF-8 byte ids, then replay merges: repeatedly merge the
 * adjacent pair with the lowest rank until no learned pair is left. This gives the same ids as
 * HF {@code tokenizers} loading our {@code tokenizer.json}.
 *
 * <p>Round trip: {@code decode(encode(s)).equals(s)} for every well-formed string. A string with
 * lone surrogates comes back with each one replaced by U+FFFD ({@link PreTokenizer#wellFormed}).
 *
 * <p>Instances are immutable apart from a cache of pre-token encodings, and safe to share
 * between threads.
 */
public final class Tokenizer {

    /** Longest text encoded in one call; encode a larger corpus document by document. */
    public static final int MAX_TEXT_LENGTH = 1 << 26;

    /** Pre-tokens up to this many bytes are cached: short ones (" the", "\n") repeat endlessly. */
    private static final int CACHED_PIECE_BYTES = 32;
    private static final int CACHE_CAPACITY = 1 << 16;

    private final Vocab vocab;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    public Tokenizer(Vocab vocab) {
        if (vocab == null) {
            throw new IllegalArgumentException("vocab must not be null; train one with BpeTrainer.train");
        }
        this.vocab = vocab;
    }

    /** Trains a vocabulary on {@code corpus} ({@link BpeTrainer}) and wraps it. */
    public static Tokenizer train(String corpus, BpeConfig config) {
        return new Tokenizer(BpeTrainer.train(corpus, config));
    }

    /** Reads a {@code tokenizer.json} written by {@link #save} ({@link TokenizerJson}). */
    public static Tokenizer load(Path path) {
        return TokenizerJson.read(path);
    }

    /** Writes this tokenizer as a Hugging Face {@code tokenizer.json}. */
    public void save(Path path) {
        TokenizerJson.write(this, path);
    }

    public Vocab vocab() {
        return vocab;
    }

    public int vocabSize() {
        return vocab.size();
    }

    /** {@code text} as ids; special-token text stays ordinary bytes. */
    public int[] encode(String text) {
        return encode(text, false);
    }

    /**
     * {@code text} as ids. With {@code allowSpecial}, the text of a special token (e.g.
     * "&lt;think&gt;") becomes its id; without, it is encoded as the bytes it is made of. Keep
     * it false for any text a user typed.
     */
    public int[] encode(String text, boolean allowSpecial) {
        return encode(text, allowSpecial ? SpecialTokens::isSpecial : id -> false);
    }

    /** {@code text} as ids, recognising only the special tokens {@code allowed} accepts. */
    int[] encode(String text, IntPredicate allowed) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null; pass \"\" for no text");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("text has " + text.length() + " chars, more than the "
                    + MAX_TEXT_LENGTH + " one encode call accepts; encode it document by document");
        }
        IdBuffer out = new IdBuffer(text.length() / 3 + 16);
        for (SpecialTokens.Segment segment : SpecialTokens.split(text, allowed)) {
            if (segment.isSpecial()) {
                out.add(segment.specialId());
            } else {
                PreTokenizer.forEach(segment.text(), piece -> out.addAll(encodePiece(piece)));
            }
        }
        return out.toArray();
    }

    private int[] encodePiece(String piece) {
        int[] cached = cache.get(piece);
        if (cached != null) {
            return cached;
        }
        byte[] utf8 = piece.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[utf8.length];
        for (int i = 0; i < utf8.length; i++) {
            ids[i] = Vocab.byteId(utf8[i]);
        }
        ids = applyMerges(ids);
        if (utf8.length <= CACHED_PIECE_BYTES) {
            if (cache.size() >= CACHE_CAPACITY) {
                cache.clear(); // crude, but bounded; the cache refills from the next text
            }
            cache.put(piece, ids);
        }
        return ids;
    }

    /** Replays training: merge the lowest-rank pair present until none is left. */
    private int[] applyMerges(int[] ids) {
        while (ids.length >= 2) {
            int bestRank = -1;
            int bestAt = -1;
            for (int i = 0; i + 1 < ids.length; i++) {
                int rank = vocab.rank(ids[i], ids[i + 1]);
                if (rank >= 0 && (bestRank < 0 || rank < bestRank)) {
                    bestRank = rank;
                    bestAt = i;
                }
            }
            if (bestRank < 0) {
                break;
            }
            ids = Bpe.merge(ids, ids[bestAt], ids[bestAt + 1], vocab.merges().get(bestRank).id());
        }
        return ids;
    }

    /**
     * The text of {@code ids}. Special tokens come out as their text. Never throws on a valid
     * id: bytes that do not form UTF-8 (e.g. half of a character) come out as U+FFFD.
     */
    public String decode(int[] ids) {
        return new String(decodeBytes(ids), StandardCharsets.UTF_8);
    }

    /** The raw bytes of {@code ids}, before UTF-8 decoding. */
    public byte[] decodeBytes(int[] ids) {
        if (ids == null) {
            throw new IllegalArgumentException("ids must not be null; pass an empty array for no tokens");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(ids.length * 4);
        for (int id : ids) {
            checkId(id);
            bytes.writeBytes(vocab.bytesView(id));
        }
        return bytes.toByteArray();
    }

    /** A decoder for sampling: feed ids one at a time, get back only complete characters. */
    public StreamingDecoder streamingDecoder() {
        return new StreamingDecoder(this);
    }

    /** Throws if {@code id} is not in this vocabulary. */
    void checkId(int id) {
        if (id < 0 || id >= vocab.size()) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary 0.."
                    + (vocab.size() - 1) + "; were these ids made by a different tokenizer?");
        }
    }

    /** Growable id array for the encoder's output. */
    private static final class IdBuffer {
        private int[] ids;
        private int size;

        IdBuffer(int capacity) {
            ids = new int[capacity];
        }

        void add(int id) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2 + 16);
            }
            ids[size++] = id;
        }

        void addAll(int[] more) {
            if (size + more.length > ids.length) {
                ids = Arrays.copyOf(ids, Math.max(size + more.length, size * 2));
            }
            System.arraycopy(more, 0, ids, size, more.length);
            size += more.length;
        }

        int[] toArray() {
            return Arrays.copyOf(ids, size);
        }
    }
}
