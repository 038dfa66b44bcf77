package dev.tinyreason.model;

import dev.tinyreason.tensor.LogSoftmax;
import java.util.List;

/**
 * What decoding from 8-bit weights changes, measured against float32 on the same text: the
 * per-token KL divergence {@code KL(p_f32 ‖ p_q8)} of the next-token distributions, averaged
 * over every position of held-out texts fed in full (teacher forcing: each position sees the
 * true prefix, so one early difference cannot snowball into a different text), and how often
 * the two agree on the most likely token. llama.cpp's {@code perplexity --kl-divergence}
 * reports the same numbers for its quantised files.
 *
 * <pre>{@code
 * Quantisation.Drift d = Quantisation.drift(model, heldOutIds);
 * d.meanKl();          // nats per token; 0 means the same distributions
 * d.top1Agreement();   // fraction of positions whose argmax is unchanged
 * }</pre>
 *
 * <p>Both sides run the same Java decoder ({@link JavaBlocks}) with only the weights' format
 * changed, so the drift is the quantisation's alone, not a difference of kernels.
 */
public final class Quantisation {

    private Quantisation() {}

    /**
     * The distance between two formats' next-token distributions over a set of texts.
     *
     * @param positions      positions compared: the total length of the texts
     * @param meanKl         mean over positions of {@code KL(p_ref ‖ p_other)}, in nats
     * @param maxKl          the largest KL at any one position
     * @param maxLogProbDiff the largest {@code |log p_ref(v) - log p_other(v)|} over positions
     *                       and vocabulary
     * @param top1Agreement  fraction of positions where both pick the same most likely token
     */
    public record Drift(int positions, double meanKl, double maxKl, double maxLogProbDiff,
            double top1Agreement) {}

    /** {@link WeightFormat#Q8_0} against {@link WeightFormat#F32} on {@code texts} (token ids). */
    public static Drift drift(LlamaModel model, List<int[]> texts) {
        return drift(model, texts, WeightFormat.F32, WeightFormat.Q8_0);
    }

    /**
     * {@code other} against {@code reference} on {@code texts}: each text (token ids, BOS first
     * as the model saw in training) runs once through each, and every position's distribution
     * of the next token is compared.
     */
    public static Drift drift(LlamaModel model, List<int[]> texts, WeightFormat reference,
            WeightFormat other) {
        ModelConfig c = model.config();
        int longest = 0;
        for (int i = 0; i < texts.size(); i++) {
            int n = texts.get(i).length;
            if (n == 0 || n > c.maxPositions()) {
                throw new IllegalArgumentException("Text " + i + " has " + n + " tokens; each "
                        + "needs 1 to maxPositions=" + c.maxPositions() + ". Drop or cut it.");
            }
            longest = Math.max(longest, n);
        }
        if (longest == 0) {
            throw new IllegalArgumentException("No texts to compare; pass at least one.");
        }
        int threads = JavaDecoder.defaultThreads();
        DecodeKernels k = DecodeKernels.best();
        JavaBlocks ref = new JavaBlocks(model, longest, k, threads, false, reference);
        JavaBlocks alt = new JavaBlocks(model, longest, k, threads, false, other);
        JavaBlocks.Worker refWork = ref.newWorker();
        JavaBlocks.Worker altWork = alt.newWorker();
        int v = c.vocabSize();
        int positions = 0;
        int agree = 0;
        double klSum = 0;
        double klMax = 0;
        double diffMax = 0;
        for (int[] text : texts) {
            float[] a = logitsAtEveryPosition(ref, refWork, text);
            float[] b = logitsAtEveryPosition(alt, altWork, text);
            for (int t = 0; t < text.length; t++) {
                Row row = compare(a, b, t * v, v);
                klSum += row.kl();
                klMax = Math.max(klMax, row.kl());
                diffMax = Math.max(diffMax, row.maxLogProbDiff());
                agree += row.sameArgmax() ? 1 : 0;
                positions++;
            }
        }
        return new Drift(positions, klSum / positions, klMax, diffMax,
                (double) agree / positions);
    }

    /** The logits (n, V) after each of the text's n tokens, in the worker's logits. */
    private static float[] logitsAtEveryPosition(JavaBlocks blocks, JavaBlocks.Worker wk,
            int[] text) {
        blocks.forwardSequence(wk, text, blocks.newCache());
        blocks.head(wk, 0, text.length, true);
        return wk.logits;
    }

    private record Row(double kl, double maxLogProbDiff, boolean sameArgmax) {}

    /**
     * One position: {@code KL = Σ_v p_a(v) (log p_a(v) - log p_b(v))} over the V logits from
     * {@code at} ({@link LogSoftmax}, in double), the largest |Δ log p| and whether the two
     * agree on the most likely token.
     */
    private static Row compare(float[] a, float[] b, int at, int v) {
        double[] la = LogSoftmax.of(a, at, v);
        double[] lb = LogSoftmax.of(b, at, v);
        double worst = 0;
        for (int i = 0; i < v; i++) {
            worst = Math.max(worst, Math.abs(la[i] - lb[i]));
        }
        return new Row(LogSoftmax.klDivergence(la, lb), worst,
                LogSoftmax.argmax(a, at, v) == LogSoftmax.argmax(b, at, v));
    }
}
