package dev.tinyreason.train.sft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * NEFTune (Jain et al. 2023, "NEFTune: Noisy Embeddings Improve Instruction Finetuning"):
 * during SFT only, add uniform noise to the input embeddings,
 * {@code x + U(-m, m)} with {@code m = alpha / sqrt(T * D)} for a (B, T, D) batch, as TRL's
 * {@code neftune_noise_alpha} does. The seed document's recipe uses alpha 0.01 (chat SFT) and
 * 0.02 (thinking SFT); the paper's alphas are 5–15. Evaluation never adds noise.
 *
 * <p>The noise is drawn from a seeded {@link Random}, so a run is reproducible.
 *
 * @param alpha noise scale; 0 turns NEFTune off
 */
public record Neftune(double alpha) {

    public Neftune {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("NEFTune alpha must be 0 (off) or positive, got "
                    + alpha + ".");
        }
    }

    public static Neftune off() {
        return new Neftune(0);
    }

    public boolean on() {
        return alpha > 0;
    }

    /** Half-width of the uniform noise for embeddings of shape (B, T, D). */
    public double magnitude(long length, long dim) {
        return alpha / Math.sqrt((double) length * dim);
    }

    /** The hook that noises a (B, T, D) embedding batch, drawing from {@code rng}. */
    public UnaryOperator<NDArray> hook(Random rng) {
        if (!on()) {
            return UnaryOperator.identity();
        }
        return x -> {
            Shape s = x.getShape();                                              // (B, T, D)
            float m = (float) magnitude(s.get(1), s.get(2));
            float[] noise = new float[Math.toIntExact(s.size())];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = (rng.nextFloat() * 2 - 1) * m;
            }
            return x.add(x.getManager().create(noise, s));
        };
    }
}
