package dev.tinyreason.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.tinyreason.tensor.Ops;
import dev.tinyreason.tensor.Rope;

/**
 * One pre-norm decoder block (Llama): {@code x + attention(norm(x))}, then
 * {@code x + swiGlu(norm(x))}. Holds references to its parameters; {@link LlamaModel} owns
 * them. Queries, keys and values come out of one fused (q + 2·kv, D) matrix, and gate and up
 * out of one (2F, D) matrix: fewer, larger matmuls.
 *
 * <p>Shapes: B batch, T new tokens, L keys visible (T, or the cache length), D hidden,
 * H query heads, K key/value heads, hd head width.
 */
record DecoderLayer(ModelConfig config, NDArray inputNorm, NDArray qkv, NDArray qNorm,
        NDArray kNorm, NDArray o, NDArray postNorm, NDArray gateUp, NDArray down) {

    /**
     * RoPE rows for the batch's positions, (B, T, H+K, hd) each: one table for the query and key
     * heads together, the query heads' rows already multiplied by 1/sqrt(hd).
     */
    record RopeRows(NDArray cos, NDArray sinSigned) {}

    /**
     * @param x     (B, T, D) residual stream
     * @param mask  (B, 1, 1, T, L) additive attention mask, or null when nothing is masked
     * @param cache where to store this layer's keys and values (null when training)
     * @return (B, T, D)
     */
    NDArray forward(NDArray x, RopeRows rope, NDArray mask, NDArray eps, KvCache cache,
            int layer) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        int h = config.numHeads();
        int k = config.numKvHeads();
        int hd = config.headDim();
        NDArray normed = Ops.rmsNorm(x, inputNorm, eps);
        NDList qkvParts = Ops.linear(normed, qkv).reshape(b, t, h + 2L * k, hd)
                .split(new long[] {h + k}, 2);                  // (B, T, H+K, hd), (B, T, K, hd)
        NDArray qk = qkvParts.get(0);
        if (config.qkNorm()) {
            NDList split = qk.split(new long[] {h}, 2);
            qk = Ops.rmsNorm(split.get(0), qNorm, eps)
                    .concat(Ops.rmsNorm(split.get(1), kNorm, eps), 2);
        }
        NDList rotated = Rope.apply(qk, rope.cos(), rope.sinSigned()).split(new long[] {h}, 2);
        NDArray q = rotated.get(0).transpose(0, 2, 1, 3);                       // (B, H, T, hd)
        NDArray key = rotated.get(1).transpose(0, 2, 1, 3);                     // (B, K, T, hd)
        NDArray value = qkvParts.get(1).transpose(0, 2, 1, 3);                  // (B, K, T, hd)
        if (cache != null) {
            NDList kv = cache.append(layer, key, value, x.getManager());        // (B, K, L, hd)
            key = kv.get(0);
            value = kv.get(1);
        }
        NDArray attended = Ops.attention(q, key, value, mask);                  // (B, T, H*hd)
        x = x.add(Ops.linear(attended, o));
        return x.add(Ops.swiGlu(Ops.rmsNorm(x, postNorm, eps), gateUp, down));
    }
}
