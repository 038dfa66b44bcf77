package dev.tinyreason.infer.tree;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.tinyreason.infer.Evaluation;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.Reply;
import dev.tinyreason.tasks.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A tree search scored on a list of puzzles, on the same scoreboard as CoT and
 * self-consistency ({@link Evaluation}): each search's path and answer are written as a
 * thinking completion ({@link SearchResult#completion()}) and graded by the task's own
 * verifier, so a search's answer counts only if the verifier accepts it.
 *
 * <pre>{@code
 * Search bfs = new Bfs(new ModelProposer(model, tok, 8, 1.0, 0),
 *         new JudgeValuer(model, tok, 3, 0.7, 0), 5);
 * TreeOfThoughts.Scored s = TreeOfThoughts.evaluate(new Game24(), Game24.hardest(100),
 *         bfs, "tot-bfs");
 * System.out.println(s.toJsonLine());   // accuracy, tokens and model calls
 * }</pre>
 */
public final class TreeOfThoughts {

    private TreeOfThoughts() {}

    /**
     * The scoreboard entry, each search's result (for drawing trees) and the model calls.
     *
     * @param evaluation prompt tokens are every token the proposer and valuer fed the model;
     *                   a problem's completion tokens are all the tokens its search generated
     * @param results    one per problem, in input order
     */
    public record Scored(Evaluation evaluation, List<SearchResult> results) {

        public Scored {
            results = List.copyOf(results);
        }

        /** Proposer and valuer calls over all problems. */
        public long modelCalls() {
            return results.stream().mapToLong(SearchResult::modelCalls).sum();
        }

        /** The evaluation's JSON with {@code model_calls} and {@code mean_model_calls}. */
        public JsonObject toJson() {
            JsonObject o = evaluation.toJson();
            o.addProperty("model_calls", modelCalls());
            o.addProperty("mean_model_calls", results.isEmpty() ? 0
                    : Math.round(100.0 * modelCalls() / results.size()) / 100.0);
            return o;
        }

        public String toJsonLine() {
            return new GsonBuilder().disableHtmlEscaping().create().toJson(toJson());
        }
    }

    /** Runs {@code search} on every problem. */
    public static Scored evaluate(Task task, List<Example> problems, Search search,
            String method) {
        return evaluate(task, problems, search, method, null);
    }

    /** As {@link #evaluate(Task, List, Search, String)}, telling {@code onResult} each result. */
    public static Scored evaluate(Task task, List<Example> problems, Search search,
            String method, Consumer<SearchResult> onResult) {
        List<Evaluation.Graded> graded = new ArrayList<>(problems.size());
        List<SearchResult> results = new ArrayList<>(problems.size());
        long promptTokens = 0;
        long generated = 0;
        for (Example e : problems) {
            SearchResult r = search.solve(Problem.of(e));
            String turn = r.completion();
            String answer = Reply.parse(turn).answer();
            graded.add(new Evaluation.Graded(e, turn, answer, task.verify(e, turn).correct(),
                    task.formatOk(turn), (int) r.cost().generatedTokens(), null));
            results.add(r);
            promptTokens += r.cost().promptTokens();
            generated += r.cost().generatedTokens();
            if (onResult != null) {
                onResult.accept(r);
            }
        }
        return new Scored(new Evaluation(task.name(), method, graded, promptTokens, generated),
                results);
    }
}
