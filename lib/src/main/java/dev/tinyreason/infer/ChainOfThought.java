package dev.tinyreason.infer;

import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.WeightFormat;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.Reply;
import dev.tinyreason.tasks.Task;
import dev.tinyreason.tokenizer.ChatTemplate;
import dev.tinyreason.tokenizer.Message;
import dev.tinyreason.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Greedy answers with thinking off ({@code direct}) or on ({@code cot}, Wei et al. 2022,
 * "Chain-of-Thought Prompting Elicits Reasoning"), batched. The switch is the chat template's:
 * the generation prompt ends with an empty {@code <think>\n\n</think>\n\n} block (direct) or
 * an open {@code <think>\n} (cot), as in Qwen3's hybrid models.
 *
 * <pre>{@code
 * ChainOfThought cot = new ChainOfThought(model, tokenizer);
 * Evaluation on = cot.evaluate(task, problems, true);    // thinking on
 * Evaluation off = cot.evaluate(task, problems, false);  // thinking off
 * }</pre>
 *
 * <p>Grading reads the whole assistant turn, the think opening from the prompt included, so
 * {@code formatOk} means the same for both: a closed think block, then a parsable answer.
 */
public final class ChainOfThought {

    /** Enough for the longest training trace (countdown, ~250 tokens) with room to spare. */
    public static final int THINKING_TOKENS = 384;
    /** A direct answer is a number or an expression. */
    public static final int DIRECT_TOKENS = 48;

    private final Generator generator;
    private final LlamaModel model;
    private final Tokenizer tokenizer;
    private final ChatTemplate chat;
    private final int batchSize;

    /** Batches of 32 problems. */
    public ChainOfThought(LlamaModel model, Tokenizer tokenizer) {
        this(model, tokenizer, 32);
    }

    public ChainOfThought(LlamaModel model, Tokenizer tokenizer, int batchSize) {
        this(new Generator(model, tokenizer), model, tokenizer, batchSize);
    }

    private ChainOfThought(Generator generator, LlamaModel model, Tokenizer tokenizer,
            int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize
                    + ".");
        }
        this.generator = generator;
        this.model = model;
        this.tokenizer = tokenizer;
        this.chat = new ChatTemplate(tokenizer);
        this.batchSize = batchSize;
    }

    /**
     * The same method answering from weight matrices held in {@code format}, e.g. 8-bit
     * {@code Q8_0}: {@code cot.withWeights(WeightFormat.Q8_0).evaluate(task, problems, true)}
     * is the held-out accuracy of the model as an 8-bit GGUF file would run it.
     */
    public ChainOfThought withWeights(WeightFormat format) {
        return new ChainOfThought(generator.withWeights(format), model, tokenizer, batchSize);
    }

    /** Greedy with the default budget: {@link #THINKING_TOKENS} or {@link #DIRECT_TOKENS}. */
    public Evaluation evaluate(Task task, List<Example> problems, boolean thinking) {
        return evaluate(task, problems, thinking, thinking ? THINKING_TOKENS : DIRECT_TOKENS);
    }

    /** Greedy answers to {@code problems}, at most {@code maxNewTokens} each. */
    public Evaluation evaluate(Task task, List<Example> problems, boolean thinking,
            int maxNewTokens) {
        SamplingConfig greedy = SamplingConfig.greedy(maxNewTokens);
        List<Evaluation.Graded> graded = new ArrayList<>(problems.size());
        long promptTokens = 0;
        long generated = 0;
        for (int from = 0; from < problems.size(); from += batchSize) {
            List<Example> batch = problems.subList(from, Math.min(problems.size(),
                    from + batchSize));
            List<int[]> prompts = new ArrayList<>(batch.size());
            for (Example e : batch) {
                prompts.add(prompt(e, thinking));
            }
            List<Completion> out = generator.generate(prompts,
                    greedy.withMaxNewTokens(budget(model, prompts, maxNewTokens)));
            for (int i = 0; i < batch.size(); i++) {
                Completion c = out.get(i);
                promptTokens += c.prompt().length;
                generated += c.tokens().length;
                graded.add(grade(task, batch.get(i), turn(c, thinking), c.tokens().length,
                        null));
            }
        }
        return new Evaluation(task.name(), thinking ? "cot" : "direct", graded, promptTokens,
                generated);
    }

    /** The generation prompt of {@code problem}. */
    public int[] prompt(Example problem, boolean thinking) {
        return chat.render(List.of(Message.user(problem.prompt())), true, thinking).ids();
    }

    /** The whole assistant turn: the think opening the prompt supplied, then the completion. */
    String turn(Completion c, boolean thinking) {
        return opening(thinking) + c.text(tokenizer);
    }

    /** {@code maxNewTokens}, or less where the longest prompt leaves less room in the model. */
    public static int budget(LlamaModel model, List<int[]> prompts, int maxNewTokens) {
        int longest = prompts.stream().mapToInt(p -> p.length).max().orElse(0);
        int room = model.config().maxPositions() - longest;
        if (room < 1) {
            throw new IllegalArgumentException("A prompt has " + longest + " tokens, as many as "
                    + "the model's maxPositions=" + model.config().maxPositions()
                    + "; shorten the problem.");
        }
        return Math.min(maxNewTokens, room);
    }

    /**
     * The text the generation prompt ends with, which the model does not write itself: the
     * open {@code <think>\n} (thinking on) or the empty block (off).
     */
    public static String opening(boolean thinking) {
        return thinking ? "<think>\n" : "<think>\n\n</think>\n\n";
    }

    static Evaluation.Graded grade(Task task, Example e, String turn, int tokens,
            java.util.Map<String, Integer> votes) {
        String answer = Reply.parse(turn).answer();
        return new Evaluation.Graded(e, turn, answer, task.verify(e, turn).correct(),
                task.formatOk(turn), tokens, votes);
    }
}
