package dev.tinyreason.train;

import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.TokenBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Loss on text the model never trained on: the honest number to watch while training.
 * Cross-entropy in nats per predicted token; {@code ln(vocabSize)} is what a uniform guess
 * scores, {@code exp(loss)} is the perplexity.
 */
public final class HeldOut {

    private HeldOut() {}

    /**
     * Mean next-token loss of {@code model} over consecutive windows of {@code seqLen} tokens
     * from {@code ids} (at most {@code maxWindows} of them, scored {@code batchSize} at a time).
     */
    public static double meanLoss(LlamaModel model, int[] ids, int seqLen, int maxWindows,
            int batchSize) {
        if (seqLen < 2) {
            throw new IllegalArgumentException("seqLen must be at least 2 to predict a token, got " + seqLen);
        }
        int windows = Math.min(maxWindows, ids.length / seqLen);
        if (windows < 1) {
            throw new IllegalArgumentException("Held-out text has " + ids.length + " tokens, fewer "
                    + "than one window of " + seqLen + "; pass more text or a shorter seqLen.");
        }
        double sum = 0;
        long count = 0;
        for (int start = 0; start < windows; start += batchSize) {
            List<int[]> rows = new ArrayList<>();
            for (int w = start; w < Math.min(windows, start + batchSize); w++) {
                rows.add(Arrays.copyOfRange(ids, w * seqLen, (w + 1) * seqLen));
            }
            float[][] logProbs = model.tokenLogProbs(TokenBatch.of(rows.toArray(int[][]::new)));
            for (float[] row : logProbs) {  // (T - 1): log p(ids[t + 1] | ids[..t])
                for (float lp : row) {
                    sum -= lp;
                    count++;
                }
            }
        }
        return sum / count;
    }
}
