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
 * A value for models that were never taught to judge: how likely the model itself is to write
 * the path, {@code p(step lines | puzzle prompt)} under the {@link ModelProposer}'s prompt. BFS
 * with this value keeps the b most probable paths: beam search over thoughts. It knows nothing
 * about the target beyond what the proposer's training put into its probabilities, which is the
 * point of comparing it with a trained judge.
 *
 * <p>The value is the probability, in (0, 1] (the empty path has 1). One call is one batched
 * forward pass over all paths.
 */
public final class PathLogProbValuer implements Valuer {

    private final LlamaModel model;
    private final Tokenizer tokenizer;
    private final ChatTemplate chat;

    public PathLogProbValuer(LlamaModel model, Tokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.chat = new ChatTemplate(tokenizer);
    }

    @Override
    public Valued value(Problem problem, List<List<Step>> paths) {
        if (paths.isEmpty()) {
            return new Valued(new double[0], Cost.ZERO);
        }
        int head = ModelProposer.prompt(chat, tokenizer, problem, List.of()).length;
        List<int[]> rows = new ArrayList<>(paths.size());
        long fed = 0;
        for (List<Step> path : paths) {
            int[] row = ModelProposer.prompt(chat, tokenizer, problem, path);
            rows.add(row);
            fed += row.length;
        }
        float[][] lp = model.tokenLogProbs(TokenBatch.rightPadded(rows, SpecialTokens.PAD));
        double[] values = new double[paths.size()];
        for (int i = 0; i < paths.size(); i++) {
            double sum = 0;
            for (int t = head - 1; t < rows.get(i).length - 1; t++) {
                sum += lp[i][t];  // log p(token t+1 | tokens ..t): the path's tokens only
            }
            values[i] = Math.exp(sum);
        }
        return new Valued(values, new Cost(1, fed, 0));
    }

    @Override
    public String toString() {
        return "PathLogProbValuer";
    }
}
