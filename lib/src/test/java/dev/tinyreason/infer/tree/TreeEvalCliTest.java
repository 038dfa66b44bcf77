package dev.tinyreason.infer.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tinyreason.cli.CliRun;
import dev.tinyreason.cli.Eval;
import dev.tinyreason.tasks.Countdown;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.Game24;
import dev.tinyreason.tasks.Puzzles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval --method tot-bfs|tot-dfs|mcts} and puzzle files, on the shipped sft-think. */
class TreeEvalCliTest {

    @TempDir
    Path dir;

    private final String ckpt = Shipped.checkpoint("sft-think").toString();

    private Path file(String name, String... lines) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    private static CliRun.Result eval(String... args) throws Exception {
        return CliRun.capture(() -> Eval.run(args));
    }

    private void assertInputError(String task, String line, String... expected) throws Exception {
        Path f = file("bad.jsonl", line);
        CliRun.Result r = eval("--checkpoint", ckpt, "--task", task, "--input", f.toString(),
                "--method", "tot-bfs");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("bad.jsonl line 1") && r.err().contains("Fix:"), r.err());
        for (String e : expected) {
            assertTrue(r.err().contains(e), "expected '" + e + "' in: " + r.err());
        }
    }

    @Test
    void badPuzzleLinesNameTheProblemAndTheFix() throws Exception {
        assertInputError("game24", "{\"numbers\":[4,9,10]}", "has 3 numbers", "exactly 4");
        assertInputError("game24", "{\"numbers\":[4,9,10,13],\"target\":25}",
                "always makes 24", "--task countdown");
        assertInputError("game24", "{\"numbers\":[1,1,1,1]}", "has no solution",
                "remove the line");
        assertInputError("game24", "{\"numbers\":[4,\"x\",10,13]}", "not a whole number");
        assertInputError("game24", "{\"numbers\":[4,9,10,0]}", "not a whole number from 1");
        assertInputError("game24", "{\"nums\":[4,9,10,13]}", "unknown field \"nums\"");
        assertInputError("game24", "[4,9,10,13]", "is not a JSON object");
        assertInputError("countdown", "{\"numbers\":[3,7,25,50]}", "has no \"target\"");
        assertInputError("countdown", "{\"numbers\":[1,1],\"target\":99}", "has no solution");
        assertInputError("countdown", "{\"numbers\":[1,2,3,4,5,6,7],\"target\":9}",
                "has 7 numbers", "2 to 6");
    }

    @Test
    void badTreeOptionsNameTheFix() throws Exception {
        Path ok = file("ok.jsonl", "{\"numbers\":[4,9,10,13]}");
        String[][] cases = {
            {"--breadth needs a whole number ≥ 1", "--method", "tot-bfs", "--breadth", "0"},
            {"tree-search setting", "--method", "cot", "--breadth", "3"},
            {"--value must be judge, probs, logprob or oracle", "--method", "mcts", "--value",
                    "best"},
            {"--temperature must be positive for tot-dfs", "--method", "tot-dfs",
                    "--temperature", "0"},
        };
        for (String[] c : cases) {
            List<String> args = new java.util.ArrayList<>(List.of("--checkpoint", ckpt, "--task",
                    "game24", "--input", ok.toString()));
            args.addAll(List.of(c).subList(1, c.length));
            CliRun.Result r = eval(args.toArray(String[]::new));
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains(c[0]), "expected '" + c[0] + "' in: " + r.err());
        }
        Path arith = file("arith.jsonl", "{\"prompt\":\"What is 2 + 3?\",\"answer\":\"5\"}");
        CliRun.Result r = eval("--checkpoint", ckpt, "--task", "arith", "--input",
                arith.toString(), "--method", "tot-bfs");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("use --task game24 or countdown"), r.err());
        r = eval("--checkpoint", ckpt, "--task", "arith", "--input", ok.toString(),
                "--method", "cot");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bare puzzles {\"numbers\":[...]} are for --task game24"),
                r.err());
    }

    @Test
    void puzzleLinesBecomeTheTasksExamples() throws Exception {
        Path f = file("p.jsonl", "{\"numbers\":[13,10,9,4]}", "", "{\"numbers\":[3,3,8,8],"
                + "\"target\":24}", "{\"numbers\":[14,10,1,1]}");
        List<Example> ex = Puzzles.read(f, new Game24());
        assertEquals(3, ex.size());
        assertEquals("Use 4 9 10 13 to make 24.", ex.get(0).prompt());
        Game24.Ranked r = Game24.ranked().stream().filter(x -> x.numbers().equals(
                List.of(3, 3, 8, 8))).findFirst().orElseThrow();
        assertEquals(r.example(), ex.get(1), "a ranked puzzle keeps its rank and difficulty");
        assertEquals(0, ex.get(2).difficulty(), "14 is outside the ranked 1..13");
        for (Example e : ex) {
            assertTrue(new Game24().verify(e, e.answer()).correct(), e.answer());
        }
        Path c = file("c.jsonl", "{\"numbers\":[3,7,25,50],\"target\":82}");
        Example e = Puzzles.read(c, new Countdown()).get(0);
        assertEquals("Use 3 7 25 50 to make 82.", e.prompt());
        assertEquals(4, e.difficulty());
        assertTrue(new Countdown().verify(e, e.answer()).correct());
    }

    @Test
    void treeSearchesPrintTheEvaluationLineWithModelCalls() throws Exception {
        Path f = file("two.jsonl", "{\"numbers\":[4,9,10,13]}", "{\"numbers\":[1,4,8,8]}");
        CliRun.Result r = eval("--checkpoint", ckpt, "--task", "game24", "--input",
                f.toString(), "--method", "tot-bfs", "--breadth", "2", "--k", "4", "--value",
                "oracle");
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out().strip()).getAsJsonObject();
        assertEquals("tot-bfs", o.get("method").getAsString());
        assertEquals(2, o.get("n").getAsInt());
        assertTrue(o.get("model_calls").getAsLong() >= 2, o.toString());
        assertTrue(o.get("generated_tokens").getAsLong() > 0);
        assertEquals(2, o.getAsJsonObject("search").get("breadth").getAsInt());
        assertEquals("oracle", o.getAsJsonObject("search").get("value").getAsString());
        assertTrue(r.err().contains("[tot-bfs] 2/2"), r.err());

        r = eval("--checkpoint", ckpt, "--task", "game24", "--input", f.toString(), "--limit",
                "1", "--method", "mcts", "--budget", "2", "--k", "4", "--value", "logprob");
        assertEquals(0, r.code(), r.err());
        o = JsonParser.parseString(r.out().strip()).getAsJsonObject();
        assertEquals(1, o.get("n").getAsInt());
        assertTrue(o.get("model_calls").getAsLong() <= 4, "2 iterations: 2 calls each at most");
    }
}
