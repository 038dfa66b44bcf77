package dev.tinyreason.infer.tree;

import dev.tinyreason.tasks.CountdownSearch;
import dev.tinyreason.tasks.Rational;
import dev.tinyreason.tasks.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every legal next step ({@link CountdownSearch#nextSteps}), no model: the proposer of a
 * textbook search, for tests and for seeing what a search does with perfect proposals. Steps
 * that lead to the same state ({@code 2 + 2} and {@code 2 * 2}) are proposed once.
 */
public final class ExactProposer implements Proposer {

    @Override
    public Proposed propose(Problem problem, List<List<Step>> paths) {
        List<List<Proposal>> out = new ArrayList<>(paths.size());
        for (List<Step> path : paths) {
            Map<List<Rational>, Proposal> byState = new LinkedHashMap<>();
            for (Step s : CountdownSearch.nextSteps(problem.state(path), problem.rules())) {
                byState.putIfAbsent(s.left(), new Proposal(s, 1, 0));
            }
            out.add(new ArrayList<>(byState.values()));
        }
        return new Proposed(out, 0, Cost.EXACT_CALL);
    }

    @Override
    public String toString() {
        return "ExactProposer";
    }
}
