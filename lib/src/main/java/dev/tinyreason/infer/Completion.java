package dev.tinyreason.infer;

import dev.tinyreason.tokenizer.Tokenizer;
import java.util.Arrays;

/**
 * One generated continuation.
 *
 * @param prompt       the prompt's ids
 * @param tokens       the generated ids; when {@code finishReason} is STOP the last is the stop
 *                     token (RL trainers need its log-prob too)
 * @param logProbs     log p(token | everything before) under the model itself (temperature 1,
 *                     no top-k/top-p), one per token: what GRPO and DPO compare against
 * @param finishReason "stop" or "length"
 */
public record Completion(int[] prompt, int[] tokens, float[] logProbs,
        FinishReason finishReason) {

    public Completion {
        prompt = prompt.clone();
        tokens = tokens.clone();
        logProbs = logProbs.clone();
        if (tokens.length != logProbs.length) {
            throw new IllegalArgumentException("One log-prob per token: " + tokens.length
                    + " tokens, " + logProbs.length + " log-probs.");
        }
    }

    /** The generated ids without a final stop token. */
    public int[] contentTokens() {
        return finishReason == FinishReason.STOP
                ? Arrays.copyOf(tokens, tokens.length - 1) : tokens.clone();
    }

    /** The generated text, without the stop token. */
    public String text(Tokenizer tokenizer) {
        return tokenizer.decode(contentTokens());
    }

    /** Sum of the log-probs: log p(completion | prompt). */
    public double logProb() {
        double s = 0;
        for (float lp : logProbs) {
            s += lp;
        }
        return s;
    }

    @Override
    public String toString() {
        return "Completion[tokens=" + Arrays.toString(tokens) + ", finishReason=" + finishReason
                + ", logProb=" + String.format(java.util.Locale.ROOT, "%.3f", logProb()) + "]";
    }
}
