package dev.tinyreason.infer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several methods scored on the same problems, in the order they were added: one row each
 * (success with its standard error, model calls and generated tokens per problem) and each
 * method against a baseline, paired ({@link Scoreboard#paired(Evaluation, Evaluation)}).
 * Notebook 03's scoreboard.
 */
public final class MethodTable {

    /**
     * One method's row.
     *
     * @param modelCallsPerProblem batched model calls per problem (one for a method that makes
     *                             one {@code generate} call per problem, however many samples)
     * @param tokensPerProblem     generated tokens per problem
     */
    public record Row(String method, double success, double standardError,
            double modelCallsPerProblem, double tokensPerProblem) {}

    /**
     * One method against the baseline on the same problems.
     *
     * @param difference    success minus the baseline's, paired
     * @param standardError of that difference, paired
     * @param onlyMethod    problems this method solved and the baseline did not
     * @param onlyBaseline  problems the baseline solved and this method did not
     * @param tokenRatio    this method's generated tokens over the baseline's
     */
    public record VersusBaseline(String method, double success, double difference,
            double standardError, int onlyMethod, int onlyBaseline, double tokenRatio) {}

    private final Map<String, Evaluation> evaluations = new LinkedHashMap<>();
    private final Map<String, Long> calls = new LinkedHashMap<>();

    /**
     * Adds a method's evaluation and the model calls it made over all its problems. Every
     * method must run on the same problems, in the same order, as the first one added.
     */
    public MethodTable add(String method, Evaluation evaluation, long modelCalls) {
        if (evaluations.containsKey(method)) {
            throw new IllegalArgumentException("The table already has a method named '"
                    + method + "'. Fix: give each method its own name.");
        }
        if (!evaluations.isEmpty()) {
            Scoreboard.requireSameProblems(evaluation, evaluations.values().iterator().next());
        }
        evaluations.put(method, evaluation);
        calls.put(method, modelCalls);
        return this;
    }

    /** As {@link #add(String, Evaluation, long)} for a method that makes one call a problem. */
    public MethodTable add(String method, Evaluation evaluation) {
        return add(method, evaluation, evaluation.n());
    }

    /** A method's evaluation; the names are those given to {@link #add}. */
    public Evaluation evaluation(String method) {
        Evaluation e = evaluations.get(method);
        if (e == null) {
            throw new IllegalArgumentException("No method named '" + method + "'; the table has "
                    + evaluations.keySet() + ".");
        }
        return e;
    }

    /** One row per method, in the order added. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        evaluations.forEach((name, e) -> rows.add(new Row(name, e.accuracy(),
                Scoreboard.standardError(e.accuracy(), e.n()), calls.get(name) / (double) e.n(),
                e.generatedTokens() / (double) e.n())));
        return rows;
    }

    /** Every method against {@code baseline}, paired on the same problems (its own row: 0). */
    public List<VersusBaseline> against(String baseline) {
        Evaluation base = evaluation(baseline);
        List<VersusBaseline> out = new ArrayList<>();
        evaluations.forEach((name, e) -> {
            Scoreboard.Paired p = Scoreboard.paired(e, base);
            out.add(new VersusBaseline(name, e.accuracy(), p.difference(), p.standardError(),
                    p.onlyFirst(), p.onlySecond(), e.generatedTokens()
                            / (double) Math.max(1, base.generatedTokens())));
        });
        return out;
    }
}
