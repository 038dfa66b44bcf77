package dev.tinyreason.infer.tree;

import dev.tinyreason.infer.Completion;
import dev.tinyreason.infer.Generator;
import dev.tinyreason.infer.SamplingConfig;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.tasks.Rational;
import dev.tinyreason.tasks.Step;
import dev.tinyreason.tokenizer.ChatTemplate;
import dev.tinyreason.tokenizer.Message;
import dev.tinyreason.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The paper's value step: ask the model {@code n} times whether a state can still reach the
 * target ({@link Judgement#question}, thinking off), read each reply as sure, likely or
 * impossible, and aggregate with the paper's weights ({@link Judgement#value}). The paper sums
 * the n weights (n = 3); this divides by n, which ranks states the same way and keeps one scale
 * whatever n is. A reply that is none of the three words counts as nothing.
 *
 * <p>All n judgements of all states come from <b>one</b> batched {@code generate} call. Needs a
 * model trained to judge (the {@code tot} checkpoint, {@code ./tinyreason train value}).
 */
public final class JudgeValuer implements Valuer {

    /** {@code impossible} is 7 tokens; with the end of turn and a little slack. */
    public static final int MAX_REPLY_TOKENS = 12;

    private final Generator generator;
    private final Tokenizer tokenizer;
    private final ChatTemplate chat;
    private final int n;
    private final double temperature;
    private final long seed;
    private long calls;

    /**
     * @param n           judgements per state (the paper: 3)
     * @param temperature sampling temperature; 0 asks once greedily and repeats that reply
     * @param seed        the first call's seed; each later call uses the next one
     */
    public JudgeValuer(LlamaModel model, Tokenizer tokenizer, int n, double temperature,
            long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("n (judgements per state) must be at least 1, "
                    + "got " + n + ".");
        }
        this.generator = new Generator(model, tokenizer);
        this.tokenizer = tokenizer;
        this.chat = new ChatTemplate(tokenizer);
        this.n = n;
        this.temperature = temperature;
        this.seed = seed;
    }

    /** The value prompt of a state: its {@link Judgement#question}, thinking off. */
    public static int[] prompt(ChatTemplate chat, List<Rational> state, int target) {
        String q = Judgement.question(state, target);
        return chat.render(List.of(Message.user(q)), true, false).ids();
    }

    @Override
    public Valued value(Problem problem, List<List<Step>> paths) {
        if (paths.isEmpty()) {
            return new Valued(new double[0], Cost.ZERO);
        }
        int samples = temperature > 0 ? n : 1;  // greedy replies would all be the same
        List<int[]> prompts = new ArrayList<>(paths.size() * samples);
        for (List<Step> path : paths) {
            int[] p = prompt(chat, problem.state(path), problem.target());
            for (int s = 0; s < samples; s++) {
                prompts.add(p);
            }
        }
        SamplingConfig sampling = SamplingConfig.sampled(temperature, MAX_REPLY_TOKENS,
                seed + calls++);
        List<Completion> out = generator.generate(prompts, sampling);  // one call
        double[] values = new double[paths.size()];
        long promptTokens = 0;
        long generated = 0;
        for (int i = 0; i < paths.size(); i++) {
            List<Judgement> judgements = new ArrayList<>(samples);
            for (int s = 0; s < samples; s++) {
                Completion c = out.get(i * samples + s);
                promptTokens += c.prompt().length;
                generated += c.tokens().length;
                judgements.add(Judgement.parse(c.text(tokenizer)));
            }
            values[i] = Judgement.value(judgements) / samples;
        }
        return new Valued(values, new Cost(1, promptTokens, generated));
    }

    @Override
    public String toString() {
        return "JudgeValuer[n=" + n + ", temperature=" + temperature + "]";
    }
}
