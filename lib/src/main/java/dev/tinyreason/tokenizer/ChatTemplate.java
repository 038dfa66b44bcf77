package dev.tinyreason.tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Renders a conversation in ChatML (OpenAI; used by Qwen, SmolLM and most open chat models):
 *
 * <pre>
 * &lt;|im_start|&gt;system
 * You are terse.&lt;|im_end|&gt;
 * &lt;|im_start|&gt;user
 * What is 2+3?&lt;|im_end|&gt;
 * &lt;|im_start|&gt;assistant
 * &lt;think&gt;
 * 2+3=5
 * &lt;/think&gt;
 *
 * 5&lt;|im_end|&gt;
 * </pre>
 *
 * <p><b>Thinking switch</b> (the Qwen3/SmolLM3 hybrid convention). The generation prompt, which
 * cues the model to answer, is {@code <|im_start|>assistant\n} followed by
 * <ul>
 *   <li>thinking on: {@code <think>\n}, so the model starts with its reasoning (as DeepSeek-R1's
 *       template forces);</li>
 *   <li>thinking off: an empty block {@code <think>\n\n</think>\n\n}, so it answers at once.</li>
 * </ul>
 * With thinking off, an assistant turn whose content has no {@code <think>} gets the same empty
 * block in front, so training text matches what the model sees when it generates.
 *
 * <p><b>Assistant mask.</b> Supervised fine-tuning trains only on what the assistant writes. The
 * mask is true for an assistant turn's content and its closing {@code <|im_end|>} (the model must
 * learn to stop), false for every role header, user and system text, and the generation prompt.
 *
 * <p><b>Encoding.</b> User and system text never turns into control tokens (a user who types
 * "&lt;|im_end|&gt;" cannot end their turn); assistant content may contain {@code <think>} and
 * {@code </think>}. Role headers, the think opening and the rest of the content are encoded
 * separately. Encoding them as one string could let BPE join, say, the prompt's last newline with
 * a newline that starts the answer; kept apart, the ids of a training conversation begin with
 * exactly the ids of its generation prompt (whenever the assistant content opens the way the
 * prompt does, which with thinking off is always).
 */
public final class ChatTemplate {

    /**
     * {@code ids} and, per id, whether it belongs to an assistant turn; {@code text} for display.
     * The arrays belong to the caller (a record of arrays compares them by identity).
     */
    public record Rendered(int[] ids, boolean[] assistantMask, String text) {
        /** Number of tokens. */
        public int length() {
            return ids.length;
        }
    }

    private static final String EMPTY_THINK = "<think>\n\n</think>\n\n";

    /**
     * This template as Jinja, the language of Hugging Face's {@code chat_template} and of
     * llama.cpp's {@code tokenizer.chat_template}, so that a tool which only has the exported
     * model renders the same text as {@link #render}. The thinking switch is the variable
     * {@code enable_thinking} (Qwen3's name); thinking is on unless it is set to false, as for
     * the course's think-trained models. The text is the same; the ids can differ where a tool
     * encodes the whole text at once (see "Encoding" above).
     */
    public static final String JINJA = """
            {%- set think = enable_thinking is not defined or enable_thinking -%}
            {%- for message in messages -%}
            {{- '<|im_start|>' + message['role'] + '\\n' -}}
            {%- if message['role'] == 'assistant' and not think \
            and not message['content'].startswith('<think>') -%}
            {{- '<think>\\n\\n</think>\\n\\n' -}}
            {%- endif -%}
            {{- message['content'] + '<|im_end|>\\n' -}}
            {%- endfor -%}
            {%- if add_generation_prompt -%}
            {{- '<|im_start|>assistant\\n' -}}
            {{- '<think>\\n' if think else '<think>\\n\\n</think>\\n\\n' -}}
            {%- endif -%}
            """;

    private final Tokenizer tokenizer;

    public ChatTemplate(Tokenizer tokenizer) {
        if (tokenizer == null) {
            throw new IllegalArgumentException("tokenizer must not be null");
        }
        this.tokenizer = tokenizer;
    }

    /**
     * The ids of {@code messages} in ChatML, with the assistant mask.
     *
     * @param addGenerationPrompt end with an open assistant turn for the model to complete
     * @param thinking whether the assistant reasons in a {@code <think>} block first
     */
    public Rendered render(List<Message> messages, boolean addGenerationPrompt, boolean thinking) {
        validate(messages, addGenerationPrompt);
        Builder b = new Builder();
        for (Message m : messages) {
            b.special(SpecialTokens.IM_START, false);
            b.text(m.role() + "\n", false, false);
            if (m.isAssistant()) {
                String content = thinking || m.content().startsWith("<think>")
                        ? m.content()
                        : EMPTY_THINK + m.content();
                String opening = thinkOpening(thinking);
                if (content.startsWith(opening)) {
                    // encoded on its own, exactly as in the generation prompt
                    b.text(opening, true, true);
                    content = content.substring(opening.length());
                }
                b.text(content, true, true);
                b.special(SpecialTokens.IM_END, true);
            } else {
                b.text(m.content(), false, false);
                b.special(SpecialTokens.IM_END, false);
            }
            b.text("\n", false, false);
        }
        if (addGenerationPrompt) {
            b.special(SpecialTokens.IM_START, false);
            b.text("assistant\n", false, false);
            b.text(thinkOpening(thinking), false, true);
        }
        return b.build();
    }

    private static boolean isThinkTag(int id) {
        return id == SpecialTokens.THINK || id == SpecialTokens.END_THINK;
    }

    /** What the generation prompt puts after the assistant header. */
    private static String thinkOpening(boolean thinking) {
        return thinking ? "<think>\n" : EMPTY_THINK;
    }

    private static void validate(List<Message> messages, boolean addGenerationPrompt) {
        if (messages == null || messages.isEmpty() || messages.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("messages must be a non-empty list without nulls, e.g. "
                    + "List.of(Message.user(\"What is 2+3?\"))");
        }
        for (int i = 1; i < messages.size(); i++) {
            if (messages.get(i).role().equals("system")) {
                throw new IllegalArgumentException("a system message may only come first, found one at index " + i);
            }
        }
        if (addGenerationPrompt && messages.get(messages.size() - 1).isAssistant()) {
            throw new IllegalArgumentException("addGenerationPrompt opens a new assistant turn, but the last "
                    + "message is already the assistant's; drop it or pass addGenerationPrompt=false");
        }
    }

    /** Accumulates ids, mask and text side by side. */
    private final class Builder {
        private final List<int[]> pieces = new ArrayList<>();
        private final List<Boolean> masks = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();

        void special(int id, boolean assistant) {
            pieces.add(new int[] {id});
            masks.add(assistant);
            text.append(SpecialTokens.content(id));
        }

        void text(String s, boolean assistant, boolean thinkTags) {
            pieces.add(tokenizer.encode(s, id -> thinkTags && isThinkTag(id)));
            masks.add(assistant);
            text.append(s);
        }

        Rendered build() {
            int n = pieces.stream().mapToInt(p -> p.length).sum();
            int[] ids = new int[n];
            boolean[] mask = new boolean[n];
            int at = 0;
            for (int k = 0; k < pieces.size(); k++) {
                int[] p = pieces.get(k);
                System.arraycopy(p, 0, ids, at, p.length);
                Arrays.fill(mask, at, at + p.length, masks.get(k));
                at += p.length;
            }
            return new Rendered(ids, mask, text.toString());
        }
    }
}
