package dev.tinyreason.train.grpo;

import dev.tinyreason.infer.FinishReason;
import dev.tinyreason.train.MetricLog;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one GRPO step logs, under TRL's metric names (the list is in {@link GrpoTrainer}'s
 * javadoc). Rollout metrics are over every group sampled in the step, the ones dynamic sampling
 * dropped included; token metrics come from the update, which saw only the kept groups.
 */
final class StepMetrics {

    private final MetricLog log;
    private final int numGenerations;

    StepMetrics(MetricLog log, int numGenerations) {
        this.log = log;
        this.numGenerations = numGenerations;
    }

    /**
     * The step's result, logged under TRL's metric names.
     *
     * @param all            every group sampled in the step
     * @param groupsTrained  how many of them the update trained on
     * @param rolloutSeconds the time spent sampling and scoring
     */
    GrpoTrainer.StepResult logged(int step, List<RolloutGroup> all, int groupsTrained,
            PolicyUpdate.Result u, double lr, double rolloutSeconds) {
        int g = numGenerations;
        long dropped = all.stream().filter(x -> Advantages.isFlat(x.rewards(), g, 0)).count();
        double[] allRewards = all.stream().flatMapToDouble(x -> Arrays.stream(x.rewards()))
                .toArray();
        double meanLength = all.stream().flatMap(x -> x.completions().stream())
                .mapToInt(c -> c.tokens().length).average().orElse(0);
        double clippedRatio = all.stream().flatMap(x -> x.completions().stream())
                .filter(c -> c.finishReason() == FinishReason.LENGTH).count()
                / (double) (all.size() * g);
        TokenMetrics metrics = u.metrics();
        GrpoTrainer.StepResult r = new GrpoTrainer.StepResult(step,
                Advantages.mean(allRewards, 0, allRewards.length),
                Advantages.std(allRewards, 0, allRewards.length),
                Advantages.fracZeroStd(allRewards, g), meanLength, clippedRatio, metrics.clipLow(),
                metrics.clipHigh(), metrics.kl(), metrics.entropy(), u.loss(), u.gradNorm(),
                groupsTrained);
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("reward", r.reward());
        row.put("reward_std", r.rewardStd());
        row.put("frac_reward_zero_std", r.fracZeroStd());
        row.put("completions/mean_length", r.meanLength());
        row.put("completions/clipped_ratio", r.clippedRatio());
        row.put("clip_ratio/low_mean", r.clipLow());
        row.put("clip_ratio/high_mean", r.clipHigh());
        row.put("kl", r.kl());
        double[] raw = all.stream().flatMapToDouble(x -> Arrays.stream(x.raw())).toArray();
        row.put("rewards/correct", Arrays.stream(raw).filter(x -> x >= 1).count()
                / (double) raw.length);
        row.put("rewards/format", Arrays.stream(raw).filter(x -> x > 0).count()
                / (double) raw.length);
        row.put("entropy", r.entropy());
        row.put("frac_groups_dropped", all.isEmpty() ? 0 : (double) dropped / all.size());
        row.put("rollouts_per_second", all.size() * g / Math.max(rolloutSeconds, 1e-9));
        row.put("ratio/max_gap", metrics.ratioGap());
        row.put(MetricLog.LOSS, r.loss());
        row.put(MetricLog.GRAD_NORM, u.gradNorm());
        row.put(MetricLog.LEARNING_RATE, lr);
        log.log(step, row);
        return r;
    }
}
