package dev.tinyreason.infer.tree;

import dev.tinyreason.tasks.Expression;
import dev.tinyreason.tasks.Step;
import java.util.List;

/** One search's calls to its proposer and valuer, with what they cost; then its result. */
final class Ledger {

    private final Problem problem;
    private final Proposer proposer;
    private final Valuer valuer;
    private Cost proposeCost = Cost.ZERO;
    private Cost valueCost = Cost.ZERO;
    private int invalid;

    Ledger(Problem problem, Proposer proposer, Valuer valuer) {
        this.problem = problem;
        this.proposer = proposer;
        this.valuer = valuer;
    }

    Proposer.Proposed propose(List<List<Step>> paths) {
        Proposer.Proposed p = proposer.propose(problem, paths);
        if (p.proposals().size() != paths.size()) {
            throw new IllegalStateException(proposer + " returned " + p.proposals().size()
                    + " proposal lists for " + paths.size() + " paths; it must return one each.");
        }
        proposeCost = proposeCost.plus(p.cost());
        invalid += p.invalid();
        return p;
    }

    double[] value(List<List<Step>> paths) {
        Valuer.Valued v = valuer.value(problem, paths);
        if (v.values().length != paths.size()) {
            throw new IllegalStateException(valuer + " returned " + v.values().length
                    + " values for " + paths.size() + " paths; it must return one each.");
        }
        valueCost = valueCost.plus(v.cost());
        return v.values();
    }

    /** The result that ends at node {@code id}: solved if its state is. */
    SearchResult result(SearchTree tree, int id) {
        List<Step> path = tree.path(id);
        boolean solved = problem.isSolved(tree.state(id));
        Expression answer = solved ? problem.answer(path) : null;
        return new SearchResult(problem, solved, answer == null ? null : answer.toString(), path,
                proposeCost, valueCost, invalid, tree.nodes());
    }
}
