package dev.tinyreason.infer.tree;

import dev.tinyreason.tasks.Step;
import java.util.List;

/**
 * What one search did on one problem.
 *
 * @param problem     the problem
 * @param solved      whether the search reached a solved state
 * @param answer      the expression the solving path builds ({@link Problem#answer}), e.g.
 *                    {@code (8-4)*(7-1)}; null when not solved
 * @param path        the solving path; when not solved, the path the search ended on
 * @param proposeCost what the proposer's calls cost
 * @param valueCost   what the valuer's calls cost
 * @param invalid     proposals dropped as illegal moves
 * @param tree        every node the search created, root first
 */
public record SearchResult(Problem problem, boolean solved, String answer, List<Step> path,
        Cost proposeCost, Cost valueCost, int invalid, List<Node> tree) {

    public SearchResult {
        path = List.copyOf(path);
        tree = List.copyOf(tree);
    }

    /** Proposing and valuing together. */
    public Cost cost() {
        return proposeCost.plus(valueCost);
    }

    /** Proposer and valuer calls: model calls when both are model-backed. */
    public long modelCalls() {
        return cost().calls();
    }

    /**
     * The search written as a thinking completion: the path's step lines in a think block, then
     * the answer (empty when not solved), so a task's verifier grades it like any other.
     */
    public String completion() {
        StringBuilder sb = new StringBuilder("<think>\n");
        for (Step s : path) {
            sb.append(s).append('\n');
        }
        return sb.append("</think>\n\n").append(answer == null ? "" : answer).toString();
    }
}
