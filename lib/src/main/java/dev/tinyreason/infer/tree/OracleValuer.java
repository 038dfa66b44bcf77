package dev.tinyreason.infer.tree;

import dev.tinyreason.tasks.Rational;
import dev.tinyreason.tasks.Step;
import java.util.List;

/**
 * The exact judgement of each state ({@link Judgement#of}, by exhaustive search), no model: a
 * perfect value model, for tests and as an upper bound on what a learned one could do.
 */
public final class OracleValuer implements Valuer {

    @Override
    public Valued value(Problem problem, List<List<Step>> paths) {
        double[] v = new double[paths.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Judgement.of(problem.state(paths.get(i)), Rational.of(problem.target()),
                    problem.rules()).weight();
        }
        return new Valued(v, Cost.EXACT_CALL);
    }

    @Override
    public String toString() {
        return "OracleValuer";
    }
}
