package dev.tinyreason.train.grpo;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.TokenBatch;
import dev.tinyreason.tensor.Ops;
import dev.tinyreason.train.AdamW;
import dev.tinyreason.train.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * GRPO's update: μ clipped AdamW steps on one batch of rollouts and their advantages. Each
 * step runs the {@link GrpoLoss} forward and backward over the rollouts in chunks of a few
 * sequences. With μ = 1 the importance ratio is 1 and only its gradient acts; with μ &gt; 1 the
 * log-probs of the policy that sampled the rollouts are kept, so from the second step on the
 * ratio moves away from 1 and the clipping bites.
 *
 * <p>With {@code beta} &gt; 0 the KL term needs a frozen copy of the start model, which this
 * class holds and closes.
 */
final class PolicyUpdate implements AutoCloseable {

    /**
     * Sequences whose forward and backward pass run together. The kept rollouts go through in
     * chunks of this many and their gradients add up ({@code AdamW} zeroes them after the
     * update), each chunk's loss weighted so that the sum is the whole batch's loss: the
     * autograd graph then holds a few sequences instead of every rollout of the step, whose
     * activations for long Countdown rollouts outgrow a Binder-sized kernel. GrpoTrainerTest's
     * {@code aStepInChunksOfSequencesIsTheSameUpdateAsOneWholeBatch} pins that the chunks give
     * the same update.
     */
    static final int MICRO_SEQUENCES = 8;

    /** What an update did: the last pass's loss, the gradient norm, token metrics. */
    record Result(double loss, double gradNorm, TokenMetrics metrics) {
        static final Result NONE = new Result(0, 0, TokenMetrics.ZERO);
    }

    /** A backward pass's (weighted) loss and its metrics. */
    private record Backward(double loss, TokenMetrics metrics) {}

    private final LlamaModel model;
    private final LlamaModel reference;
    private final AdamW optimizer;
    private final GrpoTrainer.Config config;
    private int microSequences = MICRO_SEQUENCES;

    PolicyUpdate(LlamaModel model, GrpoTrainer.Config config) {
        this.model = model;
        this.config = config;
        this.optimizer = new AdamW(config.adam(), 0.0);
        this.reference = config.loss().beta() > 0
                ? new LlamaModel(model.config(), model.weights()) : null;
    }

    /** For tests: run {@code n} sequences per forward/backward pass. */
    void microSequences(int n) {
        this.microSequences = n;
    }

    /**
     * μ optimizer steps on the kept groups. With μ = 1 the ratio is 1 and only its gradient
     * acts; with μ &gt; 1 the log-probs of the sampling policy are kept and the clip bites.
     *
     * @param adv  one advantage per completion, group by group
     * @param lr   the learning rate of this step
     * @param step the trainer's step, for the message should the loss stop being finite
     */
    Result apply(List<RolloutGroup> kept, double[] adv, double lr, int step) {
        List<RolloutBatch> chunks = RolloutBatch.chunks(kept, microSequences,
                config.maskTruncated());
        List<float[][]> old = new ArrayList<>();
        for (RolloutBatch c : chunks) {
            old.add(config.numIterations() > 1 ? model.tokenLogProbs(c.tokens()) : null);
        }
        int mu = config.numIterations();
        double loss = 0;
        double norm = 0;
        double gap = 0;
        TokenMetrics metrics = TokenMetrics.ZERO;
        for (int it = 0; it < mu; it++) {
            Backward bw = backward(chunks, adv, old, lr, step);
            loss = bw.loss();
            if (it == 0) {
                gap = bw.metrics().ratioGap();  // before this step's first update: sampler vs trainer
            }
            norm = optimizer.step(model, lr, config.maxGradNorm());
            metrics = metrics.plus(bw.metrics(), 1.0 / mu);
        }
        return new Result(loss, norm, metrics.withRatioGap(gap));
    }

    /**
     * Forward and backward of the kept rollouts, chunk by chunk; returns the batch's loss and
     * fills the metrics (clip ratios, KL and entropy as means over all completion tokens, the
     * ratio gap as their maximum).
     *
     * @param old the sampling policy's log-probs per chunk (B, T-1) when μ &gt; 1; nulls when μ = 1
     */
    private Backward backward(List<RolloutBatch> chunks, double[] adv, List<float[][]> old,
            double lr, int step) {
        long sequences = 0;
        double tokens = 0;
        double[] chunkTokens = new double[chunks.size()];  // completion tokens in the loss
        for (int k = 0; k < chunks.size(); k++) {
            sequences += chunks.get(k).tokens().batchSize();
            for (float x : chunks.get(k).mask()) {
                chunkTokens[k] += x;
            }
            tokens += chunkTokens[k];
        }
        double loss = 0;
        TokenMetrics sums = TokenMetrics.ZERO;
        int offset = 0;
        for (int k = 0; k < chunks.size(); k++) {
            RolloutBatch c = chunks.get(k);
            int b = c.tokens().batchSize();
            double share = tokens == 0 ? 0 : chunkTokens[k] / tokens;
            // the chunk's share of the batch loss: token-level (DAPO) by tokens, else by rows
            double weight = config.loss().aggregation() == GrpoLoss.Aggregation.DAPO
                    ? share : b / (double) sequences;
            Backward part = backward(c, Arrays.copyOfRange(adv, offset, offset + b), old.get(k),
                    weight);
            loss += part.loss();
            sums = sums.plus(part.metrics(), share);
            offset += b;
        }
        Trainer.requireFinite(loss, "GRPO loss", step, lr);
        return new Backward(loss, sums);
    }

    /**
     * Forward and backward of one chunk, its loss scaled by {@code weight}; returns the scaled
     * loss and the chunk's own metrics.
     *
     * @param old the sampling policy's log-probs (B, T-1) when μ &gt; 1; null when μ = 1
     */
    private Backward backward(RolloutBatch rows, double[] adv, float[][] old, double weight) {
        TokenBatch tokens = rows.tokens();
        float[] mask = rows.mask();
        int b = tokens.batchSize();
        int t = tokens.length() - 1;
        float[] a = new float[b];
        for (int i = 0; i < b; i++) {
            a[i] = (float) adv[i];
        }
        try (NDManager scope = model.manager().newSubManager();
                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray target = Ops.ids(scope, LlamaModel.nextTokenTargets(tokens)); // (B,T-1)
            NDArray logSoftmax = model.nextTokenLogits(scope, tokens,
                    UnaryOperator.identity()).logSoftmax(2);                        // (B,T-1,V)
            NDArray logp = Ops.gatherTargets(logSoftmax, target);                 // (B,T-1)
            NDArray m = scope.create(mask, new Shape(b, t));
            NDArray ref = null;
            if (reference != null) {
                ref = reference.tokenLogProbs(scope, tokens).stopGradient();      // (B,T-1)
            }
            NDArray oldLogp = old == null ? logp : scope.create(flatten(old), new Shape(b, t));
            GrpoLoss.Result r = GrpoLoss.compute(logp, oldLogp, ref, scope.create(a), m,
                    config.maxCompletionLength(), config.loss());
            NDArray scaled = r.loss().mul((float) weight);
            gc.backward(scaled);
            NDArray entropy = Ops.entropy(logSoftmax).stopGradient();             // (B,T-1)
            double n = m.sum().getFloat();
            // |π_train / π_sampler − 1| at the completion tokens: 0 up to float rounding when
            // sampling and training compute the same distribution (same weights, temperature
            // 1, no top-k/top-p, no dropout); any mismatch would bias the clipped objective
            NDArray gap = logp.stopGradient().sub(scope.create(rows.sampled(), new Shape(b, t))).exp()
                    .sub(scope.create(1f)).abs().mul(m);
            return new Backward(scaled.getFloat(), new TokenMetrics(r.clipLowRatio(),
                    r.clipHighRatio(), r.kl(), n == 0 ? 0 : entropy.mul(m).sum().getFloat() / n,
                    n == 0 ? 0 : gap.max().getFloat()));
        }
    }

    private static float[] flatten(float[][] rows) {
        int t = rows[0].length;
        float[] out = new float[rows.length * t];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * t, t);
        }
        return out;
    }

    @Override
    public void close() {
        if (reference != null) {
            reference.close();
        }
    }
}
