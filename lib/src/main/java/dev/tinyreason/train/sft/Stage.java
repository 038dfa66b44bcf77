package dev.tinyreason.train.sft;

import dev.tinyreason.tasks.TraceVariety;
import dev.tinyreason.train.TrainConfig;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The course's training pipeline, the trlm recipe at tiny scale: learn the language of the
 * tasks, then to answer in chat, then to think first.
 */
public enum Stage {

    /** Next-token on a mixed corpus of the tasks: question, worked steps, answer. */
    PRETRAIN("pretrain", Double.NaN, null, 0),
    /** Chat SFT with direct answers (thinking off), from {@code pretrain}. */
    SFT_NOTHINK("sft-nothink", 0.0, PRETRAIN, 0.01),
    /**
     * Hybrid chat SFT, from {@code pretrain}: three in four conversations think, the rest
     * answer directly, so one model answers both ways (SmolLM3 / Qwen3).
     */
    SFT_THINK("sft-think", 0.75, PRETRAIN, 0.02),
    /**
     * {@code sft-think} taught to check its answers, the start of DPO (notebook 06): the same
     * conversations, but seven in ten traces end with a verification pass
     * ({@link #VERIFY_TRACES}). A check that always says "ok" is correct but redundant, the
     * over-thinking preference optimisation learns to drop.
     */
    SFT_VERIFY("sft-verify", 0.75, SFT_THINK, 0.02),
    /**
     * The Tree-of-Thoughts model, from {@code sft-think}: on a third of its conversations it
     * learns to judge Countdown states sure / likely / impossible ({@link ValueData}, thinking
     * off), on a third to propose next steps that keep the target reachable
     * ({@link ProposeData}), and a third are Countdown traces with thinking on, so it keeps
     * its search traces. Saved as {@code checkpoints/tot}: one model proposes and values.
     */
    VALUE("value", 1.0, SFT_THINK, 0.02);

    /** The traces {@link #SFT_VERIFY} learns: the canonical path, 70% with a check. */
    public static final TraceVariety VERIFY_TRACES = new TraceVariety(1, 0.7, 0);

    private final String id;
    private final double thinkingFraction;
    private final Stage parent;
    private final double neftuneAlpha;

    Stage(String id, double thinkingFraction, Stage parent, double neftuneAlpha) {
        this.id = id;
        this.thinkingFraction = thinkingFraction;
        this.parent = parent;
        this.neftuneAlpha = neftuneAlpha;
    }

    /**
     * NEFTune noise of the stage, the seed recipe's alphas: 0.01 for chat SFT, 0.02 for
     * thinking SFT, none for pretraining.
     */
    public Neftune neftune() {
        return new Neftune(neftuneAlpha);
    }

    /**
     * Which traces the stage's training data shows unless {@code --traces} says otherwise:
     * each problem's <b>canonical</b> trace (one worked method per problem, like a textbook),
     * which every other shipped checkpoint learned; for {@link #SFT_VERIFY} the canonical
     * trace with a check in 70% of them. The course's many-paths mix
     * ({@link TraceVariety#DEFAULT}) is an option, not the default, because at this model size it
     * costs more than it gives: a base pretrained on the mix answered far fewer validation
     * problems in pretraining format, and {@code sft-think} trained on it, from
     * {@code pretrain} or continued from the shipped model, lost greedy accuracy and sampled
     * accuracy without gaining pass@k ({@code data/sft-variety/README.md} has the runs and the
     * probe's numbers).
     */
    public TraceVariety traces() {
        return this == SFT_VERIFY ? VERIFY_TRACES : TraceVariety.NONE;
    }

    /** The command-line name. */
    public String id() {
        return id;
    }

    /**
     * The checkpoint folder's name: the stage's name, except {@code tot} for {@link #VALUE}
     * (the model it makes both proposes and values, the whole of Tree-of-Thoughts).
     */
    public String checkpointName() {
        return this == VALUE ? "tot" : id;
    }

    /**
     * Share of conversations with thinking on (NaN for pretraining, which has no chat); for
     * {@link #VALUE}, of its Countdown traces (its value questions are always thinking off).
     */
    public double thinkingFraction() {
        return thinkingFraction;
    }

    /** The stage whose checkpoint this one starts from, or null. */
    public Stage parent() {
        return parent;
    }

    public boolean isSft() {
        return parent != null;
    }

    /**
     * Optimizer settings for a run of {@code maxSteps}: pretraining at lr 3e-3 (the tiny
     * models' default), SFT at 1e-3 (a third: it refines rather than learns from scratch), the
     * value and verify stages at 3e-4 (a third again: each adds a skill to a finished model
     * that must keep the old ones); 16 sequences per step, 5% warmup, cosine to a tenth.
     */
    public TrainConfig trainConfig(int maxSteps, long seed) {
        double lr = this == VALUE || this == SFT_VERIFY ? 3e-4 : isSft() ? 1e-3 : 3e-3;
        return TrainConfig.pretraining(maxSteps).withLearningRate(lr)
                .withSteps(Math.max(1, maxSteps / 20), maxSteps).withSeed(seed);
    }

    /** The stage called {@code name}; the error lists the names. */
    public static Stage named(String name) {
        for (Stage s : values()) {
            if (s.id.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown stage '" + name + "'. Stages: "
                + Arrays.stream(values()).map(Stage::id).collect(Collectors.joining(", "))
                + ".");
    }
}
