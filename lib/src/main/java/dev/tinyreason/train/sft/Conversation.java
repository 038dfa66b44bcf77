package dev.tinyreason.train.sft;

import dev.tinyreason.tasks.Example;
import dev.tinyreason.tokenizer.ChatTemplate;
import dev.tinyreason.tokenizer.Message;
import java.util.List;

/**
 * One training conversation: a user turn with the problem and the assistant's reply, in ChatML,
 * with TRL's {@code assistant_only_loss} mask.
 *
 * <pre>
 * token:    &lt;|im_start|&gt; user \n What is 2+3? &lt;|im_end|&gt; \n &lt;|im_start|&gt; assistant \n
 * lossMask:  0             0    0  0 ...           0          0  0             0         0
 * token:    &lt;think&gt; \n  7+8=15 ... &lt;/think&gt; \n\n 5 &lt;|im_end|&gt; \n
 * lossMask:  0       0   1      ... 1        1    1 1          0
 * </pre>
 * {@code lossMask[t]} says whether token t is a target (predicted from tokens before it):
 * the assistant's content after the generation prompt and its closing {@code <|im_end|>}, so
 * the model learns what to answer and when to stop, never to imitate the user.
 *
 * @param ids      the rendered conversation
 * @param lossMask per token: trained on or not
 * @param thinking whether the reply reasons in a think block first
 */
public record Conversation(int[] ids, boolean[] lossMask, boolean thinking) {

    public Conversation {
        if (ids.length != lossMask.length) {
            throw new IllegalArgumentException("One mask value per id: " + ids.length
                    + " ids, " + lossMask.length + " mask values.");
        }
    }

    /**
     * {@code example} as a conversation; thinking on trains the trace, off the bare answer.
     *
     * <p>The think opening that the generation prompt already supplies ({@code <think>\n}, or
     * the empty block with thinking off) is not trained: the model never writes it at test
     * time, and training it breaks the hybrid. With this tokenizer the thinking opening
     * {@code <think> \n} is a token prefix of the empty block {@code <think> \n \n </think>},
     * so a model trained on both learns p(\n | thinking prompt) = share of thinking-off data,
     * which under greedy decoding beats every single first digit of a trace: thinking on would
     * fall into the empty block and answer directly.
     */
    public static Conversation of(ChatTemplate chat, Example example, boolean thinking) {
        String reply = thinking ? example.thinkingCompletion() : example.directCompletion();
        ChatTemplate.Rendered r = chat.render(
                List.of(Message.user(example.prompt()), Message.assistant(reply)), false, thinking);
        boolean[] mask = r.assistantMask();
        int promptLength = prompt(chat, example, thinking).length;
        java.util.Arrays.fill(mask, 0, Math.min(promptLength, mask.length), false);
        return new Conversation(r.ids(), mask, thinking);
    }

    /** The generation prompt for {@code example}: what a model completes at test time. */
    public static int[] prompt(ChatTemplate chat, Example example, boolean thinking) {
        return chat.render(List.of(Message.user(example.prompt())), true, thinking).ids();
    }

    public int length() {
        return ids.length;
    }

    /** Tokens the loss is computed on. */
    public int trainedTokens() {
        int n = 0;
        for (boolean m : lossMask) {
            n += m ? 1 : 0;
        }
        return n;
    }
}
