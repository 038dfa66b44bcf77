package dev.tinyreason.train.grpo;

import dev.tinyreason.infer.ChainOfThought;
import dev.tinyreason.infer.Completion;
import dev.tinyreason.infer.Generator;
import dev.tinyreason.infer.SamplingConfig;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tokenizer.ChatTemplate;
import dev.tinyreason.tokenizer.Message;
import dev.tinyreason.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * GRPO's rollouts: the next training problems, G sampled completions for each in <b>one</b>
 * batched generate call, and their rewards. Problems are drawn in order and never twice; the
 * sampling seed follows the run's seed, the step and how many problems have been drawn, so a
 * run is reproducible.
 *
 * <p>With {@code overlongBuffer} &gt; 0 a completion longer than
 * {@code maxCompletionLength − overlongBuffer} tokens is charged DAPO's <b>soft overlong
 * punishment</b>, a linear penalty in [−1, 0) over the buffer; the verifier's own reward is kept
 * beside it ({@link RolloutGroup#raw()}).
 */
final class RolloutSampler {

    private final Tokenizer tokenizer;
    private final ChatTemplate chat;
    private final Generator generator;
    private final IntFunction<Example> problems;
    private final GrpoTrainer.Reward reward;
    private final GrpoTrainer.Config config;
    private int cursor;

    /**
     * @param problems the i-th training problem; drawn in order
     */
    RolloutSampler(LlamaModel model, Tokenizer tokenizer, IntFunction<Example> problems,
            GrpoTrainer.Reward reward, GrpoTrainer.Config config) {
        this.tokenizer = tokenizer;
        this.chat = new ChatTemplate(tokenizer);
        this.generator = new Generator(model, tokenizer);
        this.problems = problems;
        this.reward = reward;
        this.config = config;
    }

    /** How many training problems have been drawn so far. */
    int drawn() {
        return cursor;
    }

    /**
     * G completions for each of the next {@code n} problems, in one generate call.
     *
     * @param step the optimizer step they are sampled for (it seeds the sampling)
     */
    List<RolloutGroup> sample(int n, int step) {
        int g = config.numGenerations();
        List<Example> ex = new ArrayList<>(n);
        List<int[]> prompts = new ArrayList<>(n * g);
        for (int i = 0; i < n; i++) {
            Example e = problems.apply(cursor++);
            ex.add(e);
            int[] p = chat.render(List.of(Message.user(e.prompt())), true, true).ids();
            for (int s = 0; s < g; s++) {
                prompts.add(p);
            }
        }
        List<Completion> out = generator.generate(prompts, SamplingConfig.sampled(
                config.temperature(), config.maxCompletionLength(),
                config.seed() * 1_000_003L + step * 131L + cursor));
        List<RolloutGroup> groups = new ArrayList<>(n);
        int limit = config.maxCompletionLength() - config.overlongBuffer();
        for (int i = 0; i < n; i++) {
            List<Completion> cs = out.subList(i * g, (i + 1) * g);
            double[] r = new double[g];
            double[] raw = new double[g];
            for (int s = 0; s < g; s++) {
                Completion c = cs.get(s);
                r[s] = reward.score(ex.get(i),
                        ChainOfThought.opening(true) + c.text(tokenizer));
                raw[s] = r[s];
                int len = c.tokens().length;
                if (config.overlongBuffer() > 0 && len > limit) {
                    r[s] += (double) (limit - len) / config.overlongBuffer();  // in [-1, 0)
                }
            }
            groups.add(new RolloutGroup(ex.get(i), prompts.get(i * g), List.copyOf(cs), r, raw));
        }
        return groups;
    }
}
