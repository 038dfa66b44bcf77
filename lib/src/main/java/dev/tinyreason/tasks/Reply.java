package dev.tinyreason.tasks;

/**
 * A model's completion cut into its reasoning and its final answer. Pure and total: every
 * string, {@code null} included, parses to something.
 *
 * <p><b>The rule.</b>
 * <ol>
 *   <li>Anything from the first {@code <|im_end|>} or {@code <|eos|>} on is dropped (a decoder
 *       may keep the stop token's text).</li>
 *   <li>If the text contains {@code </think>}, the answer is what follows the <em>last</em>
 *       {@code </think>} (as TRL and DeepSeek-R1's graders split), stripped of whitespace.</li>
 *   <li>Otherwise, if it contains {@code <think>}, the reasoning was never closed: no answer.</li>
 *   <li>Otherwise the whole text, stripped, is a direct answer, which is what a model writes
 *       with thinking off. With thinking on the template already opened {@code <think>}, so a
 *       completion that never writes {@code </think>} is still read this way; it then only
 *       scores if it is nothing but an answer (e.g. {@code "85"}), and it is never
 *       {@link #wellFormed()}, which {@code format_rate} reports.</li>
 * </ol>
 *
 * <p><b>Well-formed</b> (the thinking format): at most one {@code <think>}, and only at the very
 * start; exactly one {@code </think>}; a non-empty answer after it. The leading {@code <think>}
 * is optional because the chat template's generation prompt already contains it, so a raw
 * generation starts with the reasoning itself.
 *
 * <pre>
 * parse("4+3=7 | 7\n&lt;/think&gt;\n\n7")         → think "4+3=7 | 7", answer "7", well-formed
 * parse("&lt;think&gt;x&lt;/think&gt;85&lt;|im_end|&gt;junk")  → think "x", answer "85", well-formed
 * parse("85")                                 → think null, answer "85", not well-formed
 * parse("&lt;think&gt;7+8=15")                      → no answer
 * parse(null)                                 → no answer
 * </pre>
 *
 * @param think the reasoning (without tags, stripped), or null if there was no closed block
 * @param answer the answer text (stripped), or null if there is none
 * @param wellFormed whether the completion has exactly the thinking format
 */
public record Reply(String think, String answer, boolean wellFormed) {

    private static final String OPEN = "<think>";
    private static final String CLOSE = "</think>";
    private static final String[] STOPS = {"<|im_end|>", "<|eos|>"};

    /** Cuts {@code text} by the rule above. */
    public static Reply parse(String text) {
        if (text == null) {
            return new Reply(null, null, false);
        }
        String t = text;
        for (String stop : STOPS) {
            int at = t.indexOf(stop);
            if (at >= 0) {
                t = t.substring(0, at);
            }
        }
        int close = t.lastIndexOf(CLOSE);
        if (close < 0) {
            if (t.contains(OPEN)) {
                return new Reply(null, null, false);
            }
            String direct = t.strip();
            return new Reply(null, direct.isEmpty() ? null : direct, false);
        }
        String answer = t.substring(close + CLOSE.length()).strip();
        String head = t.substring(0, close);
        String stripped = head.stripLeading();
        boolean opened = stripped.startsWith(OPEN);
        String think = (opened ? stripped.substring(OPEN.length()) : head).strip();
        boolean wellFormed = !answer.isEmpty()
                && t.indexOf(CLOSE) == close
                && !think.contains(OPEN)
                && !answer.contains(OPEN);
        return new Reply(think, answer.isEmpty() ? null : answer, wellFormed);
    }

    /** Whether there is any answer text to grade. */
    public boolean hasAnswer() {
        return answer != null;
    }
}
