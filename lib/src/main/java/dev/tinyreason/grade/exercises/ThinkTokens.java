package dev.tinyreason.grade.exercises;

/**
 * Exercise (01_chain_of_thought): how many tokens a model spent thinking — the cost side of
 * chain-of-thought — from the ids of its assistant turn.
 *
 * <ol>
 *   <li>A leading {@code think} id (the opening {@code <think>}) is skipped: the generation
 *       prompt may or may not include it.</li>
 *   <li>Count the ids from there up to, not including, the first {@code endThink}.</li>
 *   <li>If a {@code stop} id ({@code <|im_end|>}) comes before any {@code endThink}, the
 *       model stopped without closing its reasoning: count up to the stop.</li>
 *   <li>If neither comes, everything counted was thinking.</li>
 * </ol>
 *
 * <p>Worked examples with {@code think = 4, endThink = 5, stop = 7}:
 * {@code [4, 10, 11, 5, 12, 7]} → 2; {@code [10, 11, 12, 5, 13]} → 3; {@code [10, 11, 7, 5]}
 * → 2; {@code [4, 5, 12]} → 0.
 */
@FunctionalInterface
public interface ThinkTokens {

    int count(int[] ids, int think, int endThink, int stop);

    /** The reference. */
    ThinkTokens REFERENCE = (ids, think, endThink, stop) -> {
        int from = ids.length > 0 && ids[0] == think ? 1 : 0;
        int t = from;
        while (t < ids.length && ids[t] != endThink && ids[t] != stop) {
            t++;
        }
        return t - from;
    };

    /** The starter stub in the notebook. */
    ThinkTokens STUB = (ids, think, endThink, stop) -> -1;
}
