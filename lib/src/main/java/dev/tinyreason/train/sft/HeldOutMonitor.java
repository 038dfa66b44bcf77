package dev.tinyreason.train.sft;

import dev.tinyreason.infer.ChainOfThought;
import dev.tinyreason.infer.Completion;
import dev.tinyreason.infer.Generator;
import dev.tinyreason.infer.SamplingConfig;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.Task;
import dev.tinyreason.tasks.TaskData;
import dev.tinyreason.tokenizer.ChatTemplate;
import dev.tinyreason.tokenizer.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an SFT run looks like on problems it never trains on, measured every few hundred steps:
 * the held-out loss (TRL's {@code eval_loss}, for early stopping) and, from one sample per
 * validation prompt at temperature 1, the model's <b>sampled entropy</b> and the share of
 * samples that are right. A model that keeps calibrated uncertainty between correct paths keeps
 * its entropy; one that collapses onto a single path drives it towards zero (Cui et al. 2025 on
 * entropy collapse). Logged under {@code eval_loss}, {@code eval_mean_token_accuracy},
 * {@code eval_entropy} (mean −log p of the sampled tokens, nats per token) and
 * {@code eval_sample_accuracy}.
 *
 * @param conversations held-out conversations for the loss (thinking as the stage trains it)
 * @param problems      held-out problems that are sampled
 * @param tasks         each problem's task, same order
 * @param thinking      whether the samples think first
 */
public record HeldOutMonitor(List<Conversation> conversations, List<Example> problems, List<Task> tasks,
        boolean thinking) {

    /** Metric keys, as TRL prefixes held-out numbers. */
    public static final String EVAL_LOSS = "eval_loss";
    public static final String EVAL_TOKEN_ACCURACY = "eval_mean_token_accuracy";
    public static final String EVAL_ENTROPY = "eval_entropy";
    public static final String EVAL_SAMPLE_ACCURACY = "eval_sample_accuracy";

    /**
     * {@code perTask} validation problems of each task, spread over its levels, from
     * {@code dataDir/<task>/val.jsonl}; thinking on when the stage thinks at all.
     */
    public static HeldOutMonitor of(Path dataDir, List<Task> tasks, Tokenizer tokenizer, int perTask,
            boolean thinking) {
        ChatTemplate chat = new ChatTemplate(tokenizer);
        List<Conversation> conversations = new ArrayList<>();
        List<Example> problems = new ArrayList<>();
        List<Task> owners = new ArrayList<>();
        for (Task t : tasks) {
            Path f = dataDir.resolve(t.name()).resolve("val.jsonl");
            if (!Files.isRegularFile(f)) {
                throw new IllegalArgumentException("Held-out monitoring reads " + f + ", which is missing. Fix: "
                        + "./tinyreason data, or train without --eval-every.");
            }
            for (Example e : dev.tinyreason.infer.Evaluation.spread(TaskData.read(f, t), perTask)) {
                conversations.add(Conversation.of(chat, e, thinking));
                problems.add(e);
                owners.add(t);
            }
        }
        return new HeldOutMonitor(List.copyOf(conversations), List.copyOf(problems), List.copyOf(owners),
                thinking);
    }

    /** The four held-out numbers of {@code model} now (samples seeded by {@code seed}). */
    public Map<String, Double> measure(LlamaModel model, Tokenizer tokenizer, long seed) {
        SftTrainer.HeldOutScore loss = SftTrainer.evaluate(model, conversations);
        ChainOfThought cot = new ChainOfThought(model, tokenizer);
        Generator generator = new Generator(model, tokenizer);
        List<int[]> prompts = new ArrayList<>();
        for (Example e : problems) {
            prompts.add(cot.prompt(e, thinking));
        }
        int budget = thinking ? ChainOfThought.THINKING_TOKENS : ChainOfThought.DIRECT_TOKENS;
        double logp = 0;
        long tokens = 0;
        int right = 0;
        for (int from = 0; from < prompts.size(); from += 32) {
            List<int[]> batch = prompts.subList(from, Math.min(prompts.size(), from + 32));
            List<Completion> out = generator.generate(batch, SamplingConfig.sampled(1.0,
                    ChainOfThought.budget(model, batch, budget), seed + from));
            for (int i = 0; i < out.size(); i++) {
                Completion c = out.get(i);
                logp += c.logProb();
                tokens += c.tokens().length;
                String turn = ChainOfThought.opening(thinking) + c.text(tokenizer);
                right += tasks.get(from + i).verify(problems.get(from + i), turn).correct() ? 1 : 0;
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(EVAL_LOSS, loss.loss());
        m.put(EVAL_TOKEN_ACCURACY, loss.meanTokenAccuracy());
        m.put(EVAL_ENTROPY, tokens == 0 ? 0 : -logp / tokens);
        m.put(EVAL_SAMPLE_ACCURACY, problems.isEmpty() ? 0 : (double) right / problems.size());
        return m;
    }
}
