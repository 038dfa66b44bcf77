package dev.tinyreason.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tinyreason.infer.ChainOfThought;
import dev.tinyreason.infer.Evaluation;
import dev.tinyreason.infer.SelfConsistency;
import dev.tinyreason.model.Checkpoint;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.tasks.Example;
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
 * --method direct|cot|sc [--k K] [--temperature t] [--limit N] [--seed S]}: one JSON object on
 * stdout with task, method, n, accuracy, format_rate, mean_completion_tokens and the compute
 * spent (prompt, generated and forward tokens), plus accuracy by difficulty.
 * {@code --limit N} evaluates N problems spread evenly over the file (every level covered).
 */
public final class Eval {

    static final String USAGE = "usage: eval --checkpoint DIR --task T (--split test | --input "
            + "FILE.jsonl) --method direct|cot|sc [--k K] [--temperature t] [--limit N] "
            + "[--seed S]\n   or: eval --checkpoint DIR --report [--limit N]   "
            + "(writes DIR/eval.json)";

    /** Parsed arguments. */
    record Args(Path checkpoint, String task, String split, Path input, String method, int k,
            double temperature, int limit, long seed) {}

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
        List<Example> problems = a.input() != null ? TaskData.read(a.input(), task)
                : TaskData.read(dataDir().resolve(task.name()).resolve(a.split() + ".jsonl"),
                        task);
        problems = Evaluation.spread(problems, a.limit());
        try (LlamaModel model = c.model()) {
            Evaluation e = evaluate(model, c.tokenizer(), task, problems, a.method(), a.k(),
                    a.temperature(), a.seed());
            System.out.println(e.toJsonLine());
        }
        return 0;
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
        writeStageReport(checkpoint, dataDir(),
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
                    + "'; use direct, cot or sc.");
        };
    }

    /**
     * The {@code eval.json} of a training stage: direct and cot on the test split of every
     * trained task, {@code limit} problems each, spread over the difficulty levels.
     */
    public static JsonObject stageReport(Path checkpoint, Path dataDir, List<Task> tasks,
            int limit) {
        Checkpoint c = Checkpoint.load(checkpoint);
        JsonArray results = new JsonArray();
        try (LlamaModel model = c.model()) {
            for (Task task : tasks) {
                List<Example> problems = Evaluation.spread(TaskData.read(dataDir
                        .resolve(task.name()).resolve("test.jsonl"), task), limit);
                for (String method : List.of("direct", "cot")) {
                    Evaluation e = evaluate(model, c.tokenizer(), task, problems, method, 1, 0,
                            0);
                    results.add(e.toJson());
                    System.err.println("[eval] " + e.toJsonLine());
                }
            }
        }
        JsonObject o = new JsonObject();
        o.addProperty("checkpoint", checkpoint.getFileName().toString());
        o.addProperty("split", "test");
        o.addProperty("limit_per_task", limit);
        o.addProperty("command", "./tinyreason eval --checkpoint DIR --task T --split test "
                + "--method M --limit " + limit);
        o.add("results", results);
        return o;
    }

    /** Writes {@link #stageReport} as {@code eval.json} in the checkpoint folder. */
    public static void writeStageReport(Path checkpoint, Path dataDir, List<Task> tasks,
            int limit) throws java.io.IOException {
        JsonObject o = stageReport(checkpoint, dataDir, tasks, limit);
        Files.writeString(checkpoint.resolve("eval.json"), new GsonBuilder().setPrettyPrinting()
                .disableHtmlEscaping().create().toJson(o) + "\n");
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
        double temperature = 0.7;
        int limit = 0;
        long seed = 0;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (flag) {
                case "--checkpoint" -> checkpoint = Path.of(value(flag, v));
                case "--task" -> task = value(flag, v);
                case "--split" -> split = value(flag, v);
                case "--input" -> input = Path.of(value(flag, v));
                case "--method" -> method = value(flag, v);
                case "--k" -> k = integer(flag, value(flag, v), 1);
                case "--temperature" -> temperature = number(flag, value(flag, v));
                case "--limit" -> limit = integer(flag, value(flag, v), 1);
                case "--seed" -> seed = integer(flag, value(flag, v), 0);
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
                    + "JSONL file in the format of data/" + task + "/test.jsonl.");
        }
        if (method == null || !List.of("direct", "cot", "sc").contains(method)) {
            throw new IllegalArgumentException("--method must be direct, cot or sc"
                    + (method == null ? "" : ", got '" + method + "'") + ".");
        }
        if (!(temperature > 0) && method.equals("sc")) {
            throw new IllegalArgumentException("--temperature must be positive for sc (it "
                    + "samples k different paths), got " + temperature + ".");
        }
        return new Args(checkpoint, task, split, input, method, k, temperature, limit, seed);
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

    static double number(String flag, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a number, got '" + v + "'.");
        }
    }
}
