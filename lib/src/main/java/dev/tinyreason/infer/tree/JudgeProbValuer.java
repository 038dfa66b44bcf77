package dev.tinyreason.infer.tree;

import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.TokenBatch;
import dev.tinyreason.tasks.Step;
import dev.tinyreason.tokenizer.ChatTemplate;
import dev.tinyreason.tokenizer.SpecialTokens;
import dev.tinyreason.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The judge's own log-probs instead of its samples: for each state, score the three replies
 * {@code sure}, {@code likely} and {@code impossible} (each with its end of turn) after the
 * value prompt, renormalise them to probabilities over the three, and take the expected
 * weight {@link #expectedWeight}. This is what {@link JudgeValuer} estimates with n samples,
 * computed exactly in one forward pass, without sampling noise.
 *
 * <p>One call is one batched forward pass over 3 sequences per state. Needs a model trained to
 * judge (the {@code tot} checkpoint).
 */
public final class JudgeProbValuer implements Valuer {

    private final LlamaModel model;
    private final Tokenizer tokenizer;
    private final ChatTemplate chat;

    public JudgeProbValuer(LlamaModel model, Tokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.chat = new ChatTemplate(tokenizer);
    }

    /**
     * Σ p(j) · weight(j) over the three judgements, with p the softmax of their sequence
     * log-probs {@code logProbs} (in {@link Judgement} order: sure, likely, impossible).
     * <pre>
     * expectedWeight([0, -inf, -inf]) = 20       (certainly sure)
     * expectedWeight([x, x, x])       = 7.0003   (no idea: the mean weight)
     * </pre>
     */
    public static double expectedWeight(double[] logProbs) {
        Judgement[] js = Judgement.values();
        if (logProbs.length != js.length) {
            throw new IllegalArgumentException("One log-prob per judgement (" + js.length
                    + "), got " + logProbs.length + ".");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double lp : logProbs) {
            max = Math.max(max, lp);
        }
        double z = 0;
        double v = 0;
        for (int j = 0; j < js.length; j++) {
            double p = Math.exp(logProbs[j] - max);
            z += p;
            v += p * js[j].weight();
        }
        return v / z;
    }

    @Override
    public Valued value(Problem problem, List<List<Step>> paths) {
        if (paths.isEmpty()) {
            return new Valued(new double[0], Cost.ZERO);
        }
        Judgement[] js = Judgement.values();
        List<int[]> rows = new ArrayList<>(paths.size() * js.length);
        List<Integer> promptLengths = new ArrayList<>(paths.size());
        long fed = 0;
        for (List<Step> path : paths) {
            int[] p = JudgeValuer.prompt(chat, problem.state(path), problem.target());
            promptLengths.add(p.length);
            for (Judgement j : js) {
                int[] word = tokenizer.encode(j.word());
                int[] row = java.util.Arrays.copyOf(p, p.length + word.length + 1);
                System.arraycopy(word, 0, row, p.length, word.length);
                row[row.length - 1] = SpecialTokens.IM_END;
                rows.add(row);
                fed += row.length;
            }
        }
        float[][] lp = model.tokenLogProbs(TokenBatch.rightPadded(rows, SpecialTokens.PAD));
        double[] values = new double[paths.size()];
        for (int i = 0; i < paths.size(); i++) {
            double[] perJudgement = new double[js.length];
            for (int j = 0; j < js.length; j++) {
                int r = i * js.length + j;
                // lp[r][t] is log p(token t+1 | tokens ..t): the reply starts at the prompt's end
                for (int t = promptLengths.get(i) - 1; t < rows.get(r).length - 1; t++) {
                    perJudgement[j] += lp[r][t];
                }
            }
            values[i] = expectedWeight(perJudgement);
        }
        return new Valued(values, new Cost(1, fed, 0));
    }

    @Override
    public String toString() {
        return "JudgeProbValuer";
    }
}
