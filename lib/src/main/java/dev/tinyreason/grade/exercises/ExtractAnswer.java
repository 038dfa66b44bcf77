package dev.tinyreason.grade.exercises;

import dev.tinyreason.tasks.Reply;

/**
 * Exercise (01_chain_of_thought): the final answer of a model's turn, the grader's rule
 * ({@code dev.tinyreason.tasks.Reply.parse}). It must never throw, whatever the model
 * wrote.
 *
 * <ol>
 *   <li>{@code null} has no answer.</li>
 *   <li>Drop everything from the first {@code <|im_end|>} or {@code <|eos|>} on.</li>
 *   <li>If {@code </think>} occurs, the answer is the text after the <em>last</em> one,
 *       stripped of whitespace.</li>
 *   <li>Otherwise, if {@code <think>} occurs, the reasoning was never closed: no answer.</li>
 *   <li>Otherwise the whole text, stripped, is a direct answer.</li>
 *   <li>An empty answer is no answer: return {@code null}.</li>
 * </ol>
 *
 * <p>Worked examples: {@code "<think>\n2+2=4\n</think>\n\n4"} → {@code "4"};
 * {@code "<think>\n7+8=15"} → {@code null}; {@code " 85 "} → {@code "85"}.
 */
@FunctionalInterface
public interface ExtractAnswer {

    String extract(String completion);

    /** The reference: the library's parser. */
    ExtractAnswer REFERENCE = c -> Reply.parse(c).answer();

    /** The starter stub in the notebook. */
    ExtractAnswer STUB = c -> "";
}
