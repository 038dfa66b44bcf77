package dev.tinyreason.train.grpo;

import dev.tinyreason.infer.Completion;
import dev.tinyreason.infer.FinishReason;
import dev.tinyreason.model.TokenBatch;
import dev.tinyreason.tokenizer.SpecialTokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rollouts as training rows: prompt + completion per row (right-padded), the completion mask,
 * and the log-probs the sampler reported for each completion token, at the positions that
 * predict them. {@code mask} and {@code sampled} are (B, T-1) row-major, T the padded length.
 *
 * <p>With {@code maskTruncated} a completion cut at the length limit gets mask 0: DAPO's
 * <b>overlong masking</b> leaves it out of the loss.
 */
record RolloutBatch(TokenBatch tokens, float[] mask, float[] sampled) {

    /** Where a rollout's completion sits in its row, and whether the loss leaves it out. */
    private record Span(int promptLength, int completionLength, boolean masked) {}

    /**
     * The kept rollouts in chunks of at most {@code size} sequences, in order (group by group).
     */
    static List<RolloutBatch> chunks(List<RolloutGroup> kept, int size, boolean maskTruncated) {
        List<int[]> prompts = new ArrayList<>();
        List<Completion> completions = new ArrayList<>();
        for (RolloutGroup grp : kept) {
            for (Completion c : grp.completions()) {
                prompts.add(grp.prompt());
                completions.add(c);
            }
        }
        List<RolloutBatch> out = new ArrayList<>();
        for (int from = 0; from < completions.size(); from += size) {
            int to = Math.min(completions.size(), from + size);
            out.add(of(prompts.subList(from, to), completions.subList(from, to), maskTruncated));
        }
        return out;
    }

    private static RolloutBatch of(List<int[]> prompts, List<Completion> completions,
            boolean maskTruncated) {
        List<int[]> rows = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < completions.size(); i++) {
            int[] prompt = prompts.get(i);
            Completion c = completions.get(i);
            int[] row = Arrays.copyOf(prompt, prompt.length + c.tokens().length);
            System.arraycopy(c.tokens(), 0, row, prompt.length, c.tokens().length);
            rows.add(row);
            boolean drop = maskTruncated && c.finishReason() == FinishReason.LENGTH;
            spans.add(new Span(prompt.length, c.tokens().length, drop));
        }
        TokenBatch tokens = TokenBatch.rightPadded(rows, SpecialTokens.PAD);
        int b = rows.size();
        int t = tokens.length() - 1;
        float[] mask = new float[b * t];
        float[] sampled = new float[b * t];
        for (int i = 0; i < b; i++) {
            Span s = spans.get(i);
            float[] lp = completions.get(i).logProbs();
            int first = s.promptLength() - 1;  // the position that predicts the first completion token
            for (int j = first; j < first + s.completionLength(); j++) {
                mask[i * t + j] = s.masked() ? 0f : 1f;
                sampled[i * t + j] = lp[j - first];
            }
        }
        return new RolloutBatch(tokens, mask, sampled);
    }
}
