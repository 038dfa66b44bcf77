package dev.tinyreason.tasks;

/**
 * One problem: the question the user asks, the reference answer, a worked reasoning trace, and
 * where it came from.
 *
 * <p>A model sees {@link #prompt()} as the user turn. With thinking on, its target completion is
 * {@link #thinkingCompletion()}: {@code "<think>\n" + thinkTrace + "\n</think>\n\n" + answer},
 * exactly the assistant content {@link dev.tinyreason.tokenizer.ChatTemplate} expects; with
 * thinking off it is {@link #directCompletion()}, the bare answer. Both verify as
 * {@link Verdict#CORRECT} under the example's task.
 *
 * @param prompt a self-contained question, e.g. {@code "What is 47 + 38?"}
 * @param answer the reference answer in the task's answer format, e.g. {@code "85"}
 * @param thinkTrace the reasoning a model should learn to write, without the think tags
 * @param meta difficulty and provenance
 */
public record Example(String prompt, String answer, String thinkTrace, Meta meta) {

    /**
     * Difficulty and provenance: {@code generate(difficulty, seed)} of task {@code task} at
     * generator version {@code generatorVersion} gives this example again. For the enumerated
     * {@code game24} the seed is the puzzle's index in the ranked list.
     */
    public record Meta(String task, int difficulty, String generatorVersion, long seed) {
        public Meta {
            if (task == null || task.isBlank()) {
                throw new IllegalArgumentException("meta.task must name a task, e.g. \"arith\", got " + task);
            }
            if (generatorVersion == null) {
                throw new IllegalArgumentException("meta.generatorVersion must not be null; use \"\" if unknown");
            }
        }
    }

    public Example {
        if (prompt == null || prompt.isBlank()) {
            throw new IllegalArgumentException("prompt must be a non-blank question, got " + quote(prompt));
        }
        if (answer == null || answer.isBlank()) {
            throw new IllegalArgumentException("answer must be non-blank, got " + quote(answer)
                    + " for prompt " + quote(prompt));
        }
        if (thinkTrace == null) {
            throw new IllegalArgumentException("thinkTrace must not be null; use \"\" for no trace");
        }
        if (meta == null) {
            throw new IllegalArgumentException("meta must not be null, e.g. new Example.Meta(\"arith\", 2, \"1\", 0)");
        }
    }

    /** The completion a thinking model should produce: the trace in think tags, then the answer. */
    public String thinkingCompletion() {
        return "<think>\n" + thinkTrace + "\n</think>\n\n" + answer;
    }

    /** The completion with thinking off: the answer alone. */
    public String directCompletion() {
        return answer;
    }

    public String task() {
        return meta.task();
    }

    public int difficulty() {
        return meta.difficulty();
    }

    private static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
