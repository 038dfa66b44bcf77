package dev.tinyreason.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tinyreason.cli.CliRun;
import dev.tinyreason.cli.Eval;
import dev.tinyreason.model.Checkpoint;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.ModelConfig;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.Split;
import dev.tinyreason.tasks.Task;
import dev.tinyreason.tasks.TaskData;
import dev.tinyreason.tasks.Tasks;
import dev.tinyreason.tokenizer.BpeConfig;
import dev.tinyreason.tokenizer.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Direct, CoT and SC on a random nano model: the scoreboard's shape and the CLI's errors. */
class EvaluationTest {

    static Tokenizer tokenizer;
    static LlamaModel model;
    static Task arith = Tasks.named("arith");
    static List<Example> two;

    @TempDir
    static Path dir;

    @BeforeAll
    static void build() {
        two = List.of(arith.example(Split.TEST, 2, 0), arith.example(Split.TEST, 3, 0));
        StringBuilder corpus = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            Example e = arith.example(i);
            corpus.append(e.prompt()).append(e.thinkingCompletion()).append('\n');
        }
        tokenizer = Tokenizer.train(corpus.toString(), new BpeConfig(300, 2));
        model = LlamaModel.init(ModelConfig.nano().withVocabSize(tokenizer.vocabSize()), 5);
    }

    @AfterAll
    static void free() {
        model.close();
    }

    @Test
    void accuracyAndCountPerDifficultyShareTheirLevels() {
        Example easy = arith.example(Split.TEST, 2, 0);
        Example hard = arith.example(Split.TEST, 3, 0);
        Example hard2 = arith.example(Split.TEST, 3, 1);
        Evaluation e = new Evaluation("arith", "cot", List.of(
                new Evaluation.Graded(hard, "", "1", true, true, 3, null),
                new Evaluation.Graded(easy, "", "1", true, true, 3, null),
                new Evaluation.Graded(hard2, "", "2", false, true, 3, null)), 0, 9);
        assertEquals(java.util.Map.of(2, 1.0, 3, 0.5), e.accuracyByDifficulty());
        assertEquals(java.util.Map.of(2, 1, 3, 2), e.countByDifficulty());
        assertEquals(List.of(2, 3), List.copyOf(e.countByDifficulty().keySet()));
    }

    @Test
    void tokensPerLevelCarryTheirStandardError() {
        Example easy = arith.example(Split.TEST, 2, 0);
        Example hard = arith.example(Split.TEST, 3, 0);
        Evaluation e = new Evaluation("arith", "cot", List.of(
                new Evaluation.Graded(hard, "", "1", true, true, 10, null),
                new Evaluation.Graded(easy, "", "1", true, true, 4, null),
                new Evaluation.Graded(hard, "", "2", false, true, 20, null)), 0, 34);
        var tokens = e.completionTokensByDifficulty();
        assertEquals(List.of(2, 3), List.copyOf(tokens.keySet()));
        assertEquals(4, tokens.get(2).mean(), 0);
        assertEquals(1, tokens.get(2).n());
        // 10 and 20: mean 15, sample sd sqrt(50), standard error sqrt(50 / 2) = 5
        assertEquals(15, tokens.get(3).mean(), 1e-12);
        assertEquals(5, tokens.get(3).se(), 1e-12);
        assertEquals(2, tokens.get(3).n());
    }

    @Test
    void concatKeepsTheOrderAndAddsTheTokens() {
        Example a = arith.example(Split.TEST, 2, 0);
        Example b = arith.example(Split.TEST, 3, 0);
        Evaluation one = new Evaluation("arith", "cot", List.of(
                new Evaluation.Graded(a, "", "1", true, true, 3, null)), 5, 3);
        Evaluation two = new Evaluation("word", "cot", List.of(
                new Evaluation.Graded(b, "", "2", false, true, 4, null)), 7, 4);
        Evaluation both = Evaluation.concat("mixed", "cot", List.of(one, two));
        assertEquals(List.of(a, b), both.graded().stream().map(Evaluation.Graded::example)
                .toList());
        assertEquals(12, both.promptTokens());
        assertEquals(7, both.generatedTokens());
        assertEquals(0.5, both.accuracy(), 0);
        assertArrayEquals(new double[] {3, 4}, both.completionTokens(), 0);
        assertEquals("mixed", both.task());
    }

    @Test
    void byTaskHandsEachTaskItsOwnProblemsInFirstSeenOrder() {
        Task word = Tasks.named("word");
        Example w = word.example(Split.TEST, 2, 0);
        Example a1 = arith.example(Split.TEST, 2, 0);
        Example a2 = arith.example(Split.TEST, 3, 0);
        List<String> calls = new java.util.ArrayList<>();
        Evaluation mixed = Evaluation.byTask(List.of(w, a1, a2), (task, ps) -> {
            calls.add(task.name() + " " + ps.size());
            return new Evaluation(task.name(), "cot", ps.stream().map(e -> new Evaluation.Graded(
                    e, "", "1", e == a2, true, 2, null)).toList(), 1, 2L * ps.size());
        });
        assertEquals(List.of("word 1", "arith 2"), calls);
        assertEquals(List.of(w, a1, a2), mixed.graded().stream().map(Evaluation.Graded::example)
                .toList());
        assertEquals("mixed", mixed.task());
        assertEquals("cot", mixed.method());
        assertEquals(2, mixed.promptTokens());
        assertEquals(6, mixed.generatedTokens());
        assertEquals(1 / 3.0, mixed.accuracy(), 1e-12);
    }

    @Test
    void directAndCotReportEveryKey() {
        ChainOfThought cot = new ChainOfThought(model, tokenizer, 2);
        for (boolean thinking : new boolean[] {false, true}) {
            Evaluation e = cot.evaluate(arith, two, thinking, 6);
            JsonObject o = e.toJson();
            assertEquals(Set.of("task", "method", "n", "accuracy", "format_rate",
                    "mean_completion_tokens", "prompt_tokens", "generated_tokens",
                    "forward_tokens", "accuracy_by_difficulty"), new TreeSet<>(o.keySet()));
            assertEquals("arith", o.get("task").getAsString());
            assertEquals(thinking ? "cot" : "direct", o.get("method").getAsString());
            assertEquals(2, o.get("n").getAsInt());
            assertEquals(2, e.graded().size());
            assertTrue(e.meanCompletionTokens() <= 6);
            long prompts = two.stream().mapToLong(x -> cot.prompt(x, thinking).length).sum();
            assertEquals(prompts, e.promptTokens());
            assertEquals(e.promptTokens() + e.generatedTokens(), e.forwardTokens());
        }
    }

    @Test
    void selfConsistencyPaysForEverySample() {
        Evaluation e = new SelfConsistency(model, tokenizer, 2).evaluate(arith, two, 3, 1.0, 1);
        assertEquals("sc", e.method());
        long prompts = two.stream().mapToLong(x -> new ChainOfThought(model, tokenizer)
                .prompt(x, true).length).sum();
        assertEquals(3 * prompts, e.promptTokens());
        for (Evaluation.Graded g : e.graded()) {
            assertTrue(g.votes().values().stream().mapToInt(Integer::intValue).sum() <= 3);
        }
    }

    @Test
    void eachPathOfAVoteOverTellingsReadsItsOwnTellingGreedily() {
        SelfConsistency sc = new SelfConsistency(model, tokenizer, 2);
        List<String> asked = new java.util.ArrayList<>();
        List<Samples> same = sc.sampleTellings(two, 3, (e, s) -> {
            asked.add(e.prompt() + "#" + s);
            return e;
        });
        assertEquals(6, asked.size());
        assertEquals(Set.of(0, 1, 2), asked.stream().filter(a -> a.startsWith(two.get(0).prompt()))
                .map(a -> Integer.parseInt(a.substring(a.indexOf('#') + 1)))
                .collect(java.util.stream.Collectors.toSet()));
        for (Samples s : same) {   // one telling read three times, greedily: three equal turns
            assertEquals(1, new java.util.HashSet<>(s.turns()).size(), s.turns().toString());
        }
        ChainOfThought cot = new ChainOfThought(model, tokenizer);
        Example other = two.get(1);
        List<Samples> told = sc.sampleTellings(List.of(two.get(0)), 2, (e, s) -> s == 0 ? e : other);
        assertEquals(two.get(0), told.get(0).example());
        assertEquals((cot.prompt(two.get(0), true).length + cot.prompt(other, true).length + 1) / 2,
                told.get(0).promptTokens());
    }

    /** A long thinking budget is cut to the room the model's context leaves, not an error. */
    @Test
    void budgetFitsTheContext() {
        try (LlamaModel small = LlamaModel.init(ModelConfig.nano()
                .withVocabSize(tokenizer.vocabSize()).withMaxPositions(64), 5)) {
            ChainOfThought cot = new ChainOfThought(small, tokenizer, 2);
            Evaluation e = cot.evaluate(arith, two, true, ChainOfThought.THINKING_TOKENS);
            long longest = two.stream().mapToLong(x -> cot.prompt(x, true).length).max()
                    .orElseThrow();
            assertTrue(e.graded().stream().allMatch(g -> g.completionTokens()
                    <= 64 - longest));
        }
    }

    @Test
    void spreadCoversTheWholeFile() {
        List<Example> ex = TaskData.generate(arith, Split.TEST, 3);
        List<Example> picked = Evaluation.spread(ex, 5);
        assertEquals(5, picked.size());
        assertEquals(ex.get(0), picked.get(0));
        assertTrue(picked.get(4).difficulty() > picked.get(0).difficulty());
        assertEquals(ex.size(), Evaluation.spread(ex, 0).size());
    }

    @Test
    void evalCommandPrintsOneJsonObject() throws Exception {
        Path ckpt = dir.resolve("nano");
        Checkpoint.of(model, tokenizer).save(ckpt);
        Path input = dir.resolve("mine.jsonl");
        TaskData.write(input, two);
        CliRun.Result r = eval("--checkpoint", ckpt.toString(), "--task", "arith", "--input",
                input.toString(), "--method", "direct");
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out().strip()).getAsJsonObject();
        assertEquals(2, o.get("n").getAsInt());
        assertTrue(o.has("format_rate") && o.has("forward_tokens"));
    }

    @Test
    void evalCommandNamesTheFix() throws Exception {
        Path ckpt = dir.resolve("nano2");
        Checkpoint.of(model, tokenizer).save(ckpt);
        String c = ckpt.toString();
        assertError("--checkpoint is required", "--task", "arith", "--split", "test",
                "--method", "cot");
        assertError("not a checkpoint folder", "--checkpoint", dir.resolve("nope").toString(),
                "--task", "arith", "--split", "test", "--method", "cot");
        assertError("--task must be one of arith, word", "--checkpoint", c, "--task", "chess",
                "--split", "test", "--method", "cot");
        assertError("exactly one of --split", "--checkpoint", c, "--task", "arith",
                "--method", "cot");
        assertError("no train split", "--checkpoint", c, "--task", "game24", "--split",
                "train", "--method", "cot");
        assertError("--method must be direct, cot, sc, tellings, probe, tot-bfs, tot-dfs or mcts",
                "--checkpoint", c, "--task", "arith", "--split", "test", "--method", "tot");
        assertError("--k needs a whole number", "--checkpoint", c, "--task", "arith",
                "--split", "test", "--method", "sc", "--k", "zero");
        assertError("does not exist", "--checkpoint", c, "--task", "arith", "--input",
                dir.resolve("missing.jsonl").toString(), "--method", "cot");
    }

    private static void assertError(String expected, String... args) throws Exception {
        CliRun.Result r = eval(args);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
        assertTrue(r.err().contains("Usage: ./tinyreason eval"), r.err());
    }

    static CliRun.Result eval(String... args) throws Exception {
        return CliRun.capture(() -> Eval.run(args));
    }
}
