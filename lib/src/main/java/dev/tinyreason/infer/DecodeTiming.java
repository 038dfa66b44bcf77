package dev.tinyreason.infer;

import dev.tinyreason.model.Decoder;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.TokenBatch;
import dev.tinyreason.model.WeightFormat;
import dev.tinyreason.tokenizer.SpecialTokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times greedy decoding one sequence at a time, as a chat front end answers one user: for each
 * prompt a decoder is opened (weights copied into {@code format}, not timed), then the prompt's
 * prefill and every new token up to {@code <|im_end|>} or {@code maxNew} are timed. Comparing
 * two weight formats on the same prompts gives both the speed ratio and whether their greedy
 * continuations agree token for token.
 */
public final class DecodeTiming {

    /**
     * One timed pass.
     *
     * @param continuations the generated ids of each prompt, {@code <|im_end|>} included
     * @param tokens        generated tokens in all
     * @param seconds       time spent in prefill and decode steps
     */
    public record Run(List<int[]> continuations, long tokens, double seconds) {

        public double tokensPerSecond() {
            return seconds > 0 ? tokens / seconds : 0;
        }

        /** How many prompts got exactly the same continuation in {@code other}. */
        public int sameContinuations(Run other) {
            if (other.continuations.size() != continuations.size()) {
                throw new IllegalArgumentException("Compare runs on the same prompts: "
                        + continuations.size() + " against " + other.continuations.size() + ".");
            }
            int same = 0;
            for (int i = 0; i < continuations.size(); i++) {
                same += Arrays.equals(continuations.get(i), other.continuations.get(i)) ? 1 : 0;
            }
            return same;
        }
    }

    private DecodeTiming() {}

    /** Greedy continuations of {@code prompts} from {@code model}'s weights held in {@code format}. */
    public static Run greedy(LlamaModel model, List<int[]> prompts, int maxNew,
            WeightFormat format) {
        if (maxNew < 1) {
            throw new IllegalArgumentException("maxNew must be at least 1, got " + maxNew + ".");
        }
        List<int[]> out = new ArrayList<>(prompts.size());
        long tokens = 0;
        long nanos = 0;
        for (int[] p : prompts) {
            List<Integer> got = new ArrayList<>();
            try (Decoder d = Decoder.open(model, 1, p.length + maxNew, format)) {
                long t0 = System.nanoTime();
                var g = d.prefillGreedy(TokenBatch.of(p));
                while (true) {
                    int t = g.tokens()[0];
                    got.add(t);
                    if (t == SpecialTokens.IM_END || got.size() == maxNew) {
                        break;
                    }
                    g = d.stepGreedy(new int[] {t});
                }
                nanos += System.nanoTime() - t0;
            }
            tokens += got.size();
            out.add(got.stream().mapToInt(Integer::intValue).toArray());
        }
        return new Run(out, tokens, nanos / 1e9);
    }
}
