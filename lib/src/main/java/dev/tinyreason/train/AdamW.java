package dev.tinyreason.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.tinyreason.model.LlamaModel;
import java.util.Map;
import java.util.function.Predicate;

/**
 * AdamW (Loshchilov and Hutter 2019, Algorithm 2): Adam with weight decay applied to the
 * weights directly, not through the gradient. Matrices inside the blocks decay; RMSNorm scales
 * and embeddings do not (as in nanoGPT and the Llama recipe). Each parameter's update is one
 * fused native call (DJL's {@code Optimizer.adamW}).
 *
 * <p>One {@link #step} = clip the global gradient norm, update, zero the gradients. DJL folds
 * the bias corrections into the step size, so epsilon sits next to sqrt(v) rather than
 * sqrt(v̂): {@code w -= lr·√(1-β2ᵗ)/(1-β1ᵗ) · m / (√v + ε)} and {@code w *= 1 - lr·λ} first.
 * With ε = 1e-8 this differs from PyTorch's AdamW only where √v̂ ≈ ε.
 */
public final class AdamW {

    /**
     * Adam's own settings: the decay rates of its running mean ({@code beta1}) and running
     * mean square ({@code beta2}) of the gradient, and {@code epsilon} beside √v.
     */
    public record Settings(double beta1, double beta2, double epsilon) {

        /** The Llama and nanoGPT choice for training from scratch: β2 0.95 adapts faster. */
        public static final Settings LLAMA = new Settings(0.9, 0.95, 1e-8);

        /** PyTorch's and TRL's defaults, for fine-tuning a trained model. */
        public static final Settings TORCH = new Settings(0.9, 0.999, 1e-8);

        public Settings {
            if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("Adam's beta1 and beta2 must be in [0, 1), "
                        + "got " + beta1 + " and " + beta2 + ".");
            }
            if (!(epsilon > 0)) {
                throw new IllegalArgumentException("Adam's epsilon must be positive, got "
                        + epsilon + ".");
            }
        }
    }

    private final Optimizer decayed;
    private final Optimizer plain;
    private double currentLr;

    /** @param weightDecay λ for the block matrices (0.1 in the Llama recipe) */
    public AdamW(Settings settings, double weightDecay) {
        this(settings.beta1(), settings.beta2(), settings.epsilon(), weightDecay);
    }

    /** @param weightDecay λ for the block matrices (0.1 in the Llama recipe) */
    public AdamW(double beta1, double beta2, double epsilon, double weightDecay) {
        Tracker schedule = n -> (float) currentLr;  // the caller's schedule, set by step()
        this.decayed = Optimizer.adamW().optLearningRateTracker(schedule)
                .optBeta1((float) beta1).optBeta2((float) beta2).optEpsilon((float) epsilon)
                .optWeightDecays((float) weightDecay).build();
        this.plain = Optimizer.adamW().optLearningRateTracker(schedule)
                .optBeta1((float) beta1).optBeta2((float) beta2).optEpsilon((float) epsilon)
                .optWeightDecays(0f).build();
    }

    /** {@link Settings#LLAMA}: β = (0.9, 0.95), ε = 1e-8. */
    public static AdamW of(double weightDecay) {
        return new AdamW(Settings.LLAMA, weightDecay);
    }

    /**
     * Clips, updates and zeroes the gradients of every parameter of {@code model}.
     *
     * @param maxGradNorm clip the global L2 norm to this (≤ 0: no clipping)
     * @return the global gradient norm before clipping
     */
    public double step(LlamaModel model, double lr, double maxGradNorm) {
        return step(model.parameters(), LlamaModel::decays, model.manager(), lr, maxGradNorm);
    }

    /**
     * Clips, updates and zeroes the gradients of {@code params}, any model's trainable
     * parameters by name (TRM's too); {@code decays} says which of them get weight decay.
     *
     * @param manager     the parameters' manager (a scope for the step's temporaries)
     * @param maxGradNorm clip the global L2 norm to this (≤ 0: no clipping)
     * @return the global gradient norm before clipping
     */
    public double step(Map<String, NDArray> params, Predicate<String> decays, NDManager manager,
            double lr, double maxGradNorm) {
        currentLr = lr;
        try (NDManager scope = manager.newSubManager()) {
            NDList grads = new NDList(params.size());
            for (NDArray p : params.values()) {
                NDArray g = p.getGradient();
                g.attach(scope);  // the handle only; the gradient's storage stays with p
                grads.add(g);
            }
            double norm = clip(grads, maxGradNorm);
            if (!Double.isFinite(norm)) {
                zero(grads);
                throw new IllegalStateException("The gradient norm is " + norm + "; the loss "
                        + "diverged. Lower the learning rate (now " + lr + ").");
            }
            int i = 0;
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                Optimizer opt = decays.test(e.getKey()) ? decayed : plain;
                opt.update(e.getKey(), e.getValue(), grads.get(i++));
            }
            zero(grads);
            return norm;
        }
    }

    /**
     * Scales {@code grads} in place so their global L2 norm is at most {@code maxNorm} (≤ 0:
     * leave them) and returns the norm before scaling (Pascanu et al. 2013).
     */
    static double clip(NDList grads, double maxNorm) {
        double norm = globalNorm(grads);
        if (maxNorm > 0 && norm > maxNorm && Double.isFinite(norm)) {
            NDArray scale = grads.get(0).getManager().create((float) (maxNorm / (norm + 1e-6)));
            for (NDArray g : grads) {
                g.muli(scale);
            }
        }
        return norm;
    }

    /** sqrt(sum of squares of every gradient): one native reduction per tensor, one read. */
    static double globalNorm(NDList grads) {
        NDArray[] squares = new NDArray[grads.size()];
        for (int i = 0; i < squares.length; i++) {
            squares[i] = grads.get(i).square().sum();
        }
        return Math.sqrt(NDArrays.stack(new NDList(squares)).sum().getFloat());
    }

    private static void zero(NDList grads) {
        for (NDArray g : grads) {
            g.subi(g);
        }
    }
}
