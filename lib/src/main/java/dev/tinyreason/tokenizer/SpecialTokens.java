package dev.tinyreason.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The control tokens, at fixed ids below every byte and merge, so that they keep their ids
 * whatever vocabulary size a run trains (and a model config can name them as constants).
 *
 * <pre>
 *   0 &lt;|pad|&gt;       padding in batches; never trained on
 *   1 &lt;|bos|&gt;       begins a document
 *   2 &lt;|eos|&gt;       ends a document; sampling stops here
 *   3 &lt;|reserved|&gt;  kept free (where other tokenizers put &lt;|unk|&gt;)
 *   4 &lt;think&gt;       opens a chain of thought
 *   5 &lt;/think&gt;      closes it
 *   6 &lt;|im_start|&gt;  opens a ChatML turn
 *   7 &lt;|im_end|&gt;    closes a ChatML turn
 * </pre>
 *
 * <p>Why no {@code <|unk|>}: a byte-level tokenizer has a token for each of the 256 bytes, and
 * every string is a sequence of bytes, so there is never an unknown symbol to stand for. Id 3
 * stays reserved so that the layout matches tokenizers that do have one.
 *
 * <p>{@code <think>}/{@code </think>} sit right after the document tokens, as in the
 * small-reasoning-model design: reasoning is a first-class mode, not an afterthought.
 *
 * <p>Special tokens are recognised in text only when the caller asks
 * ({@link Tokenizer#encode(String, boolean)}). Otherwise a learner's text that contains
 * "&lt;think&gt;" or "&lt;|im_end|&gt;" is ordinary bytes, so a user cannot close their own turn
 * or open a reasoning block by typing the marker (a prompt-injection guard).
 */
public final class SpecialTokens {

    public static final int PAD = 0;
    public static final int BOS = 1;
    public static final int EOS = 2;
    public static final int RESERVED = 3;
    public static final int THINK = 4;
    public static final int END_THINK = 5;
    public static final int IM_START = 6;
    public static final int IM_END = 7;

    /** The text of each special token; the index is its id. */
    public static final List<String> CONTENTS = List.of(
            "<|pad|>", "<|bos|>", "<|eos|>", "<|reserved|>",
            "<think>", "</think>", "<|im_start|>", "<|im_end|>");

    /** How many ids the special tokens take; byte tokens start here. */
    public static final int COUNT = CONTENTS.size();

    private SpecialTokens() {}

    /** Whether {@code id} is one of the special tokens. */
    public static boolean isSpecial(int id) {
        return id >= 0 && id < COUNT;
    }

    /** The text of special token {@code id}, e.g. {@code content(4)} is {@code "<think>"}. */
    public static String content(int id) {
        if (!isSpecial(id)) {
            throw new IllegalArgumentException("id " + id + " is not a special token; they are 0.." + (COUNT - 1));
        }
        return CONTENTS.get(id);
    }

    /** A run of text to encode as bytes, or one special token ({@code text} is then its content). */
    record Segment(String text, int specialId) {
        boolean isSpecial() {
            return specialId >= 0;
        }
    }

    /**
     * Cuts {@code text} at the special tokens that {@code allowed} accepts: leftmost match first,
     * as HF's added-token matcher does. Text segments between them may be empty and are dropped.
     */
    static List<Segment> split(String text, IntPredicate allowed) {
        List<Segment> segments = new ArrayList<>();
        int textStart = 0;
        int i = text.indexOf('<');
        while (i >= 0) {
            int id = specialAt(text, i, allowed);
            if (id >= 0) {
                if (i > textStart) {
                    segments.add(new Segment(text.substring(textStart, i), -1));
                }
                segments.add(new Segment(CONTENTS.get(id), id));
                textStart = i + CONTENTS.get(id).length();
                i = text.indexOf('<', textStart);
            } else {
                i = text.indexOf('<', i + 1);
            }
        }
        if (textStart < text.length()) {
            segments.add(new Segment(text.substring(textStart), -1));
        }
        return segments;
    }

    private static int specialAt(String text, int at, IntPredicate allowed) {
        // No special token is a prefix of another, so the first that fits is the only one.
        for (int id = 0; id < COUNT; id++) {
            if (allowed.test(id) && text.startsWith(CONTENTS.get(id), at)) {
                return id;
            }
        }
        return -1;
    }
}
