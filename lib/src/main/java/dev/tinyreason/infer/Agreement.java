package dev.tinyreason.infer;

import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.TokenBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * How closely model {@code q} predicts what model {@code p} predicts (say, 8-bit weights
 * against fp32), position by position over whole sequences: the KL divergence
 * {@code KL(p ‖ q)} of the two next-token distributions, whether their top tokens agree, and
 * how sure {@code p} was there. Positions are sorted by KL, smallest first.
 *
 * @param kl          each position's KL divergence in nats, ascending
 * @param pTop        {@code p}'s top-token probability at the same positions
 * @param sameArgmax  positions where both models' top token is the same
 */
public record Agreement(double[] kl, double[] pTop, int sameArgmax) {

    /** Both models read every sequence once. */
    public static Agreement of(LlamaModel p, LlamaModel q, List<int[]> sequences) {
        record At(double kl, double pTop) {}
        List<At> at = new ArrayList<>();
        int same = 0;
        for (int[] ids : sequences) {
            float[][] lp = p.logits(TokenBatch.of(ids))[0];
            float[][] lq = q.logits(TokenBatch.of(ids))[0];
            for (int t = 0; t < ids.length; t++) {
                int top = Sampling.argmax(lp[t]);
                at.add(new At(Sampling.klDivergence(lp[t], lq[t]),
                        Sampling.softmax(lp[t], 1)[top]));
                same += top == Sampling.argmax(lq[t]) ? 1 : 0;
            }
        }
        at.sort(Comparator.comparingDouble(At::kl));
        return new Agreement(at.stream().mapToDouble(At::kl).toArray(),
                at.stream().mapToDouble(At::pTop).toArray(), same);
    }

    public int positions() {
        return kl.length;
    }

    public double meanKl() {
        return Arrays.stream(kl).average().orElse(0);
    }

    /** The KL below which a share {@code q} of the positions lie (0.5: the median). */
    public double klQuantile(double q) {
        return kl[Math.min(kl.length - 1, (int) (q * kl.length))];
    }

    /** {@code p}'s mean top-token probability over the positions from quantile {@code q} up. */
    public double meanPTopFrom(double q) {
        return Arrays.stream(pTop, Math.min(pTop.length - 1, (int) (q * pTop.length)),
                pTop.length).average().orElse(0);
    }
}
