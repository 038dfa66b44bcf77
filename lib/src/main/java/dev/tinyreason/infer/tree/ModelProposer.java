package dev.tinyreason.infer.tree;

import dev.tinyreason.infer.Completion;
import dev.tinyreason.infer.Generator;
import dev.tinyreason.infer.SamplingConfig;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.tasks.CountdownSearch;
import dev.tinyreason.tasks.Rational;
import dev.tinyreason.tasks.Step;
import dev.tinyreason.tokenizer.ChatTemplate;
import dev.tinyreason.tokenizer.Message;
import dev.tinyreason.tokenizer.SpecialTokens;
import dev.tinyreason.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Proposals sampled from a model that writes step lines: the prompt is the puzzle's chat prompt
 * with thinking on, then the path so far, one step per line, exactly as the model's own search
 * traces look; the model writes the next line.
 *
 * <pre>
 * &lt;|im_start|&gt;user
 * Use 2 3 9 12 to make 24.&lt;|im_end|&gt;
 * &lt;|im_start|&gt;assistant
 * &lt;think&gt;
 * 12 + 9 = 21 (left: 2 3 21)        the path (one line per step)
 * ▌                                  k samples of the next line, cut at the newline
 * </pre>
 *
 * All k samples of all states come from <b>one</b> batched {@code generate} call, stopped at the
 * first token that holds a newline. A sample counts only if its line parses as a {@link Step}
 * and is a legal move from the state ({@link CountdownSearch#isValid}); samples that reach the
 * same state are merged into one {@link Proposal} whose count says how many there were, in the
 * order first seen. So a peaked model yields fewer than k proposals: the search then simply has
 * fewer branches (the paper's GPT-4 proposer has the same trait).
 */
public final class ModelProposer implements Proposer {

    /** Longest line: {@code 13/12 / 11/13 = 169/132 (left: 5/7 9/11 169/132)} fits easily. */
    static final int MAX_LINE_TOKENS = 48;

    private final Generator generator;
    private final Tokenizer tokenizer;
    private final ChatTemplate chat;
    private final int k;
    private final double temperature;
    private final long seed;
    private final int[] stops;
    private long calls;

    /**
     * @param k           samples per state
     * @param temperature sampling temperature (above 0: k greedy samples would be one)
     * @param seed        the first call's seed; each later call uses the next one
     */
    public ModelProposer(LlamaModel model, Tokenizer tokenizer, int k, double temperature,
            long seed) {
        if (k < 1) {
            throw new IllegalArgumentException("k (samples per state) must be at least 1, got "
                    + k + ".");
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("Proposals are sampled: temperature must be "
                    + "positive, got " + temperature + ".");
        }
        this.generator = new Generator(model, tokenizer);
        this.tokenizer = tokenizer;
        this.chat = new ChatTemplate(tokenizer);
        this.k = k;
        this.temperature = temperature;
        this.seed = seed;
        this.stops = lineStops(tokenizer);
    }

    /** Tokens that end a line: every token whose text holds a newline, and the end tokens. */
    static int[] lineStops(Tokenizer tokenizer) {
        List<Integer> ids = new ArrayList<>(List.of(SpecialTokens.EOS, SpecialTokens.IM_END));
        for (int id = 0; id < tokenizer.vocabSize(); id++) {
            if (!ids.contains(id) && tokenizer.decode(new int[] {id}).contains("\n")) {
                ids.add(id);
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The prompt for the state after {@code path}: chat prompt, think opening, step lines. */
    public int[] prompt(Problem problem, List<Step> path) {
        return prompt(chat, tokenizer, problem, path);
    }

    /**
     * As {@link #prompt(Problem, List)}. The step lines are encoded as one piece after the
     * think opening, as the chat template encodes a training trace, so the model sees the same
     * tokens it was trained on.
     */
    public static int[] prompt(ChatTemplate chat, Tokenizer tokenizer, Problem problem,
            List<Step> path) {
        int[] head = chat.render(List.of(Message.user(problem.prompt())), true, true).ids();
        if (path.isEmpty()) {
            return head;
        }
        int[] lines = tokenizer.encode(lines(path));
        int[] out = java.util.Arrays.copyOf(head, head.length + lines.length);
        System.arraycopy(lines, 0, out, head.length, lines.length);
        return out;
    }

    /** The path as trace text, each step on its own line, ending with a newline. */
    static String lines(List<Step> path) {
        StringBuilder sb = new StringBuilder();
        for (Step s : path) {
            sb.append(s).append('\n');
        }
        return sb.toString();
    }

    /** The text before the first newline (all of it if there is none). */
    static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    @Override
    public Proposed propose(Problem problem, List<List<Step>> paths) {
        if (paths.isEmpty()) {
            return new Proposed(List.of(), 0, Cost.ZERO);
        }
        List<int[]> prompts = new ArrayList<>(paths.size() * k);
        for (List<Step> path : paths) {
            int[] p = prompt(problem, path);
            for (int s = 0; s < k; s++) {
                prompts.add(p);
            }
        }
        SamplingConfig sampling = SamplingConfig.sampled(temperature, MAX_LINE_TOKENS,
                seed + calls++).withStopTokens(stops);
        List<Completion> out = generator.generate(prompts, sampling);  // one call
        long promptTokens = 0;
        long generated = 0;
        int invalid = 0;
        List<List<Proposal>> proposals = new ArrayList<>(paths.size());
        for (int i = 0; i < paths.size(); i++) {
            List<Rational> state = problem.state(paths.get(i));
            Map<List<Rational>, Proposal> byState = new LinkedHashMap<>();
            for (int s = 0; s < k; s++) {
                Completion c = out.get(i * k + s);
                promptTokens += c.prompt().length;
                generated += c.tokens().length;
                Step step = Step.parse(firstLine(tokenizer.decode(c.tokens())));
                if (step == null || !CountdownSearch.isValid(step, state, problem.rules())) {
                    invalid++;
                    continue;
                }
                byState.merge(step.left(), new Proposal(step, 1, c.logProb()),
                        (old, add) -> new Proposal(old.step(), old.count() + 1, old.logProb()));
            }
            proposals.add(new ArrayList<>(byState.values()));
        }
        return new Proposed(proposals, invalid, new Cost(1, promptTokens, generated));
    }

    @Override
    public String toString() {
        return "ModelProposer[k=" + k + ", temperature=" + temperature + "]";
    }
}
