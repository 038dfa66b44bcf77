package dev.tinyreason.grade.exercises;

import dev.tinyreason.infer.Scoreboard.Entry;
import java.util.List;

/**
 * Exercise (08_scoreboard): which methods are worth their compute.
 *
 * <p>Each {@link Entry} is a method with its mean tokens per problem and its accuracy. Return
 * the names of the entries that no other entry dominates, cheapest first (equal tokens: input
 * order). Entry {@code f} dominates {@code e} when {@code f.tokens() <= e.tokens()} and
 * {@code f.accuracy() >= e.accuracy()}, and at least one of the two is strict. Exact
 * duplicates do not dominate each other, so both stay.
 *
 * <p>Worked example: {@code (direct, 5, 0.40)}, {@code (cot, 110, 0.62)},
 * {@code (sc, 580, 0.60)}, {@code (mcts, 1400, 0.87)}: sc is dominated by cot (fewer tokens,
 * higher accuracy), so the front is {@code [direct, cot, mcts]}.
 */
@FunctionalInterface
public interface ParetoFront {

    List<String> front(List<Entry> entries);

    /** The reference: the library's {@code Scoreboard.paretoFront}. */
    ParetoFront REFERENCE = entries -> dev.tinyreason.infer.Scoreboard.paretoFront(entries)
            .stream().map(Entry::name).toList();

    /** The starter stub in the notebook. */
    ParetoFront STUB = entries -> List.of();
}
