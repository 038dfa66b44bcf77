package dev.tinyreason.infer.tree;

/**
 * What proposing or valuing cost: how many times a proposer or valuer was called (each call of
 * a model-backed one is one batched model call: a {@code generate} or a forward pass), and the
 * tokens the model read and wrote. Exact proposers and valuers count their calls and no tokens.
 *
 * @param calls           proposer or valuer calls
 * @param promptTokens    tokens fed to the model as prompts (each sampled sequence pays its own)
 * @param generatedTokens tokens the model generated (stop tokens included)
 */
public record Cost(long calls, long promptTokens, long generatedTokens) {

    public static final Cost ZERO = new Cost(0, 0, 0);

    /** One call of an exact proposer or valuer: no model, no tokens. */
    public static final Cost EXACT_CALL = new Cost(1, 0, 0);

    public Cost {
        if (calls < 0 || promptTokens < 0 || generatedTokens < 0) {
            throw new IllegalArgumentException("Costs are counts, never negative, got calls="
                    + calls + ", promptTokens=" + promptTokens + ", generatedTokens="
                    + generatedTokens + ".");
        }
    }

    public Cost plus(Cost o) {
        return new Cost(calls + o.calls, promptTokens + o.promptTokens,
                generatedTokens + o.generatedTokens);
    }
}
