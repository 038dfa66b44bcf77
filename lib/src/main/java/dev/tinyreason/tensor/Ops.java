package dev.tinyreason.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;

/**
 * The transformer's building blocks as DJL ops, each a few lines, written once for the model,
 * the trainers and the notebooks.
 *
 * <p>Memory rule: every function puts an activation (never a parameter) first, so DJL attaches
 * each result to the activation's manager, the per-step scope the library opened and closes.
 */
public final class Ops {

    /** What masked attention scores are set to: exp() of it is exactly 0, and no NaN appears. */
    public static final float MASKED = -1e9f;

    private Ops() {}

    /** A 0-dim constant, made once and reused: scalar overloads allocate a tensor per call. */
    public static NDArray constant(NDManager manager, float value) {
        return manager.create(value);
    }

    /**
     * {@code x @ weight^T}, weight stored (out, in) as in {@code torch.nn.Linear}; in bf16
     * inside an {@link Autocast} block.
     */
    public static NDArray linear(NDArray x, NDArray weight) {
        return Autocast.linear(x, weight);
    }

    /** Rows of {@code table} (vocab, D) picked by int64 {@code ids} (B, T) → (B, T, D). */
    public static NDArray embedding(NDArray ids, NDArray table) {
        return Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /**
     * RMSNorm (Zhang and Sennrich 2019, eq. 4): {@code x / sqrt(mean(x²) + eps) * weight} over
     * the last axis. {@code eps} is a 0-dim constant.
     */
    public static NDArray rmsNorm(NDArray x, NDArray weight, NDArray eps) {
        int last = x.getShape().dimension() - 1;
        NDArray meanSquare = x.square().mean(new int[] {last}, true);  // (..., 1)
        return x.div(meanSquare.add(eps).sqrt()).mul(weight);
    }

    /** SiLU (Swish-1): {@code x * sigmoid(x)}. */
    public static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    /**
     * SwiGLU feed-forward (Shazeer 2020, eq. 5): {@code down(silu(gate(x)) * up(x))}, with gate
     * and up fused into one (2F, D) matrix so that one matmul computes both.
     */
    public static NDArray swiGlu(NDArray x, NDArray gateUp, NDArray down) {
        int last = x.getShape().dimension() - 1;
        var gu = linear(x, gateUp).split(2, last);  // 2 x (..., F)
        return linear(silu(gu.get(0)).mul(gu.get(1)), down);
    }

    /**
     * Grouped-query attention (Ainslie et al. 2023) over already rotated and scaled queries.
     * The {@code numHeads / numKvHeads} query heads that share a key/value head are stacked
     * along the query axis, so keys and values are never copied per head.
     *
     * @param q    (B, H, T, hd) queries, already multiplied by 1/sqrt(hd)
     * @param k    (B, K, L, hd) keys
     * @param v    (B, K, L, hd) values
     * @param mask (B, 1, 1, T, L) additive: 0 where a query may look, {@link #MASKED} elsewhere;
     *             null when every query may see every key (one new token, no padding)
     * @return (B, T, H*hd)
     */
    public static NDArray attention(NDArray q, NDArray k, NDArray v, NDArray mask) {
        Shape qs = q.getShape();
        long b = qs.get(0);
        long h = qs.get(1);
        long t = qs.get(2);
        long hd = qs.get(3);
        long kvHeads = k.getShape().get(1);
        long keys = k.getShape().get(2);
        long g = h / kvHeads;
        NDArray grouped = q.reshape(b, kvHeads, g * t, hd);                  // (B, K, G*T, hd)
        NDArray scores = Autocast.matMul(grouped, k.transpose(0, 1, 3, 2));  // (B, K, G*T, L)
        if (mask != null) {
            scores = scores.reshape(b, kvHeads, g, t, keys).add(mask)       // (B, K, G, T, L)
                    .reshape(b, kvHeads, g * t, keys);
        }
        NDArray weights = scores.softmax(3);
        return Autocast.matMul(weights, v)                                   // (B, K, G*T, hd)
                .reshape(b, h, t, hd).transpose(0, 2, 1, 3)                  // (B, T, H, hd)
                .reshape(b, t, h * hd);
    }

    /**
     * log p(target) at every position: {@code logSoftmax(logits)} gathered at {@code targets}.
     *
     * @param logits  (B, T, V)
     * @param targets (B, T) int64
     * @return (B, T)
     */
    public static NDArray tokenLogProbs(NDArray logits, NDArray targets) {
        return gatherTargets(logits.logSoftmax(2), targets);
    }

    /**
     * Each position's entry of {@code logp} at its target: the token log-prob, for callers
     * that also need the whole distribution (entropy, accuracy).
     *
     * @param logp    (B, T, V) log-probabilities
     * @param targets (B, T) int64
     * @return (B, T)
     */
    public static NDArray gatherTargets(NDArray logp, NDArray targets) {
        return logp.gather(targets.expandDims(2), 2).squeeze(2);
    }

    /**
     * Entropy of the predicted distribution at every position, {@code -sum_v p log p} in nats.
     *
     * @param logp (B, T, V) log-probabilities
     * @return (B, T)
     */
    public static NDArray entropy(NDArray logp) {
        return logp.exp().mul(logp).sum(new int[] {2}).neg();
    }

    /** Java ids as an int64 (B, T) tensor in {@code m}. */
    public static NDArray ids(NDManager m, int[][] ids) {
        int rows = ids.length;
        int cols = rows == 0 ? 0 : ids[0].length;
        long[] flat = new long[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                flat[r * cols + c] = ids[r][c];
            }
        }
        return m.create(flat, new Shape(rows, cols));  // long[] makes an int64 tensor
    }
}
