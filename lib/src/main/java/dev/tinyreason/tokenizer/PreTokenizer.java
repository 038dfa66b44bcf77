package dev.tinyreason.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts text into pre-tokens, the pieces BPE merges inside of and never across.
 *
 * <p>GPT-2 introduced this step so that merges do not glue words to punctuation ("dog." and "dog!"
 * would otherwise become separate tokens). The pattern below is GPT-4's {@code cl100k_base} with
 * one change made for reasoning: {@code \p{N}} instead of {@code \p{N}{1,3}}, so every digit is its
 * own pre-token and "142" is always "1", "4", "2". A model then sees the same digit tokens in every
 * number, which makes column-wise arithmetic learnable (the small-reasoning-model and LLaMA
 * tokenizers split digits for this reason).
 *
 * <p>The alternatives, tried left to right at each position:
 * <ol>
 *   <li>{@code 's 't 're 've 'm 'll 'd} contractions. cl100k writes {@code (?i:...)}; here the
 *       cases are spelled out because Java and Oniguruma (HF tokenizers) fold non-ASCII letters
 *       such as U+017F 'ſ' differently, and the pattern must mean the same in both engines;</li>
 *   <li>a word, with at most one leading non-letter, non-newline character (" world", "(x");</li>
 *   <li>one digit;</li>
 *   <li>punctuation run, optionally after a space and followed by newlines (" !!\n");</li>
 *   <li>whitespace ending in a newline;</li>
 *   <li>whitespace not followed by a non-space (so the last space of "a   b" stays with "b");</li>
 *   <li>any other whitespace.</li>
 * </ol>
 * Every character matches one of these, so the pieces concatenate back to the input.
 *
 * <p>{@code \s} is Unicode whitespace in Oniguruma, so Java needs
 * {@link Pattern#UNICODE_CHARACTER_CLASS}; with it the two engines agree on every code point
 * that Java 17 knows (Unicode 13). Letters and digits assigned in Unicode 14 and later (e.g. CJK
 * Extension H) are "other" to Java but letters to HF, so such text can split differently from HF;
 * it still round-trips exactly.
 *
 * <p>Java strings may hold lone UTF-16 surrogates, which have no UTF-8 encoding. Rule: before
 * splitting, each lone surrogate becomes U+FFFD (the replacement character), exactly what a UTF-8
 * decoder produces for invalid input. See {@link #wellFormed}.
 */
public final class PreTokenizer {

    /** The split pattern, also written verbatim into {@code tokenizer.json} for HF. */
    public static final String PATTERN = "'(?:[sdmtSDMT]|[lL][lL]|[vV][eE]|[rR][eE])"
            + "|[^\\r\\n\\p{L}\\p{N}]?+\\p{L}+"
            + "|\\p{N}"
            + "| ?[^\\s\\p{L}\\p{N}]++[\\r\\n]*"
            + "|\\s*[\\r\\n]"
            + "|\\s+(?!\\S)"
            + "|\\s+";

    private static final Pattern COMPILED = Pattern.compile(PATTERN, Pattern.UNICODE_CHARACTER_CLASS);

    private static final char REPLACEMENT = '\uFFFD';

    private PreTokenizer() {}

    /** The pre-tokens of {@code text}, in order, after {@link #wellFormed} cleaning. */
    public static List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        forEach(text, pieces::add);
        return pieces;
    }

    /** Streams the pre-tokens to {@code action}; the trainer counts them without a list. */
    static void forEach(String text, Consumer<String> action) {
        String clean = wellFormed(text);
        Matcher m = COMPILED.matcher(clean);
        int end = 0;
        while (m.find()) {
            // Unreachable with PATTERN (it matches every character) but kept so that the pieces
            // always cover the text, as HF's Split with behavior "Isolated" does.
            if (m.start() > end) {
                action.accept(clean.substring(end, m.start()));
            }
            action.accept(m.group());
            end = m.end();
        }
        if (end < clean.length()) {
            action.accept(clean.substring(end));
        }
    }

    /**
     * {@code text} with every lone surrogate replaced by U+FFFD, so that it has a UTF-8 encoding.
     * Well-formed text, including surrogate pairs such as emoji, comes back unchanged (the same
     * object).
     */
    public static String wellFormed(String text) {
        int bad = firstLoneSurrogate(text, 0);
        if (bad < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text);
        while (bad >= 0) {
            sb.setCharAt(bad, REPLACEMENT);
            bad = firstLoneSurrogate(text, bad + 1);
        }
        return sb.toString();
    }

    private static int firstLoneSurrogate(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++; // a proper pair: skip its second half
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
