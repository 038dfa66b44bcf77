package dev.tinyreason.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.tinyreason.infer.Evaluation;
import dev.tinyreason.infer.StageReport;
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
import dev.tinyreason.train.sft.StageRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./tinyreason eval --checkpoint DIR --task T (--split test | --input FILE.jsonl)
 * --method M [--k K] [--temperature t] [--limit N] [--seed S]}: one JSON object on stdout with
 * task, method, n, accuracy, format_rate, mean_completion_tokens and the compute spent
 * (prompt, generated and forward tokens), plus accuracy by difficulty. The methods are the
 * constants of {@link EvalMethod}, which runs each one; {@code --help} lists them.
 * {@code --limit N} evaluates N problems spread evenly over the file (every level covered).
 *
 * <p><b>Tree search</b> ({@code tot-bfs}, {@code tot-dfs}, {@code mcts}; tasks game24 and
 * countdown, see {@link dev.tinyreason.infer.tree}): the model proposes {@code --k} sampled
 * next steps per state at {@code --temperature} (default 1.0), and {@code --value} scores
 * states ({@link EvalTree.Value}). {@code --breadth} is BFS's b; {@code --budget} the states
 * DFS or MCTS may expand; {@code --threshold} DFS's pruning value (default 0.5 on the
 * judgement scale, 0 for logprob). The JSON line adds {@code model_calls} and the search's
 * settings.
 *
 * <p><b>{@code --input}</b> takes task data lines (as in {@code data/<task>/test.jsonl}) or,
 * for game24 and countdown, bare puzzles {@code {"numbers":[4,9,10,13]}} and
 * {@code {"numbers":[3,7,25,50],"target":82}} ({@link dev.tinyreason.tasks.Puzzles}).
 *
 * <p><b>{@code --report}</b> writes {@code DIR/eval.json} instead ({@link StageReport}), as the
 * train commands do after training.
 */
@Command(name = "eval", description = "Held-out accuracy of a checkpoint as JSON.",
        customSynopsis = {
            "./tinyreason eval --checkpoint DIR --task T (--split S | --input FILE)",
            "         --method M [--k K] [--temperature T] [--limit N] [--difficulty D]",
            "         [--seed S] [tree search: --breadth B --value V --judgements N",
            "         --budget N --threshold X]",
            "   or: ./tinyreason eval --checkpoint DIR --report [--limit N]"})
public final class Eval implements Callable<Integer> {

    /** Problems per task that {@code --report} evaluates unless {@code --limit} says. */
    static final int REPORT_LIMIT = 45;

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", paramLabel = "DIR", description = "A checkpoint folder, "
            + "e.g. data/checkpoints/sft-think.")
    Path checkpoint;

    @Option(names = "--task", paramLabel = "T", description = "The task: arith, word, "
            + "countdown or game24.")
    String task;

    @Option(names = "--split", paramLabel = "S", description = "train, val or test: "
            + "data/<task>/<split>.jsonl.")
    String split;

    @Option(names = "--input", paramLabel = "FILE", description = "Task data lines or bare "
            + "puzzles {\"numbers\":[...]}, one JSON object a line.")
    Path input;

    @Option(names = "--method", paramLabel = "M", converter = EvalMethod.Converter.class,
            description = "${COMPLETION-CANDIDATES}.")
    EvalMethod method;

    @Option(names = "--k", paramLabel = "K", converter = Cli.Positive.class,
            description = "Samples per problem, or proposals per state (default "
                    + "${DEFAULT-VALUE}).")
    int k = 8;

    @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature "
            + "(default 0.7; 1.0 for probe and tree search).")
    Double temperature;

    @Option(names = "--limit", paramLabel = "N", converter = Cli.Positive.class,
            description = "N problems spread over the file (default all; 45 a task with "
                    + "--report).")
    Integer limit;

    @Option(names = "--difficulty", paramLabel = "D", converter = Cli.Positive.class,
            description = "Only the problems of this level.")
    int difficulty;

    @Option(names = "--seed", paramLabel = "S", converter = Cli.NonNegative.class,
            description = "Seed of the sampling (default ${DEFAULT-VALUE}).")
    int seed;

    @ArgGroup(exclusive = false, heading = "Tree search (tot-bfs, tot-dfs, mcts):%n")
    EvalTree.Flags treeFlags;

    @Option(names = "--report", description = "Write DIR/eval.json: direct and cot on the "
            + "test split of every trained task.")
    boolean report;

    /** {@code ./tinyreason eval ARGS}. */
    public static int run(String[] args) {
        return Main.run(List.of("eval"), args);
    }

    @Override
    public Integer call() throws Exception {
        if (report) {
            return report();
        }
        validate();
        Checkpoint c = Checkpoint.load(checkpoint);
        if (c.tokenizer() == null) {
            throw new IllegalArgumentException(checkpoint + " has no tokenizer.json; save the "
                    + "checkpoint with its tokenizer (Checkpoint.of(model, tokenizer)).");
        }
        Task t = Tasks.named(task);
        List<Example> problems = Evaluation.spread(problems(t), limit == null ? 0 : limit);
        EvalTree tree = (treeFlags != null ? treeFlags : new EvalTree.Flags()).settings();
        double temp = temperature != null ? temperature : method.defaultTemperature();
        try (LlamaModel model = c.model()) {
            EvalMethod.Job job = new EvalMethod.Job(model, c.tokenizer(), t, problems, k, temp,
                    seed, tree);
            for (JsonObject line : method.run(job)) {
                System.out.println(GSON.toJson(line));
            }
        }
        return 0;
    }

    /** The flags' mistakes that no single flag shows. */
    private void validate() {
        if (checkpoint == null) {
            throw Cli.mistake(spec, "--checkpoint is required, e.g. --checkpoint "
                    + "data/checkpoints/sft-think");
        }
        Cli.requireCheckpoint(spec, "--checkpoint", checkpoint, "train one with ./tinyreason "
                + "train or point to data/checkpoints/<stage>.");
        if (task == null || !Tasks.exists(task)) {
            throw Cli.mistake(spec, "--task must be one of " + String.join(", ", Tasks.names())
                    + (task == null ? "" : ", got '" + task + "'") + ".");
        }
        if ((split == null) == (input == null)) {
            throw Cli.mistake(spec, "Give exactly one of --split (train, val, test) or --input "
                    + "FILE.jsonl.");
        }
        Split named = null;
        if (split != null) {
            try {
                named = Split.named(split);
            } catch (IllegalArgumentException e) {
                throw Cli.mistake(spec, "--" + e.getMessage());
            }
        }
        if (named != null && !Tasks.named(task).splits().contains(named)) {
            throw Cli.mistake(spec, "Task " + task + " has no " + split + " split; use --split "
                    + "test.");
        }
        boolean puzzles = List.of(Game24.NAME, Countdown.NAME).contains(task);
        if (input != null && !Files.isRegularFile(input)) {
            throw Cli.mistake(spec, "--input " + input + " does not exist; give a JSONL file in "
                    + "the format of data/" + task + "/test.jsonl" + (puzzles
                    ? " or puzzles {\"numbers\":[4,9,10,13]} one per line" : "") + ".");
        }
        if (method == null) {
            throw Cli.mistake(spec, "--method must be " + Cli.choices(EvalMethod.values())
                    + ".");
        }
        boolean tree = method.kind() == EvalMethod.Kind.TREE;
        double temp = temperature != null ? temperature : method.defaultTemperature();
        if (!(temp > 0) && method.kind() != EvalMethod.Kind.GREEDY) {
            throw Cli.mistake(spec, "--temperature must be positive for " + method
                    + " (it samples k different " + (tree ? "next steps" : "paths")
                    + "), got " + temp + ".");
        }
        if (!tree && treeFlags != null) {
            throw Cli.mistake(spec, treeFlag() + " is a tree-search setting; use it with "
                    + "--method tot-bfs, tot-dfs or mcts, not " + method + ".");
        }
        if (tree && !puzzles) {
            throw Cli.mistake(spec, "--method " + method + " searches number puzzles step by "
                    + "step; use --task game24 or countdown, not " + task + ".");
        }
    }

    /** The first tree-search flag on the command line. */
    private String treeFlag() {
        return spec.commandLine().getParseResult().matchedOptions().stream()
                .filter(o -> o.group() != null).map(OptionSpec::longestName).findFirst()
                .orElse("--breadth");
    }

    /** The problems of {@code --split} or {@code --input}, of one level if asked. */
    private List<Example> problems(Task t) {
        String source = input != null ? input.toString() : split + ".jsonl";
        List<Example> problems = input == null ? TaskData.read(Cli.dataDir().resolve(t.name())
                .resolve(split + ".jsonl"), t) : Puzzles.isPuzzleFile(input)
                ? Puzzles.read(input, t) : TaskData.read(input, t);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no problems; give a file with "
                    + "one JSON object per line (prompt, answer).");
        }
        if (difficulty > 0) {
            problems = problems.stream().filter(e -> e.difficulty() == difficulty).toList();
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("no " + t.name() + " problem has difficulty "
                        + difficulty + " in " + source + "; levels run from "
                        + t.minDifficulty() + " to " + t.maxDifficulty() + ".");
            }
        }
        return problems;
    }

    /**
     * {@code eval --checkpoint DIR --report [--limit N]}: writes {@code DIR/eval.json}, direct
     * and cot on the test split of every trained task (N problems each, default 45).
     */
    private int report() throws Exception {
        for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            if (!Set.of("--report", "--checkpoint", "--limit").contains(o.longestName())) {
                throw Cli.mistake(spec, "Unknown option '" + o.longestName() + "' with "
                        + "--report; it takes --checkpoint and --limit.");
            }
        }
        Cli.requireCheckpoint(spec, "--checkpoint", checkpoint, "--report needs --checkpoint "
                + "DIR, e.g. data/checkpoints/sft-think.");
        StageReport.write(checkpoint, Cli.dataDir(), StageRun.trainingTasks(),
                limit != null ? limit : REPORT_LIMIT);
        System.out.println(checkpoint.resolve("eval.json"));
        return 0;
    }
}
