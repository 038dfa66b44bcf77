package dev.tinyreason.train.sft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The per-token SFT loss, from the log-probability the model gives each target token.
 *
 * <ul>
 *   <li>{@link #NLL}: cross-entropy, {@code -log p(y_t)}, TRL's default.</li>
 *   <li>{@link #DFT}: Dynamic Fine-Tuning (Wu et al. 2025, "On the Generalization of SFT: A
 *       Reinforcement Learning Perspective with Reward Rectification"), TRL's
 *       {@code loss_type="dft"}: {@code -sg(p(y_t)) * log p(y_t)}. Scaling each token's
 *       gradient by its own (detached) probability cancels the {@code 1/p} that makes
 *       cross-entropy chase tokens the model finds unlikely; the seed's stage-1 SFT uses it.</li>
 * </ul>
 */
public enum SftLoss {

    NLL {
        @Override
        public NDArray perToken(NDArray tokenLogp) {
            return tokenLogp.neg();
        }
    },
    DFT {
        @Override
        public NDArray perToken(NDArray tokenLogp) {
            return tokenLogp.exp().stopGradient().mul(tokenLogp).neg();
        }
    };

    /** Loss per target token (B, T) from log p of the target (B, T). */
    public abstract NDArray perToken(NDArray tokenLogp);

    /** The same on plain numbers: the loss of each token from its log-probability. */
    public float[] perToken(float[] tokenLogp) {
        try (NDManager m = NDManager.newBaseManager()) {
            return perToken(m.create(tokenLogp)).toFloatArray();
        }
    }

    /** The loss called {@code name} ("nll" or "dft"); the error lists both. */
    public static SftLoss named(String name) {
        for (SftLoss l : values()) {
            if (l.name().equalsIgnoreCase(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("Unknown SFT loss '" + name + "'; use nll or dft.");
    }
}
