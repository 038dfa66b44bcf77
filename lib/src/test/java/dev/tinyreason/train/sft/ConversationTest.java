package dev.tinyreason.train.sft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.Tasks;
import dev.tinyreason.tokenizer.BpeConfig;
import dev.tinyreason.tokenizer.ChatTemplate;
import dev.tinyreason.tokenizer.SpecialTokens;
import dev.tinyreason.tokenizer.Tokenizer;
import dev.tinyreason.train.Trainer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The assistant-only loss mask and the batches built from it. */
class ConversationTest {

    static Tokenizer tokenizer;
    static ChatTemplate chat;
    static final Example EX = new Example("What is 47 + 38?", "85", "7+8=15 c1 | 4+3+1=8 | 85",
            new Example.Meta("arith", 2, "1", 0));

    @BeforeAll
    static void build() {
        List<Example> ex = Corpus.examples(StageRun.trainingTasks(), 30, 0);
        tokenizer = Tokenizer.train(CourseTokenizer.corpus(ex), new BpeConfig(300, 2));
        chat = new ChatTemplate(tokenizer);
    }

    /**
     * The masked tokens decode to exactly what the model writes after the generation prompt:
     * the reply without the think opening, and its end-of-turn.
     */
    @Test
    void maskCoversExactlyTheGeneratedReplyAndImEnd() {
        for (boolean thinking : new boolean[] {true, false}) {
            Conversation c = Conversation.of(chat, EX, thinking);
            int[] trained = masked(c, true);
            String reply = thinking ? EX.thinkTrace() + "\n</think>\n\n85" : "85";
            assertEquals(reply + "<|im_end|>", tokenizer.decode(trained));
            assertEquals(SpecialTokens.IM_END, trained[trained.length - 1]);
            String opening = thinking ? "<think>\n" : "<think>\n\n</think>\n\n";
            assertEquals("<|im_start|>user\nWhat is 47 + 38?<|im_end|>\n<|im_start|>assistant\n"
                    + opening + "\n", tokenizer.decode(masked(c, false)));
        }
    }

    /** The ids start with the generation prompt (what eval feeds); training starts after it. */
    @Test
    void trainingStartsRightAfterTheGenerationPrompt() {
        for (boolean thinking : new boolean[] {true, false}) {
            Conversation c = Conversation.of(chat, EX, thinking);
            int[] prompt = Conversation.prompt(chat, EX, thinking);
            assertArrayEquals(prompt, Arrays.copyOf(c.ids(), prompt.length));
            int firstMasked = 0;
            while (!c.lossMask()[firstMasked]) {
                firstMasked++;
            }
            assertEquals(prompt.length, firstMasked);
        }
    }

    /**
     * Why the opening is not trained: the thinking prompt is a token prefix of the empty think
     * block, so a hybrid model trained on the block would learn to leave thinking at once.
     */
    @Test
    void thinkingPromptIsAPrefixOfTheEmptyBlock() {
        Conversation off = Conversation.of(chat, EX, false);
        int[] on = Conversation.prompt(chat, EX, true);
        assertArrayEquals(on, Arrays.copyOf(off.ids(), on.length));
        for (int i = 0; i < Conversation.prompt(chat, EX, false).length; i++) {
            assertFalse(off.lossMask()[i]);
        }
    }

    @Test
    void hybridMixIsSeededAndHasBothKinds() {
        List<Example> ex = Corpus.examples(List.of(Tasks.named("arith")), 200, 0);
        List<Conversation> a = Corpus.conversations(chat, ex, 0.75, 7);
        List<Conversation> b = Corpus.conversations(chat, ex, 0.75, 7);
        long thinking = a.stream().filter(Conversation::thinking).count();
        assertTrue(thinking > 120 && thinking < 180, "about 75% think, got " + thinking);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).thinking(), b.get(i).thinking());
        }
    }

    /** One conversation per row; padding is neither attended to nor trained on. */
    @Test
    void batchesKeepConversationsApart() {
        List<Conversation> cs = Corpus.conversations(chat,
                Corpus.examples(StageRun.trainingTasks(), 20, 0), 0.5, 1);
        SftBatches data = new SftBatches(cs, 1000);
        Trainer.Batch batch = data.next(8, new Random(3));
        int[][] ids = batch.tokens().ids();
        for (int b = 0; b < ids.length; b++) {
            int real = batch.tokens().realTokens(b);
            int imStarts = 0;
            for (int t = 0; t < ids[b].length; t++) {
                if (t >= real) {
                    assertEquals(SpecialTokens.PAD, ids[b][t]);
                    assertFalse(batch.lossMask()[b][t]);
                    assertEquals(0, batch.tokens().attentionMask()[b][t]);
                }
                imStarts += ids[b][t] == SpecialTokens.IM_START ? 1 : 0;
            }
            assertEquals(2, imStarts, "row " + b + " holds one user and one assistant turn");
            assertEquals(batch.tokens().positions()[b][real - 1], real - 1,
                    "positions restart at 0 in every row");
        }
    }

    @Test
    void lengthGroupingAndTruncation() {
        List<Conversation> cs = Corpus.conversations(chat,
                Corpus.examples(StageRun.trainingTasks(), 30, 0), 1.0, 1);
        SftBatches data = new SftBatches(cs, 40);
        Trainer.Batch batch = data.next(4, new Random(5));
        assertTrue(batch.tokens().length() <= 40);
        SftBatches sorted = new SftBatches(cs, 10_000);
        for (int i = 1; i < sorted.conversations().size(); i++) {
            assertTrue(sorted.conversations().get(i - 1).length()
                    <= sorted.conversations().get(i).length());
        }
    }

    private static int[] masked(Conversation c, boolean want) {
        return java.util.stream.IntStream.range(0, c.length())
                .filter(i -> c.lossMask()[i] == want).map(i -> c.ids()[i]).toArray();
    }
}
