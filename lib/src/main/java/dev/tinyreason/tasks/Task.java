package dev.tinyreason.tasks;

import java.util.List;

/**
 * A task: numbered examples and a verifier for a model's completions (nanochat's {@code Task}:
 * {@code get_example}, {@code evaluate}, {@code reward}).
 *
 * <p>Verifiers are pure and total: {@link #verify} never throws on anything a model writes
 * ({@code null}, 10 MB of noise, unbalanced parentheses), it returns a {@link Verdict}. They
 * throw only when the <em>example</em> itself is malformed, which {@link TaskData#read} rejects
 * up front. How a completion is cut into reasoning and answer is {@link Reply}'s rule.
 *
 * <pre>
 * Task arith = Tasks.named("arith");
 * Example ex = arith.example(Split.TEST, 2, 0);            // "What is 40 + 73?"
 * arith.verify(ex, "0+3=3 | 4+7=11 c1 | 113&lt;/think&gt;113");  // CORRECT
 * arith.reward(ex, "&lt;think&gt;...&lt;/think&gt;112");             // 0.1: well-formed, wrong
 * arith.reward(ex, "one hundred and thirteen");           // 0.0: no answer
 * </pre>
 */
public interface Task {

    /** The registry name: {@code arith}, {@code word}, {@code countdown}, {@code game24}. */
    String name();

    /** The generator version written into provenance; bump it when examples change. */
    String version();

    int minDifficulty();

    int maxDifficulty();

    /** The splits this task has: all three, or only {@link Split#TEST} for evaluation-only tasks. */
    default List<Split> splits() {
        return List.of(Split.values());
    }

    /**
     * The {@code index}-th example of {@code split} at {@code difficulty}. Deterministic: the same
     * arguments give the same example on every machine. Different indices may repeat a canonical
     * form when a level has few problems (1-digit sums); {@code ./tinyreason data} skips repeats.
     */
    Example example(Split split, int difficulty, long index);

    /**
     * The {@code i}-th training example, cycling through the difficulty levels: an endless,
     * reproducible stream for browsing or for generating RL prompts on the fly (never a
     * validation or test problem).
     */
    default Example example(int i) {
        int levels = maxDifficulty() - minDifficulty() + 1;
        return example(Split.TRAIN, minDifficulty() + Math.floorMod(i, levels), Math.floorDiv(i, levels));
    }

    /**
     * The problem with its surface stripped away, so that two examples with the same canonical
     * form are the same problem (e.g. {@code 38+47} for "What is 47 + 38?"). Splits are
     * assigned by it ({@link Split#of}).
     */
    String canonical(Example example);

    /** Whether {@code answer} (already cut out of a completion) is in this task's answer format. */
    boolean parses(String answer);

    /** Grades {@code completion} against {@code example}; total in {@code completion}. */
    Verdict verify(Example example, String completion);

    /** TinyZero's tiers: 0 no answer, 0.1 well-formed but wrong, 1.0 correct. */
    default double reward(Example example, String completion) {
        return verify(example, completion).reward();
    }

    /**
     * Whether {@code completion} has the thinking format ({@link Reply#wellFormed()}) and an
     * answer this task can read: what {@code format_rate} counts.
     */
    default boolean formatOk(String completion) {
        Reply c = Reply.parse(completion);
        return c.wellFormed() && parses(c.answer());
    }
}
