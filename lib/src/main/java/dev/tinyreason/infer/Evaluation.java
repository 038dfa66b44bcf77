package dev.tinyreason.infer;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.Task;
import dev.tinyreason.tasks.Tasks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The held-out scoreboard: what a method scored on a task, per example and in total, and the
 * compute it spent. Every technique of the course reports one of these, so methods compare on
 * one table.
 *
 * @param task            task name
 * @param method          {@code direct}, {@code cot} or {@code sc}
 * @param graded          one entry per problem, in input order
 * @param promptTokens    prompt tokens run through the model (each sample of SC pays its own)
 * @param generatedTokens tokens generated (stop tokens included)
 */
public record Evaluation(String task, String method, List<Graded> graded, long promptTokens,
        long generatedTokens) {

    /**
     * One problem's outcome.
     *
     * @param example    the problem
     * @param completion the text the answer was taken from (for SC: the first sample that voted
     *                   for the winning answer), the think opening of the prompt included
     * @param answer     the parsed final answer, or null when there was none
     * @param correct    whether the task's verifier accepts it
     * @param formatOk   well-formed {@code <think>…</think>} + a parsable answer
     * @param completionTokens generated tokens for this problem (all samples for SC)
     * @param votes      for SC, answer → votes in first-seen order; empty for greedy methods
     */
    public record Graded(Example example, String completion, String answer, boolean correct,
            boolean formatOk, int completionTokens, Map<String, Integer> votes) {
        public Graded {
            votes = votes == null ? Map.of() : votes;
        }
    }

    public Evaluation {
        graded = List.copyOf(graded);
    }

    public int n() {
        return graded.size();
    }

    /** Fraction correct (0 for no problems). */
    public double accuracy() {
        return fraction(graded.stream().filter(Graded::correct).count());
    }

    /** Fraction with the thinking format and a parsable answer. */
    public double formatRate() {
        return fraction(graded.stream().filter(Graded::formatOk).count());
    }

    /** Mean generated tokens per problem. */
    public double meanCompletionTokens() {
        return n() == 0 ? 0 : graded.stream().mapToInt(Graded::completionTokens).average()
                .orElse(0);
    }

    /** Prompt plus generated tokens: every position the model computed. */
    public long forwardTokens() {
        return promptTokens + generatedTokens;
    }

    /** Accuracy at each difficulty, easiest first. */
    public Map<Integer, Double> accuracyByDifficulty() {
        return graded.stream().collect(Collectors.groupingBy(g -> g.example().difficulty(),
                TreeMap::new, Collectors.averagingInt(g -> g.correct() ? 1 : 0)));
    }

    /**
     * Several evaluations as one, in order: their graded problems one after another and their
     * token counts added up (e.g. one method on the problems of several tasks).
     */
    public static Evaluation concat(String task, String method, List<Evaluation> parts) {
        List<Graded> all = new java.util.ArrayList<>();
        long prompt = 0;
        long generated = 0;
        for (Evaluation e : parts) {
            all.addAll(e.graded());
            prompt += e.promptTokens();
            generated += e.generatedTokens();
        }
        return new Evaluation(task, method, all, prompt, generated);
    }

    /**
     * One method over problems of several tasks: the problems split by task (first-seen order),
     * {@code run} applied to each task's share, and the parts {@link #concat}enated as one
     * evaluation of {@code task} "mixed".
     *
     * @param run evaluates one task's problems, e.g. {@code (task, ps) -> cot.evaluate(task, ps, true)}
     */
    public static Evaluation byTask(List<Example> problems,
            java.util.function.BiFunction<Task, List<Example>, Evaluation> run) {
        Map<String, List<Example>> groups = new java.util.LinkedHashMap<>();
        for (Example e : problems) {
            groups.computeIfAbsent(e.task(), k -> new ArrayList<>()).add(e);
        }
        List<Evaluation> parts = new ArrayList<>();
        String method = "";
        for (Map.Entry<String, List<Example>> g : groups.entrySet()) {
            Evaluation part = run.apply(Tasks.named(g.getKey()), g.getValue());
            method = part.method();
            parts.add(part);
        }
        return concat("mixed", method, parts);
    }

    /** Each problem's generated tokens, in order: the lengths to plot or compare. */
    public double[] completionTokens() {
        return graded.stream().mapToDouble(Graded::completionTokens).toArray();
    }

    /** Generated tokens per problem at each difficulty, easiest first, with standard errors. */
    public Map<Integer, Probe.Stat> completionTokensByDifficulty() {
        Map<Integer, List<Double>> byLevel = new TreeMap<>();
        for (Graded g : graded) {
            byLevel.computeIfAbsent(g.example().difficulty(), d -> new java.util.ArrayList<>())
                    .add((double) g.completionTokens());
        }
        Map<Integer, Probe.Stat> out = new TreeMap<>();
        byLevel.forEach((d, v) -> out.put(d, Probe.Stat.of(v)));
        return out;
    }

    /** Problems at each difficulty, easiest first: the n behind each of those accuracies. */
    public Map<Integer, Integer> countByDifficulty() {
        Map<Integer, Integer> out = new TreeMap<>();
        graded.forEach(g -> out.merge(g.example().difficulty(), 1, Integer::sum));
        return out;
    }

    /** The summary as JSON: what {@code ./tinyreason eval} prints. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("task", task);
        o.addProperty("method", method);
        o.addProperty("n", n());
        o.addProperty("accuracy", round(accuracy()));
        o.addProperty("format_rate", round(formatRate()));
        o.addProperty("mean_completion_tokens", round(meanCompletionTokens()));
        o.addProperty("prompt_tokens", promptTokens);
        o.addProperty("generated_tokens", generatedTokens);
        o.addProperty("forward_tokens", forwardTokens());
        JsonObject byDifficulty = new JsonObject();
        accuracyByDifficulty().forEach((d, a) -> byDifficulty.addProperty(d.toString(), round(a)));
        o.add("accuracy_by_difficulty", byDifficulty);
        return o;
    }

    /** {@link #toJson()} on one line. */
    public String toJsonLine() {
        return new GsonBuilder().disableHtmlEscaping().create().toJson(toJson());
    }

    /**
     * {@code limit} problems spread evenly over {@code examples} (every k-th), so a quick
     * evaluation of a file sorted by difficulty still covers every level. A limit of 0 or at
     * least the size keeps them all.
     */
    public static List<Example> spread(List<Example> examples, int limit) {
        if (limit <= 0 || limit >= examples.size()) {
            return List.copyOf(examples);
        }
        List<Example> out = new ArrayList<>(limit);
        for (int i = 0; i < limit; i++) {
            out.add(examples.get((int) ((long) i * examples.size() / limit)));
        }
        return out;
    }

    private double fraction(long count) {
        return n() == 0 ? 0 : (double) count / n();
    }

    private static double round(double x) {
        return Math.round(x * 10000) / 10000.0;
    }
}
