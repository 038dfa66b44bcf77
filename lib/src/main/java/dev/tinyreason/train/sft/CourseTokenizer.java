package dev.tinyreason.train.sft;

import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.Split;
import dev.tinyreason.tasks.Task;
import dev.tinyreason.tasks.TaskData;
import dev.tinyreason.tasks.Tasks;
import dev.tinyreason.tokenizer.BpeConfig;
import dev.tinyreason.tokenizer.ChatTemplate;
import dev.tinyreason.tokenizer.Message;
import dev.tinyreason.tokenizer.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The course tokenizer: byte-level BPE trained on the tasks' training text only (prompts, think
 * traces, answers and their ChatML rendering), so no validation or test problem shapes it.
 *
 * <p><b>Why 1024 ids.</b> The tasks' language is small: templated sentences with a few hundred
 * names, objects and verbs, digits (always one token each, see {@code PreTokenizer}) and
 * operators. At 1024 nearly every word of the templates is one token, so a word problem costs
 * about as many tokens as it has words; doubling to 2048 shortens sequences by only a few
 * percent while doubling the embedding table, which at {@code tiny} width is a third of the
 * model. Fewer, better-trained rows suit a model that sees each row only thousands of times.
 */
public final class CourseTokenizer {

    /** The course's vocabulary size, 8 special tokens and 256 bytes included. */
    public static final int VOCAB_SIZE = 1024;

    private CourseTokenizer() {}

    /** Training text: each example's prompt, thinking completion and both chat renderings. */
    public static String corpus(List<Example> examples) {
        StringBuilder sb = new StringBuilder();
        for (Example e : examples) {
            sb.append(e.prompt()).append('\n').append(e.thinkTrace()).append('\n')
                    .append(e.answer()).append('\n');
            sb.append("<|im_start|>user\n").append(e.prompt()).append("<|im_end|>\n")
                    .append("<|im_start|>assistant\n").append(e.thinkingCompletion())
                    .append("<|im_end|>\n");
        }
        return sb.toString();
    }

    /** Trains on {@code data/<task>/train.jsonl} of every task that has a training split. */
    public static Tokenizer train(Path dataDir, int vocabSize) {
        StringBuilder corpus = new StringBuilder();
        for (Task task : Tasks.all()) {
            Path file = dataDir.resolve(task.name()).resolve("train.jsonl");
            if (task.splits().contains(Split.TRAIN) && Files.exists(file)) {
                corpus.append(corpus(TaskData.read(file, task)));
            }
        }
        if (corpus.length() == 0) {
            throw new IllegalArgumentException("No training data under " + dataDir
                    + "; run ./tinyreason data first.");
        }
        return Tokenizer.train(corpus.toString(), new BpeConfig(vocabSize, 2));
    }

    /** Mean tokens per conversation of {@code examples}, thinking on: how long a row is. */
    public static double meanChatTokens(Tokenizer tokenizer, List<Example> examples) {
        ChatTemplate chat = new ChatTemplate(tokenizer);
        return examples.stream().mapToInt(e -> chat.render(List.of(Message.user(e.prompt()),
                Message.assistant(e.thinkingCompletion())), false, true).length()).average()
                .orElse(0);
    }
}
