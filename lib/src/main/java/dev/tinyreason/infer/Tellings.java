package dev.tinyreason.infer;

import com.google.gson.JsonObject;
import dev.tinyreason.io.JsonLines;
import dev.tinyreason.tasks.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Self-consistency over rewordings, measured: the majority vote over the first k tellings of
 * each problem (each decoded greedily, {@link SelfConsistency#sampleTellings}) at k = 1, 3, 5,
 * 9, … and its paired gain over telling 0 alone, which is greedy chain of thought. What
 * {@code ./tinyreason eval --method tellings} prints, one JSON line per k, and what notebook 02
 * reads back from the shipped file.
 */
public final class Tellings {

    /**
     * The vote over k tellings.
     *
     * @param pairedGain    accuracy minus greedy CoT's on the same problems (0 at k = 1)
     * @param pairedSE      its paired standard error
     * @param fixes         problems the vote gets right and greedy CoT wrong
     * @param breaks        problems greedy CoT gets right and the vote wrong
     * @param passAtK       problems where at least one of the k tellings is right: what a
     *                      perfect picker (a verifier, or what RL aims for) could reach
     */
    public record Row(int k, int n, double accuracy, double standardError, double pairedGain,
            double pairedSE, int fixes, int breaks, double passAtK) {}

    private Tellings() {}

    /** The ks a measurement reports: 1, 3, 5, 9, 17, … up to {@code maxK}. */
    static List<Integer> ks(int maxK) {
        List<Integer> ks = new ArrayList<>();
        for (int k = 1; k <= maxK; k = k == 1 ? 3 : 2 * k - 1) {
            ks.add(k);
        }
        return ks;
    }

    /**
     * One JSON object per k: {@link Evaluation#toJson()} of the vote, with {@code method}
     * "tellings", {@code k}, {@code accuracy_se}, {@code pass_at_k} and (for k &gt; 1)
     * {@code paired_vs_greedy}.
     */
    public static List<JsonObject> measure(Task task, List<Samples> told) {
        Evaluation greedy = SelfConsistency.evaluate(task, told, Samples.Vote.MAJORITY, 1);
        List<JsonObject> rows = new ArrayList<>();
        for (int k : ks(told.isEmpty() ? 0 : told.get(0).k())) {
            Evaluation voted = SelfConsistency.evaluate(task, told, Samples.Vote.MAJORITY, k);
            JsonObject o = voted.toJson();
            o.addProperty("method", "tellings");
            o.addProperty("k", k);
            o.addProperty("accuracy_se", Scoreboard.standardError(voted.accuracy(), voted.n()));
            int k1 = k;
            o.addProperty("pass_at_k", told.stream().filter(s -> s.anyCorrect(task, k1)).count()
                    / (double) told.size());
            if (k > 1) {
                Scoreboard.Paired p = Scoreboard.paired(voted, greedy);
                JsonObject vs = new JsonObject();
                vs.addProperty("difference", p.difference());
                vs.addProperty("standard_error", p.standardError());
                vs.addProperty("fixes", p.onlyFirst());
                vs.addProperty("breaks", p.onlySecond());
                o.add("paired_vs_greedy", vs);
            }
            rows.add(o);
        }
        return rows;
    }

    /** The rows of a file that {@code eval --method tellings} wrote, one JSON object a line. */
    public static List<Row> read(Path file) {
        String fix = "write it with ./tinyreason eval --method tellings ... > " + file;
        return JsonLines.read(file, fix, fix, (o, where) -> {
            if (!o.has("k") || !o.has("accuracy_se")) {
                throw new IllegalArgumentException(where + " has no k or accuracy_se. Fix: "
                        + fix + ".");
            }
            JsonObject vs = o.has("paired_vs_greedy") ? o.getAsJsonObject("paired_vs_greedy")
                    : null;
            return new Row(o.get("k").getAsInt(), o.get("n").getAsInt(),
                    o.get("accuracy").getAsDouble(), o.get("accuracy_se").getAsDouble(),
                    vs == null ? 0 : vs.get("difference").getAsDouble(),
                    vs == null ? 0 : vs.get("standard_error").getAsDouble(),
                    vs == null ? 0 : vs.get("fixes").getAsInt(),
                    vs == null ? 0 : vs.get("breaks").getAsInt(),
                    o.has("pass_at_k") ? o.get("pass_at_k").getAsDouble() : Double.NaN);
        });
    }
}
