package dev.tinyreason.infer.tree;

import com.google.gson.JsonObject;
import dev.tinyreason.io.JsonLines;
import java.nio.file.Path;
import java.util.List;

/**
 * One method's line of a puzzle evaluation (what {@code ./tinyreason eval --task game24} prints
 * for IO, CoT, CoT-SC and the searches), read back for a table: its success rate and its cost
 * per puzzle. IO, CoT and CoT-SC make one batched model call per puzzle; a search counts its
 * own calls. Self-consistency lines name their k when the file records it.
 *
 * @param method the method as the ToT paper names it, with the search's breadth and its value
 *               when that is not the trained judge
 */
public record MethodResult(String method, int n, double success, double modelCallsPerPuzzle,
        double tokensPerPuzzle) {

    /** The lines of {@code file}, one per method, in order. */
    public static List<MethodResult> read(Path file) {
        return JsonLines.read(file, "the shipped file is data/checkpoints/tot/"
                + "game24_hardest100.jsonl", "write it with ./tinyreason eval --task game24 "
                + "... > FILE", (o, where) -> of(o));
    }

    static MethodResult of(JsonObject o) {
        String m = o.get("method").getAsString();
        String name = switch (m) {
            case "direct" -> "IO";
            case "cot" -> "CoT";
            case "sc" -> "CoT-SC" + (o.has("k") ? "@" + o.get("k").getAsInt() : "");
            case "tot-bfs" -> "ToT-BFS";
            case "tot-dfs" -> "ToT-DFS";
            case "mcts" -> "MCTS";
            default -> m;
        };
        int n = o.get("n").getAsInt();
        double calls = n;
        if (o.has("search")) {
            JsonObject s = o.getAsJsonObject("search");
            String value = s.get("value").getAsString();
            name += (m.equals("tot-bfs") ? " b=" + s.get("breadth").getAsInt() : "")
                    + (value.equals("judge") ? "" : " (" + value + " value)");
            calls = o.get("model_calls").getAsDouble();
        }
        return new MethodResult(name, n, o.get("accuracy").getAsDouble(), calls / n,
                o.get("generated_tokens").getAsDouble() / n);
    }
}
