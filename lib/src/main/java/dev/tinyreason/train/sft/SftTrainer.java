package dev.tinyreason.train.sft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.tinyreason.model.Checkpoint;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.TokenBatch;
import dev.tinyreason.tensor.Ops;
import dev.tinyreason.tokenizer.Tokenizer;
import dev.tinyreason.train.MetricLog;
import dev.tinyreason.train.TrainConfig;
import dev.tinyreason.train.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The SFT loop (TRL's {@code SFTTrainer} at tiny scale): masked next-token cross-entropy, one
 * clipped AdamW step per {@code gradientAccumulationSteps} micro-batches on the warmup + cosine
 * schedule, logging TRL's keys {@code loss}, {@code mean_token_accuracy} (argmax = target on the
 * trained tokens), {@code entropy} (of the predicted distribution on the same tokens),
 * {@code num_tokens}, {@code grad_norm}, {@code learning_rate}. With an all-true mask it is
 * plain pretraining, so every stage of the pipeline runs through it.
 *
 * <p>It is {@link Trainer}, the course's one loop, with SFT's {@linkplain #objective
 * objective}: the {@link SftLoss} ({@code nll} or {@code dft}), {@link Neftune} noise on the
 * input embeddings, and the token accuracy and entropy that need the logits.
 */
public final class SftTrainer {

    /** What one optimizer step did. */
    public record StepResult(int step, double loss, double meanTokenAccuracy, double entropy,
            double gradNorm, double learningRate, long numTokens, double seconds) {

        /** A short line for a progress bar. */
        public String summary() {
            return String.format(java.util.Locale.ROOT, "loss %.4f · acc %.3f · lr %.2e", loss,
                    meanTokenAccuracy, learningRate);
        }
    }

    private final Trainer loop;

    /** Cross-entropy, no NEFTune. */
    public SftTrainer(LlamaModel model, TrainConfig config) {
        this(model, config, SftLoss.NLL, Neftune.off());
    }

    public SftTrainer(LlamaModel model, TrainConfig config, SftLoss loss, Neftune neftune) {
        this.loop = new Trainer(model, config, objective(loss, neftune, new Random(~config.seed())),
                new MetricLog());
    }

    private SftTrainer(Trainer loop) {
        this.loop = loop;
    }

    /**
     * A trainer that continues a run whose metric log is {@code log}: it starts at the log's
     * last step, with the token count where it stopped, and a data order seeded by both.
     */
    public static SftTrainer resume(LlamaModel model, TrainConfig config, MetricLog log) {
        return resume(model, config, log, SftLoss.NLL, Neftune.off());
    }

    /** As {@link #resume(LlamaModel, TrainConfig, MetricLog)}, with a loss and NEFTune. */
    public static SftTrainer resume(LlamaModel model, TrainConfig config, MetricLog log,
            SftLoss loss, Neftune neftune) {
        int step = Trainer.lastStep(log);
        return new SftTrainer(Trainer.resume(model, config, objective(loss, neftune,
                new Random(~(config.seed() * 31 + step))), log));
    }

    /**
     * SFT's objective: {@code loss} on the target tokens' log-probs (NEFTune's noise, drawn
     * from {@code noise}, added to the embeddings), with {@code mean_token_accuracy} (argmax =
     * target) and {@code entropy} of the predicted distribution on the same tokens.
     */
    static Trainer.Objective objective(SftLoss loss, Neftune neftune, Random noise) {
        java.util.Objects.requireNonNull(loss, "loss");
        java.util.Objects.requireNonNull(neftune, "neftune");
        return (scope, model, mb, weight) -> {
            Scored sc = score(scope, model, mb, neftune.hook(noise), weight);
            NDArray objective = loss.perToken(sc.tokenLogp()).mul(sc.weights()).sum();
            NDArray entropy = Ops.entropy(sc.logp());                               // (B,T-1)
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put(MetricLog.MEAN_TOKEN_ACCURACY,
                    (double) sc.hits().mul(sc.weights()).sum().getFloat());
            metrics.put("entropy", (double) entropy.mul(sc.weights()).sum().getFloat());
            return new Trainer.Terms(objective, metrics);
        };
    }

    /**
     * Moves the end of the cosine to {@code maxSteps} (warmup unchanged), keeping AdamW's state:
     * how a time-budgeted run re-plans when the machine turns out faster or slower.
     */
    public void replan(int maxSteps) {
        loop.replan(maxSteps);
    }

    /** The step at which the cosine reaches its floor. */
    public int plannedSteps() {
        return loop.plannedSteps();
    }

    public LlamaModel model() {
        return loop.model();
    }

    public MetricLog log() {
        return loop.log();
    }

    public int stepsDone() {
        return loop.stepsDone();
    }

    /** Saves model, tokenizer and metric log as a checkpoint folder (see {@link Checkpoint}). */
    public void saveCheckpoint(Path dir, Tokenizer tokenizer) {
        loop.saveCheckpoint(dir, tokenizer);
    }

    /** One optimizer step over {@code microBatches}, their gradients summed. */
    public StepResult step(List<Trainer.Batch> microBatches) {
        return result(loop.step(microBatches));
    }

    /** One step on {@code gradientAccumulationSteps} batches of {@code batchSize} from data. */
    public StepResult step(Trainer.BatchSource data) {
        return result(loop.step(data));
    }

    private static StepResult result(Trainer.StepResult r) {
        return new StepResult(r.step(), r.loss(), r.metrics().get(MetricLog.MEAN_TOKEN_ACCURACY),
                r.metrics().get("entropy"), r.gradNorm(), r.learningRate(), r.tokens(),
                r.seconds());
    }

    /** Runs {@code steps} optimizer steps, calling {@code onStep} after each (may be null). */
    public List<StepResult> train(Trainer.BatchSource data, int steps,
            Consumer<StepResult> onStep) {
        List<StepResult> results = new ArrayList<>(steps);
        loop.train(data, steps, r -> {
            StepResult s = result(r);
            results.add(s);
            if (onStep != null) {
                onStep.accept(s);
            }
        });
        return results;
    }

    /**
     * What {@link #timed} measured: trained (assistant) tokens per second over the timed steps,
     * and the loss of the first and of the last of them.
     */
    public record Timed(int steps, double trainedTokensPerSecond, double firstLoss,
            double lastLoss) {}

    /**
     * Trains {@code warmup} steps untimed (native kernels and the allocator settle), then
     * {@code steps} timed ones: how notebook 05 compares precisions on the same batches.
     */
    public Timed timed(Trainer.BatchSource data, int warmup, int steps) {
        if (warmup < 0 || steps < 1) {
            throw new IllegalArgumentException("timed needs warmup >= 0 and steps >= 1, got "
                    + warmup + " and " + steps + ".");
        }
        train(data, warmup, null);
        double before = loop.log().last(MetricLog.NUM_TOKENS);    // cumulative, as in TRL
        double tokens0 = Double.isNaN(before) ? 0 : before;
        long t0 = System.nanoTime();
        List<StepResult> r = train(data, steps, null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double tokens = loop.log().last(MetricLog.NUM_TOKENS) - tokens0;
        return new Timed(steps, tokens / seconds, r.get(0).loss(), r.get(r.size() - 1).loss());
    }

    /** Cross-entropy and token accuracy on held-out conversations, over trained tokens. */
    public record HeldOutScore(double loss, double meanTokenAccuracy, long tokens) {}

    /**
     * Mean cross-entropy and mean token accuracy of {@code model} on {@code conversations}
     * (their loss masks), without gradients or noise: the eval numbers of an SFT run.
     */
    public static HeldOutScore evaluate(LlamaModel model, List<Conversation> conversations) {
        List<Conversation> sorted = new SftBatches(conversations, Integer.MAX_VALUE)
                .conversations();  // by length: little padding per batch
        double nll = 0;
        double hits = 0;
        long n = 0;
        for (int from = 0; from < sorted.size(); from += 16) {
            Trainer.Batch mb = SftBatches.batch(sorted.subList(from, Math.min(sorted.size(),
                    from + 16)), Integer.MAX_VALUE);
            try (NDManager scope = model.manager().newSubManager()) {
                Scored sc = score(scope, model, mb, UnaryOperator.identity(), 1f);
                nll -= sc.tokenLogp().mul(sc.weights()).sum().getFloat();
                hits += sc.hits().mul(sc.weights()).sum().getFloat();
            }
            n += mb.targets();
        }
        if (n == 0) {
            throw new IllegalArgumentException("These conversations mark no token to predict; "
                    + "check their loss masks.");
        }
        return new HeldOutScore(nll / n, hits / n, n);
    }

    /**
     * One micro-batch scored: next-token log-probs (B, T-1, V), the target's log-prob and
     * whether the argmax hit it (B, T-1), and {@code weight} on each prediction that counts
     * (a real target in the loss mask), 0 elsewhere.
     */
    private record Scored(NDArray logp, NDArray tokenLogp, NDArray hits, NDArray weights) {}

    private static Scored score(NDManager scope, LlamaModel model, Trainer.Batch mb,
            UnaryOperator<NDArray> afterEmbedding, float weight) {
        TokenBatch tokens = mb.tokens();
        NDArray logits = model.nextTokenLogits(scope, tokens, afterEmbedding);   // (B,T-1,V)
        NDArray logp = logits.logSoftmax(2);                                     // (B,T-1,V)
        NDArray target = Ops.ids(scope, LlamaModel.nextTokenTargets(tokens));    // (B,T-1)
        NDArray tokenLogp = Ops.gatherTargets(logp, target);                    // (B,T-1)
        NDArray hits = logits.argMax(2).eq(target).toType(DataType.FLOAT32, false);
        return new Scored(logp, tokenLogp, hits, mb.weights(scope, weight));
    }
}
