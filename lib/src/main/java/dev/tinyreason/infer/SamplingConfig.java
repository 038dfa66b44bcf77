package dev.tinyreason.infer;

import dev.tinyreason.model.GenerationConfig;
import dev.tinyreason.tokenizer.SpecialTokens;
import java.util.Arrays;

/**
 * How to pick each next token (Holtzman et al. 2020, "The Curious Case of Neural Text
 * Degeneration", for top-p; Fan et al. 2018 for top-k).
 *
 * @param temperature  divides the logits; 0 means greedy (always the most likely token)
 * @param topK         keep only the k most likely tokens (0 = keep all)
 * @param topP         then keep the smallest most-likely set whose probability reaches p (1 = all)
 * @param maxNewTokens stop after this many generated tokens (finish reason "length")
 * @param stopTokens   stop after generating any of these (finish reason "stop")
 * @param seed         sequence i of a batch draws from {@code new Random(seed + i)}
 */
public record SamplingConfig(double temperature, int topK, double topP, int maxNewTokens,
        int[] stopTokens, long seed) {

    public SamplingConfig {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be 0 (greedy) or positive, got "
                    + temperature + ".");
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be 0 (off) or positive, got " + topK
                    + ".");
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], got " + topP + ".");
        }
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("maxNewTokens must be at least 1, got "
                    + maxNewTokens + ".");
        }
        stopTokens = stopTokens.clone();
    }

    private static final int[] DEFAULT_STOPS = {SpecialTokens.EOS, SpecialTokens.IM_END};

    /** Always the most likely token; stops at EOS or end of turn. */
    public static SamplingConfig greedy(int maxNewTokens) {
        return new SamplingConfig(0, 0, 1, maxNewTokens, DEFAULT_STOPS, 0);
    }

    /** Plain temperature sampling; stops at EOS or end of turn. */
    public static SamplingConfig sampled(double temperature, int maxNewTokens, long seed) {
        return new SamplingConfig(temperature, 0, 1, maxNewTokens, DEFAULT_STOPS, seed);
    }

    /** A checkpoint's defaults (its generation_config.json). */
    public static SamplingConfig from(GenerationConfig g, long seed) {
        return new SamplingConfig(g.temperature(), g.topK(), g.topP(), g.maxNewTokens(),
                g.eosTokenIds(), seed);
    }

    public boolean greedy() {
        return temperature == 0;
    }

    public boolean isStop(int token) {
        for (int s : stopTokens) {
            if (s == token) {
                return true;
            }
        }
        return false;
    }

    public SamplingConfig withTemperature(double t) {
        return new SamplingConfig(t, topK, topP, maxNewTokens, stopTokens, seed);
    }

    public SamplingConfig withTopK(int k) {
        return new SamplingConfig(temperature, k, topP, maxNewTokens, stopTokens, seed);
    }

    public SamplingConfig withTopP(double p) {
        return new SamplingConfig(temperature, topK, p, maxNewTokens, stopTokens, seed);
    }

    public SamplingConfig withMaxNewTokens(int n) {
        return new SamplingConfig(temperature, topK, topP, n, stopTokens, seed);
    }

    public SamplingConfig withStopTokens(int... ids) {
        return new SamplingConfig(temperature, topK, topP, maxNewTokens, ids, seed);
    }

    public SamplingConfig withSeed(long s) {
        return new SamplingConfig(temperature, topK, topP, maxNewTokens, stopTokens, s);
    }

    @Override
    public String toString() {
        return "SamplingConfig[temperature=" + temperature + ", topK=" + topK + ", topP=" + topP
                + ", maxNewTokens=" + maxNewTokens + ", stopTokens="
                + Arrays.toString(stopTokens) + ", seed=" + seed + "]";
    }
}
