package dev.tinyreason.cli;

import com.google.gson.JsonObject;
import dev.tinyreason.infer.ChainOfThought;
import dev.tinyreason.infer.Probe;
import dev.tinyreason.infer.SelfConsistency;
import dev.tinyreason.infer.Tellings;
import dev.tinyreason.infer.tree.Bfs;
import dev.tinyreason.infer.tree.Dfs;
import dev.tinyreason.infer.tree.Mcts;
import dev.tinyreason.infer.tree.ModelProposer;
import dev.tinyreason.infer.tree.Proposer;
import dev.tinyreason.infer.tree.Search;
import dev.tinyreason.infer.tree.TreeOfThoughts;
import dev.tinyreason.infer.tree.Valuer;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.Task;
import dev.tinyreason.tasks.Word;
import dev.tinyreason.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.ITypeConverter;

/**
 * What {@code eval --method} selects. Each constant builds the evaluator it names and runs it
 * on a {@link Job}, returning the JSON objects that {@code eval} prints, one a line.
 */
enum EvalMethod {

    /** Greedy with thinking off: the answer straight away. */
    DIRECT(Kind.GREEDY) {
        @Override
        List<JsonObject> run(Job j) {
            return List.of(new ChainOfThought(j.model(), j.tokenizer())
                    .evaluate(j.task(), j.problems(), false).toJson());
        }
    },

    /** Greedy chain of thought: think, then answer. */
    COT(Kind.GREEDY) {
        @Override
        List<JsonObject> run(Job j) {
            return List.of(new ChainOfThought(j.model(), j.tokenizer())
                    .evaluate(j.task(), j.problems(), true).toJson());
        }
    },

    /** Self-consistency: k sampled chains of thought, the majority answer wins. */
    SC(Kind.SAMPLED) {
        @Override
        List<JsonObject> run(Job j) {
            JsonObject line = new SelfConsistency(j.model(), j.tokenizer()).evaluate(j.task(),
                    j.problems(), j.k(), j.temperature(), j.seed()).toJson();
            line.addProperty("k", j.k());
            return List.of(line);
        }
    },

    /**
     * Self-consistency over rewordings (word problems): k tellings of each problem, each
     * decoded greedily, the majority answer wins. One line per k in 1, 3, 5, 9, … up to
     * {@code --k}, each with its paired difference from telling 0 alone (greedy CoT).
     */
    TELLINGS(Kind.GREEDY) {
        @Override
        List<JsonObject> run(Job j) {
            if (!(j.task() instanceof Word word)) {
                throw new IllegalArgumentException("--method tellings rewords word problems; "
                        + "use it with --task word, not " + j.task().name() + ".");
            }
            return Tellings.measure(word, new SelfConsistency(j.model(), j.tokenizer())
                    .sampleTellings(j.problems(), j.k(), word::telling));
        }
    },

    /** Per difficulty level, greedy beside majority and pass@k of k samples: one row each. */
    PROBE(Kind.SAMPLED) {
        @Override
        List<JsonObject> run(Job j) {
            long t0 = System.nanoTime();
            int total = j.problems().size();
            List<JsonObject> rows = new ArrayList<>();
            for (Probe.Row row : new Probe(j.model(), j.tokenizer()).run(j.task(), j.problems(),
                    j.k(), j.temperature(), j.seed(), n -> System.err.printf(Locale.ROOT,
                            "[probe] %d/%d problems · %.0f s%n", n, total,
                            (System.nanoTime() - t0) / 1e9))) {
                rows.add(row.toJson());
            }
            return rows;
        }

        @Override
        double defaultTemperature() {
            return 1.0;
        }
    },

    /** Tree of Thoughts, breadth first: the {@code --breadth} best states of each depth. */
    TOT_BFS(Kind.TREE) {
        @Override
        List<JsonObject> run(Job j) {
            return search(j, new Bfs(proposer(j), valuer(j), j.tree().breadth()));
        }
    },

    /** Tree of Thoughts, depth first: prunes below {@code --threshold}, {@code --budget} states. */
    TOT_DFS(Kind.TREE) {
        @Override
        List<JsonObject> run(Job j) {
            return search(j, new Dfs(proposer(j), valuer(j), j.tree().threshold(),
                    j.tree().budget()));
        }
    },

    /** Monte Carlo tree search, {@code --budget} iterations. */
    MCTS(Kind.TREE) {
        @Override
        List<JsonObject> run(Job j) {
            return search(j, new Mcts(proposer(j), valuer(j), j.tree().budget(),
                    EvalTree.MCTS_C));
        }
    };

    /** How a method reads the model: one greedy path, k sampled paths, or a tree search. */
    enum Kind { GREEDY, SAMPLED, TREE }

    /**
     * What a method runs on. {@code k}, {@code temperature} and {@code seed} are for the
     * methods that sample; {@code tree} for the tree searches.
     */
    record Job(LlamaModel model, Tokenizer tokenizer, Task task, List<Example> problems, int k,
            double temperature, long seed, EvalTree tree) {}

    private final Kind kind;

    EvalMethod(Kind kind) {
        this.kind = kind;
    }

    /** Runs this method on the job's problems: the JSON objects to print, one a line. */
    abstract List<JsonObject> run(Job j);

    Kind kind() {
        return kind;
    }

    /** The sampling temperature when {@code --temperature} is not given. */
    double defaultTemperature() {
        return kind == Kind.TREE ? 1.0 : 0.7;
    }

    /** The name on the command line: {@code tot-bfs} for TOT_BFS. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The method called {@code name}; the error lists them. */
    static EvalMethod named(String name) {
        for (EvalMethod m : values()) {
            if (m.toString().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("--method must be " + Cli.choices(values())
                + ", got '" + name + "'.");
    }

    /** For picocli: {@code --method tot-bfs}; the error lists the choices. */
    static final class Converter implements ITypeConverter<EvalMethod> {
        @Override
        public EvalMethod convert(String name) {
            return named(name);
        }
    }

    /** The model proposes k sampled next steps per state. */
    private static Proposer proposer(Job j) {
        return new ModelProposer(j.model(), j.tokenizer(), j.k(), j.temperature(), j.seed());
    }

    /** The valuer that {@code --value} names. */
    private static Valuer valuer(Job j) {
        return j.tree().value().valuer(j.model(), j.tokenizer(), j.tree(), j.seed());
    }

    /** {@code search} on every problem, a progress line each, then the line with its settings. */
    List<JsonObject> search(Job j, Search search) {
        long t0 = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger solved = new AtomicInteger();
        TreeOfThoughts.Scored s = TreeOfThoughts.evaluate(j.task(), j.problems(), search,
                toString(), r -> {
                    done.incrementAndGet();
                    solved.addAndGet(r.solved() ? 1 : 0);
                    System.err.printf(Locale.ROOT, "[%s] %d/%d · solved %d · %s · %d calls · "
                            + "%.0f s%n", this, done.get(), j.problems().size(), solved.get(),
                            r.problem().prompt(), r.modelCalls(), (System.nanoTime() - t0) / 1e9);
                });
        JsonObject o = s.toJson();
        o.add("search", j.tree().toJson(j.k(), j.temperature()));
        return List.of(o);
    }
}
