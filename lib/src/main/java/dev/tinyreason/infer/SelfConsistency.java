package dev.tinyreason.infer;

import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.Reply;
import dev.tinyreason.tasks.Task;
import dev.tinyreason.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;

/**
 * Self-consistency (Wang et al. 2023, "Self-Consistency Improves Chain of Thought Reasoning"):
 * sample {@code k} reasoning paths at temperature {@code T} and answer with the majority of
 * their final answers.
 *
 * <p>All k samples of a batch of problems come from <b>one</b> batched {@code generate} call
 * (each prompt repeated k times), so they share the prefill and decode steps.
 *
 * <p><b>Vote.</b> Only samples with a parsable answer vote; answers count as equal when their
 * stripped text is equal. <b>Tie rule: earliest first seen</b> — among answers with the most
 * votes, the one whose first vote came from the lowest sample index wins. Sample order is
 * fixed by the seed, so the rule is deterministic and needs no log-probs. No votes at all: no
 * answer (the problem counts as wrong).
 */
public final class SelfConsistency {

    private final ChainOfThought cot;
    private final LlamaModel model;
    private final Generator generator;
    private final Tokenizer tokenizer;
    private final int problemsPerBatch;

    /** Batches of 8 problems (8·k sequences per generate call). */
    public SelfConsistency(LlamaModel model, Tokenizer tokenizer) {
        this(model, tokenizer, 8);
    }

    public SelfConsistency(LlamaModel model, Tokenizer tokenizer, int problemsPerBatch) {
        this.cot = new ChainOfThought(model, tokenizer);
        this.model = model;
        this.generator = new Generator(model, tokenizer);
        this.tokenizer = tokenizer;
        this.problemsPerBatch = problemsPerBatch;
    }

    /** The winner of {@code answers} (null entries do not vote) by the tie rule above. */
    public static String vote(List<String> answers) {
        Map<String, Integer> votes = tally(answers);
        String best = null;
        int most = 0;
        for (Map.Entry<String, Integer> e : votes.entrySet()) {  // first-seen order
            if (e.getValue() > most) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        return best;
    }

    /** Answer → votes, in the order each answer was first seen. */
    public static Map<String, Integer> tally(List<String> answers) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (String a : answers) {
            if (a != null && !a.isBlank()) {
                votes.merge(a.strip(), 1, Integer::sum);
            }
        }
        return votes;
    }

    /**
     * The winner of {@code answers} when each votes with its weight (null entries do not
     * vote); ties by the same rule as {@link #vote}: earliest first seen.
     */
    public static String weightedVote(List<String> answers, double[] weights) {
        if (weights.length != answers.size()) {
            throw new IllegalArgumentException("One weight per answer: " + answers.size()
                    + " answers, " + weights.length + " weights.");
        }
        Map<String, Double> score = new LinkedHashMap<>();
        for (int i = 0; i < weights.length; i++) {
            String a = answers.get(i);
            if (a != null && !a.isBlank()) {
                score.merge(a.strip(), weights[i], Double::sum);
            }
        }
        String best = null;
        double most = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, Double> e : score.entrySet()) {  // first-seen order
            if (e.getValue() > most) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        return best;
    }

    /** k samples at {@code temperature} per problem, thinking on, majority answer graded. */
    public Evaluation evaluate(Task task, List<Example> problems, int k, double temperature,
            long seed) {
        return evaluate(task, sample(problems, k, temperature, seed), Samples.Vote.MAJORITY, k);
    }

    /**
     * Grades {@code rule} over the first {@code n} samples of each problem; the compute
     * counted is what drawing n samples costs (n prompts, their generated tokens).
     */
    public static Evaluation evaluate(Task task, List<Samples> samples, Samples.Vote rule,
            int n) {
        return grade(task, samples, rule, s -> n,
                rule == Samples.Vote.MAJORITY ? "sc" : "sc-weighted");
    }

    /**
     * Adaptive-Consistency replayed on paths already drawn: each problem's majority vote over
     * its first {@link Samples#adaptiveCount} samples, with the tokens of those samples only.
     * The graded problems line up with {@link #evaluate}'s, so the two compare problem by
     * problem ({@link Scoreboard#paired}).
     */
    public static Evaluation evaluateAdaptive(Task task, List<Samples> samples,
            AdaptiveStop stop) {
        return grade(task, samples, Samples.Vote.MAJORITY, s -> s.adaptiveCount(stop),
                "sc-adaptive");
    }

    /**
     * Grades {@code rule} over the first {@code count(s)} samples of each problem, counting
     * the compute of drawing that many: their prompts and their generated tokens.
     */
    private static Evaluation grade(Task task, List<Samples> samples, Samples.Vote rule,
            ToIntFunction<Samples> count, String method) {
        List<Evaluation.Graded> graded = new ArrayList<>(samples.size());
        long promptTokens = 0;
        long generated = 0;
        for (Samples s : samples) {
            int n = count.applyAsInt(s);
            graded.add(s.grade(task, rule, n));
            promptTokens += (long) s.promptTokens() * n;
            generated += s.generated(n);
        }
        return new Evaluation(task.name(), method, graded, promptTokens, generated);
    }

    /**
     * Draws {@code k} reasoning paths per problem at {@code temperature}, thinking on: all k
     * samples of a batch of problems in one batched generate call.
     */
    public List<Samples> sample(List<Example> problems, int k, double temperature, long seed) {
        return paths(problems, k, (e, s) -> e, SamplingConfig.sampled(temperature,
                ChainOfThought.THINKING_TOKENS, seed));
    }

    /**
     * Self-consistency over rewordings: path {@code s} of a problem reads its own telling,
     * {@code telling.apply(problem, s)} (the same problem in other words, e.g.
     * {@code Word.reword}), and is decoded greedily. Sampling at a temperature perturbs every
     * token a little; a rewording changes what the model reads, so its mistakes of reading land
     * elsewhere, while one it computes right stays right. The compute is that of k greedy
     * traces, each with its own prompt; {@link Samples#promptTokens} holds their mean length.
     */
    public List<Samples> sampleTellings(List<Example> problems, int k,
            BiFunction<Example, Integer, Example> telling) {
        return paths(problems, k, telling, SamplingConfig.greedy(ChainOfThought.THINKING_TOKENS));
    }

    private List<Samples> paths(List<Example> problems, int k,
            BiFunction<Example, Integer, Example> telling, SamplingConfig sampling) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k + ".");
        }
        List<Samples> out = new ArrayList<>(problems.size());
        for (int from = 0; from < problems.size(); from += problemsPerBatch) {
            List<Example> batch = problems.subList(from, Math.min(problems.size(),
                    from + problemsPerBatch));
            List<int[]> prompts = new ArrayList<>(batch.size() * k);
            for (Example e : batch) {
                for (int s = 0; s < k; s++) {
                    prompts.add(cot.prompt(telling.apply(e, s), true));
                }
            }
            List<Completion> done = generator.generate(prompts, sampling.withMaxNewTokens(
                    ChainOfThought.budget(model, prompts, sampling.maxNewTokens())));  // one call
            for (int i = 0; i < batch.size(); i++) {
                List<String> turns = new ArrayList<>(k);
                List<String> answers = new ArrayList<>(k);
                double[] logProbs = new double[k];
                int[] tokens = new int[k];
                long promptTokens = 0;
                for (int s = 0; s < k; s++) {
                    Completion c = done.get(i * k + s);
                    String turn = ChainOfThought.opening(true) + c.text(tokenizer);
                    turns.add(turn);
                    answers.add(Reply.parse(turn).answer());
                    logProbs[s] = c.logProb();
                    tokens[s] = c.tokens().length;
                    promptTokens += prompts.get(i * k + s).length;
                }
                out.add(new Samples(batch.get(i), turns, answers, logProbs, tokens,
                        (int) Math.round((double) promptTokens / k)));
            }
        }
        return out;
    }
}
