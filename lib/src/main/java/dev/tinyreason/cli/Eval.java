package dev.tinyreason.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.tinyreason.infer.ChainOfThought;
import dev.tinyreason.infer.Evaluation;
import dev.tinyreason.infer.Probe;
import dev.tinyreason.infer.SelfConsistency;
import dev.tinyreason.infer.StageReport;
import dev.tinyreason.infer.tree.Bfs;
import dev.tinyreason.infer.tree.Dfs;
import dev.tinyreason.infer.tree.JudgeProbValuer;
import dev.tinyreason.infer.tree.JudgeValuer;
import dev.tinyreason.infer.tree.Mcts;
import dev.tinyreason.infer.tree.ModelProposer;
import dev.tinyreason.infer.tree.OracleValuer;
import dev.tinyreason.infer.tree.PathLogProbValuer;
import dev.tinyreason.infer.tree.Proposer;
import dev.tinyreason.infer.tree.Search;
import dev.tinyreason.infer.tree.TreeOfThoughts;
import dev.tinyreason.infer.tree.Valuer;
import dev.tinyreason.model.Checkpoint;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.tasks.Countdown;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.Game24;
import dev.tinyreason.tasks.Puzzles;
import dev.tinyreason.tasks.Split;
import dev.tinyreason.tasks.Task;
import dev.tinyreason.tasks.TaskData;
import dev.tinyreason.tasks.Tasks;
import dev.tinyreason.tokenizer.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./tinyreason eval --checkpoint DIR --task T (--split test | --input FILE.jsonl)
 * --method direct|cot|sc|tot-bfs|tot-dfs|mcts [--k K] [--temperature t] [--limit N]
 * [--seed S]}: one JSON object on stdout with task, method, n, accuracy, format_rate,
 * mean_completion_tokens and the compute spent (prompt, generated and forward tokens), plus
 * accuracy by difficulty.
 * {@code --limit N} evaluates N problems spread evenly over the file (every level covered).
 *
 * <p><b>Tree search</b> ({@code tot-bfs}, {@code tot-dfs}, {@code mcts}; tasks game24 and
 * countdown, see {@link dev.tinyreason.infer.tree}): the model proposes {@code --k} sampled
 * next steps per state at {@code --temperature} (default 1.0), and {@code --value} scores
 * states: {@code judge} (the paper's sampled sure/likely/impossible, {@code --judgements}
 * per state, needs the {@code tot} checkpoint), {@code probs} (the judge's own probabilities),
 * {@code logprob} (the path's probability under the model: works with any checkpoint) or
 * {@code oracle} (exact, by exhaustive search: an upper bound, not a model). {@code --breadth}
 * is BFS's b; {@code --budget} the states DFS or MCTS may expand; {@code --threshold} DFS's
 * pruning value (default 0.5 on the judgement scale, 0 for logprob). The JSON line adds
 * {@code model_calls} and the search's settings.
 *
 * <p><b>{@code --input}</b> takes task data lines (as in {@code data/<task>/test.jsonl}) or,
 * for game24 and countdown, bare puzzles {@code {"numbers":[4,9,10,13]}} and
 * {@code {"numbers":[3,7,25,50],"target":82}} ({@link dev.tinyreason.tasks.Puzzles}).
 */
public final class Eval {

    static final String USAGE = "usage: eval --checkpoint DIR --task T (--split test | --input "
            + "FILE.jsonl) --method direct|cot|sc|probe|tot-bfs|tot-dfs|mcts [--k K] [--temperature t] "
            + "[--limit N] [--difficulty D] [--seed S]\n   tree search: [--breadth B] [--value judge|probs|logprob"
            + "|oracle] [--judgements N] [--budget N] [--threshold X]\n   or: eval --checkpoint "
            + "DIR --report [--limit N]   (writes DIR/eval.json)";

    static final List<String> METHODS = List.of("direct", "cot", "sc", "probe", "tot-bfs", "tot-dfs",
            "mcts");
    static final List<String> TREE_METHODS = List.of("tot-bfs", "tot-dfs", "mcts");
    static final List<String> VALUES = List.of("judge", "probs", "logprob", "oracle");

    /** Parsed arguments; the tree search's are used by tot-bfs, tot-dfs and mcts only. */
    record Args(Path checkpoint, String task, String split, Path input, String method, int k,
            double temperature, int limit, long seed, int difficulty, Tree tree) {}

    /**
     * A tree search's settings.
     *
     * @param breadth    BFS's b
     * @param value      judge, probs, logprob or oracle
     * @param judgements judgements per state for the judge
     * @param budget     states DFS or MCTS may expand
     * @param threshold  DFS prunes children valued below it
     */
    record Tree(int breadth, String value, int judgements, int budget, double threshold) {

        static final double JUDGE_TEMPERATURE = 0.7;
        static final double MCTS_C = 1.0;

        JsonObject toJson(int k, double temperature) {
            JsonObject o = new JsonObject();
            o.addProperty("k", k);
            o.addProperty("temperature", temperature);
            o.addProperty("value", value);
            o.addProperty("breadth", breadth);
            o.addProperty("judgements", judgements);
            o.addProperty("budget", budget);
            o.addProperty("threshold", threshold);
            return o;
        }
    }

    private Eval() {}

    public static int run(String[] args) throws Exception {
        if (java.util.Arrays.asList(args).contains("--report")) {
            return report(args);
        }
        Args a;
        try {
            a = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
        Checkpoint c = Checkpoint.load(a.checkpoint());
        if (c.tokenizer() == null) {
            System.err.println("error: " + a.checkpoint() + " has no tokenizer.json; save the "
                    + "checkpoint with its tokenizer (Checkpoint.of(model, tokenizer)).");
            return 2;
        }
        Task task = Tasks.named(a.task());
        List<Example> problems;
        try {
            problems = a.input() == null ? TaskData.read(dataDir().resolve(task.name())
                    .resolve(a.split() + ".jsonl"), task)
                    : Puzzles.isPuzzleFile(a.input()) ? Puzzles.read(a.input(), task)
                    : TaskData.read(a.input(), task);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        if (problems.isEmpty()) {
            System.err.println("error: " + (a.input() != null ? a.input() : a.split() + ".jsonl")
                    + " holds no problems; give a file with one JSON object per line (prompt, "
                    + "answer).");
            return 2;
        }
        if (a.difficulty() > 0) {
            int d = a.difficulty();
            problems = problems.stream().filter(e -> e.difficulty() == d).toList();
            if (problems.isEmpty()) {
                System.err.println("error: no " + task.name() + " problem has difficulty " + d + " in "
                        + (a.input() != null ? a.input() : a.split() + ".jsonl") + "; levels run from "
                        + task.minDifficulty() + " to " + task.maxDifficulty() + ".");
                return 2;
            }
        }
        problems = Evaluation.spread(problems, a.limit());
        try (LlamaModel model = c.model()) {
            if (a.method().equals("probe")) {
                long t0 = System.nanoTime();
                int total = problems.size();
                for (Probe.Row row : new Probe(model, c.tokenizer()).run(task, problems, a.k(), a.temperature(),
                        a.seed(), n -> System.err.printf(Locale.ROOT, "[probe] %d/%d problems · %.0f s%n", n,
                                total, (System.nanoTime() - t0) / 1e9))) {
                    System.out.println(new GsonBuilder().disableHtmlEscaping().create().toJson(row.toJson()));
                }
            } else if (TREE_METHODS.contains(a.method())) {
                TreeOfThoughts.Scored s = evaluateTree(model, c.tokenizer(), task, problems, a);
                JsonObject o = s.toJson();
                o.add("search", a.tree().toJson(a.k(), a.temperature()));
                System.out.println(new GsonBuilder().disableHtmlEscaping().create().toJson(o));
            } else {
                Evaluation e = evaluate(model, c.tokenizer(), task, problems, a.method(), a.k(),
                        a.temperature(), a.seed());
                System.out.println(e.toJsonLine());
            }
        }
        return 0;
    }

    /** Runs a tree search ({@code a.method()}) on {@code problems}, progress on stderr. */
    static TreeOfThoughts.Scored evaluateTree(LlamaModel model, Tokenizer tokenizer, Task task,
            List<Example> problems, Args a) {
        Search search = search(model, tokenizer, a.method(), a.k(), a.temperature(), a.seed(),
                a.tree());
        long t0 = System.nanoTime();
        int[] done = new int[2];  // problems, solved
        return TreeOfThoughts.evaluate(task, problems, search, a.method(), r -> {
            done[0]++;
            done[1] += r.solved() ? 1 : 0;
            System.err.printf(Locale.ROOT, "[%s] %d/%d · solved %d · %s · %d calls · %.0f s%n",
                    a.method(), done[0], problems.size(), done[1], r.problem().prompt(),
                    r.modelCalls(), (System.nanoTime() - t0) / 1e9);
        });
    }

    /** The search that {@code method} names, with the model as proposer and valuer. */
    static Search search(LlamaModel model, Tokenizer tokenizer, String method, int k,
            double temperature, long seed, Tree t) {
        Proposer proposer = new ModelProposer(model, tokenizer, k, temperature, seed);
        Valuer valuer = switch (t.value()) {
            case "judge" -> new JudgeValuer(model, tokenizer, t.judgements(),
                    Tree.JUDGE_TEMPERATURE, seed);
            case "probs" -> new JudgeProbValuer(model, tokenizer);
            case "logprob" -> new PathLogProbValuer(model, tokenizer);
            case "oracle" -> new OracleValuer();
            default -> throw new IllegalArgumentException("Unknown value '" + t.value()
                    + "'; use " + String.join(", ", VALUES) + ".");
        };
        return switch (method) {
            case "tot-bfs" -> new Bfs(proposer, valuer, t.breadth());
            case "tot-dfs" -> new Dfs(proposer, valuer, t.threshold(), t.budget());
            case "mcts" -> new Mcts(proposer, valuer, t.budget(), Tree.MCTS_C);
            default -> throw new IllegalArgumentException("Unknown tree search '" + method
                    + "'; use " + String.join(", ", TREE_METHODS) + ".");
        };
    }

    /**
     * {@code eval --checkpoint DIR --report [--limit N]}: writes {@code DIR/eval.json}, direct
     * and cot on the test split of every trained task (N problems each, default 45), as the
     * train commands do after training.
     */
    static int report(String[] args) throws Exception {
        Path checkpoint = null;
        int limit = 45;
        try {
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                String v = i + 1 < args.length ? args[i + 1] : null;
                switch (flag) {
                    case "--report" -> {
                        continue;
                    }
                    case "--checkpoint" -> checkpoint = Path.of(value(flag, v));
                    case "--limit" -> limit = integer(flag, value(flag, v), 1);
                    default -> throw new IllegalArgumentException("Unknown option '" + flag
                            + "' with --report; it takes --checkpoint and --limit.");
                }
                i++;
            }
            if (checkpoint == null || !Files.exists(checkpoint.resolve("config.json"))) {
                throw new IllegalArgumentException("--report needs --checkpoint DIR, a folder "
                        + "with config.json, e.g. data/checkpoints/sft-think.");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
        StageReport.write(checkpoint, dataDir(),
                dev.tinyreason.train.sft.StageRun.trainingTasks(), limit);
        System.out.println(checkpoint.resolve("eval.json"));
        return 0;
    }

    /** Runs {@code method} ("direct", "cot" or "sc") on {@code problems}. */
    public static Evaluation evaluate(LlamaModel model, Tokenizer tokenizer, Task task,
            List<Example> problems, String method, int k, double temperature, long seed) {
        return switch (method) {
            case "direct" -> new ChainOfThought(model, tokenizer).evaluate(task, problems, false);
            case "cot" -> new ChainOfThought(model, tokenizer).evaluate(task, problems, true);
            case "sc" -> new SelfConsistency(model, tokenizer).evaluate(task, problems, k,
                    temperature, seed);
            default -> throw new IllegalArgumentException("Unknown method '" + method
                    + "'; use direct, cot or sc (tree searches: evaluateTree).");
        };
    }

    /** The course's data folder: {@code -Dtinyreason.home}/data, else ./data. */
    static Path dataDir() {
        String home = System.getProperty("tinyreason.home");
        return home == null ? Path.of("data") : Path.of(home, "data");
    }

    static Args parse(String[] args) {
        Path checkpoint = null;
        String task = null;
        String split = null;
        Path input = null;
        String method = null;
        int k = 8;
        double temperature = Double.NaN;  // sc: 0.7, tree search: 1.0
        int limit = 0;
        long seed = 0;
        int difficulty = 0;
        int breadth = 5;
        String value = "judge";
        int judgements = 3;
        int budget = 20;
        double threshold = Double.NaN;  // 0.5, or 0 for logprob
        List<String> treeFlags = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            if (List.of("--breadth", "--value", "--judgements", "--budget", "--threshold")
                    .contains(flag)) {
                treeFlags.add(flag);
            }
            switch (flag) {
                case "--breadth" -> breadth = integer(flag, value(flag, v), 1);
                case "--value" -> value = value(flag, v);
                case "--judgements" -> judgements = integer(flag, value(flag, v), 1);
                case "--budget" -> budget = integer(flag, value(flag, v), 1);
                case "--threshold" -> threshold = number(flag, value(flag, v));
                case "--checkpoint" -> checkpoint = Path.of(value(flag, v));
                case "--task" -> task = value(flag, v);
                case "--split" -> split = value(flag, v);
                case "--input" -> input = Path.of(value(flag, v));
                case "--method" -> method = value(flag, v);
                case "--k" -> k = integer(flag, value(flag, v), 1);
                case "--temperature" -> temperature = number(flag, value(flag, v));
                case "--limit" -> limit = integer(flag, value(flag, v), 1);
                case "--seed" -> seed = integer(flag, value(flag, v), 0);
                case "--difficulty" -> difficulty = integer(flag, value(flag, v), 1);
                default -> throw new IllegalArgumentException("Unknown option '" + flag + "'.");
            }
            i++;
        }
        if (checkpoint == null) {
            throw new IllegalArgumentException("--checkpoint is required, e.g. --checkpoint "
                    + "data/checkpoints/sft-think");
        }
        if (!Files.exists(checkpoint.resolve("config.json"))) {
            throw new IllegalArgumentException("--checkpoint " + checkpoint + " is not a "
                    + "checkpoint folder (no config.json); train one with ./tinyreason train "
                    + "or point to data/checkpoints/<stage>.");
        }
        if (task == null || !Tasks.exists(task)) {
            throw new IllegalArgumentException("--task must be one of " + String.join(", ",
                    Tasks.names()) + (task == null ? "" : ", got '" + task + "'") + ".");
        }
        if ((split == null) == (input == null)) {
            throw new IllegalArgumentException("Give exactly one of --split (train, val, test) "
                    + "or --input FILE.jsonl.");
        }
        if (split != null) {
            Split.valueOf(upper(split, "--split must be train, val or test, got '" + split
                    + "'."));
            if (!Tasks.named(task).splits().contains(Split.valueOf(split.toUpperCase(
                    Locale.ROOT)))) {
                throw new IllegalArgumentException("Task " + task + " has no " + split
                        + " split; use --split test.");
            }
        }
        if (input != null && !Files.isRegularFile(input)) {
            throw new IllegalArgumentException("--input " + input + " does not exist; give a "
                    + "JSONL file in the format of data/" + task + "/test.jsonl"
                    + (List.of(Game24.NAME, Countdown.NAME).contains(task)
                            ? " or puzzles {\"numbers\":[4,9,10,13]} one per line" : "") + ".");
        }
        if (method == null || !METHODS.contains(method)) {
            throw new IllegalArgumentException("--method must be direct, cot, sc, probe, tot-bfs, "
                    + "tot-dfs or mcts" + (method == null ? "" : ", got '" + method + "'") + ".");
        }
        boolean tree = TREE_METHODS.contains(method);
        if (Double.isNaN(temperature)) {
            temperature = tree || method.equals("probe") ? 1.0 : 0.7;
        }
        if (!(temperature > 0) && (method.equals("sc") || method.equals("probe") || tree)) {
            throw new IllegalArgumentException("--temperature must be positive for " + method
                    + " (it samples k different " + (tree ? "next steps" : "paths")
                    + "), got " + temperature + ".");
        }
        if (!tree && !treeFlags.isEmpty()) {
            throw new IllegalArgumentException(treeFlags.get(0) + " is a tree-search setting; "
                    + "use it with --method tot-bfs, tot-dfs or mcts, not " + method + ".");
        }
        if (tree && !List.of(Game24.NAME, Countdown.NAME).contains(task)) {
            throw new IllegalArgumentException("--method " + method + " searches number "
                    + "puzzles step by step; use --task game24 or countdown, not " + task + ".");
        }
        if (!VALUES.contains(value)) {
            throw new IllegalArgumentException("--value must be judge, probs, logprob or oracle, "
                    + "got '" + value + "'.");
        }
        if (Double.isNaN(threshold)) {
            threshold = value.equals("logprob") ? 0 : 0.5;
        }
        return new Args(checkpoint, task, split, input, method, k, temperature, limit, seed, difficulty,
                new Tree(breadth, value, judgements, budget, threshold));
    }

    private static String upper(String s, String error) {
        String u = s.toUpperCase(Locale.ROOT);
        for (Split sp : Split.values()) {
            if (sp.name().equals(u)) {
                return u;
            }
        }
        throw new IllegalArgumentException(error);
    }

    static String value(String flag, String v) {
        if (v == null || v.startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value.");
        }
        return v;
    }

    static int integer(String flag, String v, int min) {
        try {
            int n = Integer.parseInt(v);
            if (n < min) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a whole number ≥ " + min
                    + ", got '" + v + "'.");
        }
    }

    /** A training time budget: {@code --minutes M} in (0, 30], the course's limit per run. */
    static double minutes(String flag, String v) {
        return minutes(flag, v, 30);
    }

    /** A training time budget in (0, max] minutes (RL may run two hours on two cores). */
    static double minutes(String flag, String v, double max) {
        double m = number(flag, value(flag, v));
        if (!(m > 0 && m <= max)) {
            throw new IllegalArgumentException(flag + " must be in (0, " + (int) max + "], got " + m + ".");
        }
        return m;
    }

    /** Difficulty levels {@code D} or {@code A-B} (inclusive), checked against the task's range. */
    static int[] levels(String flag, String v, Task task) {
        String s = value(flag, v);
        String[] parts = s.split("-", 2);
        int a = integer(flag, parts[0], 1);
        int b = parts.length == 2 ? integer(flag, parts[1], 1) : a;
        if (a > b || a < task.minDifficulty() || b > task.maxDifficulty()) {
            throw new IllegalArgumentException(flag + " for " + task.name() + " must be a level or a range "
                    + "A-B within " + task.minDifficulty() + ".." + task.maxDifficulty() + ", got '" + s + "'.");
        }
        return new int[] {a, b};
    }

    static double number(String flag, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a number, got '" + v + "'.");
        }
    }
}
