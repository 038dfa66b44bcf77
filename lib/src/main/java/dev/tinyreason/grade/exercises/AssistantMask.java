package dev.tinyreason.grade.exercises;

/**
 * Exercise (05_sft): TRL's {@code assistant_only_loss} mask for a ChatML conversation.
 *
 * <p>{@code mask[t]} is true when token t is a training target: a token of an assistant turn's
 * content — after the turn's header — up to and including the {@code <|im_end|>} that closes
 * it. A turn is {@code imStart}, the role's header ids, the content, {@code imEnd}. Everything
 * else is false: system and user turns, headers, the newline between turns. There may be
 * several assistant turns; one cut off before its {@code imEnd} is trained to the end.
 *
 * <p>Worked example, with {@code imStart = 6}, {@code imEnd = 7}, user header {@code [30, 9]},
 * assistant header {@code [31, 9]}:
 * <pre>
 * ids:  6 30 9 12 13 7 9 | 6 31 9 20 21 7 9
 * mask: F  F F  F  F F F | F  F F  T  T T F
 * </pre>
 */
@FunctionalInterface
public interface AssistantMask {

    boolean[] mask(int[] ids, int imStart, int imEnd, int[] assistantHeader);

    /** The reference. */
    AssistantMask REFERENCE = (ids, imStart, imEnd, header) -> {
        boolean[] mask = new boolean[ids.length];
        int t = 0;
        while (t < ids.length) {
            if (ids[t] == imStart && startsAt(ids, t + 1, header)) {
                int k = t + 1 + header.length;
                while (k < ids.length) {
                    mask[k] = true;
                    if (ids[k++] == imEnd) {
                        break;
                    }
                }
                t = k;
            } else {
                t++;
            }
        }
        return mask;
    };

    /** The starter stub in the notebook (nothing is trained). */
    AssistantMask STUB = (ids, imStart, imEnd, header) -> new boolean[ids.length];

    /** Whether {@code ids} holds {@code part} from index {@code at}. */
    private static boolean startsAt(int[] ids, int at, int[] part) {
        if (at + part.length > ids.length) {
            return false;
        }
        for (int i = 0; i < part.length; i++) {
            if (ids[at + i] != part[i]) {
                return false;
            }
        }
        return true;
    }
}
