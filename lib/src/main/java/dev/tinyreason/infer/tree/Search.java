package dev.tinyreason.infer.tree;

/**
 * A tree search over thoughts: {@link Bfs}, {@link Dfs} or {@link Mcts}, each built from a
 * {@link Proposer} and a {@link Valuer}.
 */
public interface Search {

    /** Searches for a path that solves {@code problem}. */
    SearchResult solve(Problem problem);
}
