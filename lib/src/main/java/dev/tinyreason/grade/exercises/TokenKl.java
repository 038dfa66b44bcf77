package dev.tinyreason.grade.exercises;

/**
 * Exercise (09_ship_it): how far one token's distribution moved, as KL divergence.
 *
 * <p>Given the logits of the fp32 model ({@code p}) and of its 8-bit copy ({@code q}) at one
 * position, return {@code KL(p ‖ q) = Σ_i p_i (log p_i − log q_i)} in nats, where
 * {@code p = softmax(logitsP)} and {@code q = softmax(logitsQ)}. Compute the log-probabilities
 * stably (subtract the largest logit before {@code exp}). Logits of different lengths are an
 * {@link IllegalArgumentException}.
 *
 * <p>Worked example: {@code logitsP = [0, 0]} (p = ½, ½), {@code logitsQ = [ln 3, 0]}
 * (q = ¾, ¼): KL = ½ ln(½ / ¾) + ½ ln(½ / ¼) = ½ ln(4/3) ≈ 0.1438.
 */
@FunctionalInterface
public interface TokenKl {

    double kl(float[] logitsP, float[] logitsQ);

    /** The reference: the library's {@code Sampling.klDivergence}. */
    TokenKl REFERENCE = dev.tinyreason.infer.Sampling::klDivergence;

    /** The starter stub in the notebook. */
    TokenKl STUB = (p, q) -> -1;
}
