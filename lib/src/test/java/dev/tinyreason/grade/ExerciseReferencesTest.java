package dev.tinyreason.grade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.tinyreason.grade.exercises.AssistantMask;
import dev.tinyreason.grade.exercises.EmaUpdate;
import dev.tinyreason.grade.exercises.MeanTokenAccuracy;
import dev.tinyreason.model.Checkpoint;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.TokenBatch;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.TaskData;
import dev.tinyreason.tokenizer.ChatTemplate;
import dev.tinyreason.tokenizer.Message;
import dev.tinyreason.tokenizer.SpecialTokens;
import dev.tinyreason.tokenizer.Tokenizer;
import dev.tinyreason.train.sft.Conversation;
import dev.tinyreason.train.sft.SftTrainer;
import dev.tinyreason.trm.TrmTrainer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Exercise references that cannot simply call the library (they work on plain arrays, the
 * library on its own types) are tied to it here, so the two cannot drift apart: the mask a
 * learner writes in notebook 05 is the one {@code sft-think} trained with, and the token
 * accuracy they compute is the {@code mean_token_accuracy} an SFT run logs, and their EMA step
 * is TRM's.
 */
class ExerciseReferencesTest {

    @Test
    void theAssistantMaskExerciseIsTheMaskChatTemplateTrainsWith() {
        Tokenizer tok = Tokenizer.load(Path.of("../data/tokenizer/tokenizer.json"));
        ChatTemplate chat = new ChatTemplate(tok);
        int[] header = tok.encode("assistant\n");
        List<List<Message>> conversations = List.of(
                List.of(Message.user("What is 12 + 30?"), Message.assistant("<think>\n12 + 30 = 42\n</think>\n\n42")),
                List.of(Message.system("Be brief."), Message.user("2 + 2?"), Message.assistant("4"),
                        Message.user("and 3 + 3?"), Message.assistant("6")));
        // training conversations: they end with the assistant's turn (a generation prompt is
        // not trained on, so the library masks its open turn out)
        for (List<Message> m : conversations) {
            for (boolean thinking : new boolean[] {true, false}) {
                ChatTemplate.Rendered r = chat.render(m, false, thinking);
                assertArrayEquals(r.assistantMask(), AssistantMask.REFERENCE.mask(r.ids(),
                        SpecialTokens.IM_START, SpecialTokens.IM_END, header), r.text());
            }
        }
    }

    @Test
    void theTokenAccuracyExerciseIsTheOneSftLogs() {
        Checkpoint ckpt = Checkpoint.load(Path.of("../data/checkpoints/sft-think"));
        ChatTemplate chat = new ChatTemplate(ckpt.tokenizer());
        LlamaModel model = ckpt.model();
        List<Example> word = TaskData.read(Path.of("../data/word/val.jsonl"));
        for (int i = 0; i < 4; i++) {
            Conversation c = Conversation.of(chat, word.get(i * 50), i % 2 == 0);
            double logged = SftTrainer.evaluate(model, List.of(c)).meanTokenAccuracy();
            double exercise = MeanTokenAccuracy.REFERENCE.accuracy(
                    model.logits(TokenBatch.of(c.ids()))[0], c.ids(), c.lossMask());
            assertEquals(logged, exercise, 1e-6, "conversation " + i);
        }
    }

    @Test
    void theEmaExerciseIsTheUpdateTrmTrainsWith() {
        float[] shadow = {1f, -2f, 0.5f, 3f};
        float[] weights = {0f, 4f, 0.5f, -1f};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray s = m.create(shadow);
            TrmTrainer.emaUpdate(s, m.create(weights), 0.9f);
            assertArrayEquals(EmaUpdate.REFERENCE.ema(shadow, weights, 0.9f), s.toFloatArray(),
                    1e-6f);
        }
    }
}
