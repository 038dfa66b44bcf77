package dev.tinyreason.cli;

import com.google.gson.JsonObject;
import dev.tinyreason.infer.tree.JudgeProbValuer;
import dev.tinyreason.infer.tree.JudgeValuer;
import dev.tinyreason.infer.tree.OracleValuer;
import dev.tinyreason.infer.tree.PathLogProbValuer;
import dev.tinyreason.infer.tree.Valuer;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.tokenizer.Tokenizer;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * A tree search's settings, from {@code eval --method tot-bfs|tot-dfs|mcts}
 * ({@link dev.tinyreason.infer.tree}).
 *
 * @param breadth    BFS's b
 * @param value      how states are scored
 * @param judgements judgements per state for the judge
 * @param budget     states DFS or MCTS may expand
 * @param threshold  DFS prunes children valued below it
 */
record EvalTree(int breadth, Value value, int judgements, int budget, double threshold) {

    static final double JUDGE_TEMPERATURE = 0.7;
    static final double MCTS_C = 1.0;

    /** What {@code --value} selects: how a search scores a state. Each builds its valuer. */
    enum Value {

        /** The paper's sampled sure/likely/impossible; needs the {@code tot} checkpoint. */
        JUDGE {
            @Override
            Valuer valuer(LlamaModel model, Tokenizer tokenizer, EvalTree tree, long seed) {
                return new JudgeValuer(model, tokenizer, tree.judgements(), JUDGE_TEMPERATURE,
                        seed);
            }
        },

        /** The judge's own probabilities of the three labels. */
        PROBS {
            @Override
            Valuer valuer(LlamaModel model, Tokenizer tokenizer, EvalTree tree, long seed) {
                return new JudgeProbValuer(model, tokenizer);
            }
        },

        /** The path's probability under the model: works with any checkpoint. */
        LOGPROB {
            @Override
            Valuer valuer(LlamaModel model, Tokenizer tokenizer, EvalTree tree, long seed) {
                return new PathLogProbValuer(model, tokenizer);
            }

            @Override
            double defaultThreshold() {
                return 0;
            }
        },

        /** Exact, by exhaustive search: an upper bound, not a model. */
        ORACLE {
            @Override
            Valuer valuer(LlamaModel model, Tokenizer tokenizer, EvalTree tree, long seed) {
                return new OracleValuer();
            }
        };

        abstract Valuer valuer(LlamaModel model, Tokenizer tokenizer, EvalTree tree, long seed);

        /** DFS's pruning value when {@code --threshold} is not given: 0.5 on the judge's scale. */
        double defaultThreshold() {
            return 0.5;
        }

        /** The name on the command line: {@code logprob}. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The value called {@code name}; the error lists them. */
        static Value named(String name) {
            for (Value v : values()) {
                if (v.toString().equals(name)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("--value must be " + Cli.choices(values())
                    + ", got '" + name + "'.");
        }
        /** For picocli: {@code --value logprob}; the error lists the choices. */
        static final class Converter implements ITypeConverter<Value> {
            @Override
            public Value convert(String name) {
                return named(name);
            }
        }
    }

    /**
     * The flags that set them, a section of {@code eval --help}; picocli fills them in (and
     * leaves the group null when none is given, so the help states the defaults in words).
     */
    static final class Flags {

        @Option(names = "--breadth", paramLabel = "B", converter = Cli.Positive.class,
                description = "BFS's b: states kept per depth (default 5).")
        int breadth = 5;

        @Option(names = "--value", paramLabel = "V", converter = Value.Converter.class,
                description = "How states are scored: ${COMPLETION-CANDIDATES} (default "
                        + "judge).")
        Value value = Value.JUDGE;

        @Option(names = "--judgements", paramLabel = "N", converter = Cli.Positive.class,
                description = "The judge's samples per state (default 3).")
        int judgements = 3;

        @Option(names = "--budget", paramLabel = "N", converter = Cli.Positive.class,
                description = "States DFS or MCTS may expand (default 20).")
        int budget = 20;

        @Option(names = "--threshold", paramLabel = "X", description = "DFS prunes children "
                + "valued below X (default 0.5; 0 for logprob).")
        Double threshold;

        EvalTree settings() {
            return new EvalTree(breadth, value, judgements, budget,
                    threshold != null ? threshold : value.defaultThreshold());
        }
    }

    /** The settings as the {@code search} object of the JSON line. */
    JsonObject toJson(int k, double temperature) {
        JsonObject o = new JsonObject();
        o.addProperty("k", k);
        o.addProperty("temperature", temperature);
        o.addProperty("value", value.toString());
        o.addProperty("breadth", breadth);
        o.addProperty("judgements", judgements);
        o.addProperty("budget", budget);
        o.addProperty("threshold", threshold);
        return o;
    }
}
