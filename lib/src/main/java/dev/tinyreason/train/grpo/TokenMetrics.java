package dev.tinyreason.train.grpo;

/**
 * Token-level metrics of a chunk or a step: clip ratios, KL and entropy as means over
 * completion tokens, the sampler-vs-trainer ratio gap as a maximum.
 */
record TokenMetrics(double clipLow, double clipHigh, double kl, double entropy,
        double ratioGap) {
    static final TokenMetrics ZERO = new TokenMetrics(0, 0, 0, 0, 0);

    /** These plus {@code o} weighted by {@code w} (its token share); the gap is the larger. */
    TokenMetrics plus(TokenMetrics o, double w) {
        return new TokenMetrics(clipLow + w * o.clipLow, clipHigh + w * o.clipHigh,
                kl + w * o.kl, entropy + w * o.entropy, Math.max(ratioGap, o.ratioGap));
    }

    TokenMetrics withRatioGap(double gap) {
        return new TokenMetrics(clipLow, clipHigh, kl, entropy, gap);
    }
}
