package dev.tinyreason.infer;

import com.google.gson.JsonObject;
import dev.tinyreason.io.JsonLines;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.Task;
import dev.tinyreason.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * The headroom probe: before spending compute on voting, preferences or reinforcement learning,
 * measure whether the model's samples hold what the technique feeds on. For each problem it
 * decodes greedily once and samples {@code k} reasoning paths, then reports, per difficulty:
 *
 * <ul>
 *   <li><b>greedy</b> and <b>one sample</b> accuracy (the mean over the k samples: pass@1);</li>
 *   <li><b>majority@k</b> (self-consistency's vote) and <b>pass@k</b>, with pass@j and
 *       majority@j for every power of two j below k: the gap pass@k − greedy is what RL can
 *       hope to turn into greedy accuracy (Yue et al. 2025), majority@k − greedy what a vote
 *       gives;</li>
 *   <li><b>distinct answers</b> among the k samples and the <b>top wrong answer's share</b>:
 *       voting fails when the wrong samples agree with each other;</li>
 *   <li>the <b>length spread</b> (coefficient of variation) of a problem's correct samples:
 *       a preference for concise reasoning needs short and long correct traces of one problem;</li>
 *   <li><b>entropy</b>: the mean −log p of the sampled tokens under the model, an unbiased
 *       estimate of the per-token entropy when the temperature is 1.</li>
 * </ul>
 * Each number comes with its standard error over problems (sd / √n), so a difference between
 * two models or levels can be read against its noise.
 *
 * <pre>{@code
 * List<Probe.Row> rows = new Probe(model, tokenizer).run(task, problems, 16, 1.0, 0, null);
 * rows.get(rows.size() - 1).majority().mean();   // the hardest level's majority@16
 * }</pre>
 */
public final class Probe {

    /**
     * A mean and its standard error, sd / √n with the sample sd (n − 1 in its denominator);
     * the error is NaN for fewer than two values, the mean too for none.
     */
    public record Stat(double mean, double se, int n) {
        public static Stat of(List<Double> xs) {
            int n = xs.size();
            if (n == 0) {
                return new Stat(Double.NaN, Double.NaN, 0);
            }
            double m = xs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double ss = xs.stream().mapToDouble(x -> (x - m) * (x - m)).sum();
            return new Stat(m, n > 1 ? Math.sqrt(ss / (n - 1) / n) : Double.NaN, n);
        }
    }

    /**
     * The probe's numbers for one task and difficulty (difficulty 0: all levels together).
     *
     * @param passAt      pass@j for j = 1, 2, 4, ... up to k (unbiased estimator, Chen et al. 2021)
     * @param majorityAt  majority@j over the first j samples, same j
     */
    public record Row(String task, int difficulty, int n, int k, double temperature, Stat greedy,
            Stat oneSample, Stat majority, Stat passAtK, Stat distinctAnswers, Stat topWrongShare,
            Stat correctLengthCv, Stat meanTokens, Stat entropy, Map<Integer, Stat> passAt,
            Map<Integer, Stat> majorityAt) {

        /** The row as the JSON object {@code ./tinyreason eval --method probe} prints. */
        public JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("task", task);
            o.addProperty("difficulty", difficulty == 0 ? "all" : Integer.toString(difficulty));
            o.addProperty("n", n);
            o.addProperty("k", k);
            o.addProperty("temperature", temperature);
            put(o, "greedy", greedy);
            put(o, "one_sample", oneSample);
            put(o, "majority_at_k", majority);
            put(o, "pass_at_k", passAtK);
            put(o, "distinct_answers", distinctAnswers);
            put(o, "top_wrong_share", topWrongShare);
            put(o, "correct_length_cv", correctLengthCv);
            put(o, "mean_tokens", meanTokens);
            put(o, "entropy", entropy);
            curve(o, "pass_at", passAt);
            curve(o, "majority_at", majorityAt);
            return o;
        }

        /** {@code key: {"1": mean, ...}} and {@code key_se: {"1": se, ...}}. */
        private static void curve(JsonObject o, String key, Map<Integer, Stat> stats) {
            JsonObject mean = new JsonObject();
            JsonObject se = new JsonObject();
            stats.forEach((j, s) -> {
                mean.add(Integer.toString(j), number(s.mean()));
                se.add(Integer.toString(j), number(s.se()));
            });
            o.add(key, mean);
            o.add(key + "_se", se);
        }

        /** The row's main numbers as one line of a table (Tablesaw renders a list of these). */
        public Line line() {
            return new Line(task, difficulty == 0 ? "all" : Integer.toString(difficulty), n, greedy.mean(),
                    greedy.se(), majority.mean(), majority.se(), passAtK.mean(), distinctAnswers.mean(),
                    topWrongShare.mean(), correctLengthCv.mean(), meanTokens.mean());
        }

        /** A row printed by {@link #toJson} (the standard errors' n is not stored: 0). */
        public static Row fromJson(JsonObject o) {
            String d = o.get("difficulty").getAsString();
            return new Row(o.get("task").getAsString(), d.equals("all") ? 0 : Integer.parseInt(d),
                    o.get("n").getAsInt(), o.get("k").getAsInt(), o.get("temperature").getAsDouble(),
                    stat(o, "greedy"), stat(o, "one_sample"), stat(o, "majority_at_k"), stat(o, "pass_at_k"),
                    stat(o, "distinct_answers"), stat(o, "top_wrong_share"), stat(o, "correct_length_cv"),
                    stat(o, "mean_tokens"), stat(o, "entropy"), curve(o, "pass_at"), curve(o, "majority_at"));
        }

        private static Stat stat(JsonObject o, String key) {
            return new Stat(value(o.get(key)), value(o.get(key + "_se")), 0);
        }

        private static Map<Integer, Stat> curve(JsonObject o, String key) {
            Map<Integer, Stat> out = new LinkedHashMap<>();
            JsonObject mean = o.getAsJsonObject(key);
            JsonObject se = o.getAsJsonObject(key + "_se");
            for (String j : mean.keySet()) {
                out.put(Integer.parseInt(j), new Stat(value(mean.get(j)), se == null ? Double.NaN
                        : value(se.get(j)), 0));
            }
            return out;
        }

        private static double value(com.google.gson.JsonElement e) {
            return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
        }

        /** A statistic and its standard error; null where there was nothing to measure. */
        private static void put(JsonObject o, String key, Stat s) {
            o.add(key, number(s.mean()));
            o.add(key + "_se", number(s.se()));
        }

        private static com.google.gson.JsonElement number(double x) {
            return Double.isNaN(x) ? com.google.gson.JsonNull.INSTANCE
                    : new com.google.gson.JsonPrimitive(round(x));
        }
    }

    /**
     * The rows of a file of {@code ./tinyreason eval --method probe} output, one JSON object per
     * line (the shipped {@code probe_*.jsonl} files of the checkpoints).
     */
    public static List<Row> load(Path file) {
        String fix = "write it with ./tinyreason eval --method probe ... > " + file;
        return JsonLines.read(file, fix, fix, (o, where) -> Row.fromJson(o));
    }

    /**
     * One probe row as a table line: accuracy of greedy decoding and of the vote with their
     * standard errors, pass@k, and the statistics that explain the gap.
     */
    public record Line(String task, String level, int n, double greedy, double greedySe, double majorityAtK,
            double majoritySe, double passAtK, double distinctAnswers, double topWrongShare,
            double correctLengthCv, double meanTokens) {}

    /** One problem's measurements. */
    private record One(int difficulty, boolean greedy, double oneSample, boolean majority,
            double[] passAt, boolean[] majorityAt, int distinct, double topWrong, double lengthCv,
            double meanTokens, double surprisal) {}

    private final LlamaModel model;
    private final Tokenizer tokenizer;

    public Probe(LlamaModel model, Tokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
    }

    /**
     * Probes {@code problems}: one row per difficulty, easiest first, then one for all of them
     * (difficulty 0) when there is more than one level. {@code onProblem} (may be null) hears
     * how many problems are sampled so far.
     */
    public List<Row> run(Task task, List<Example> problems, int k, double temperature, long seed,
            IntConsumer onProblem) {
        if (k < 1 || !(temperature > 0)) {
            throw new IllegalArgumentException("The probe samples k ≥ 1 paths at a positive temperature, "
                    + "got k=" + k + ", temperature=" + temperature + ".");
        }
        Evaluation greedy = new ChainOfThought(model, tokenizer).evaluate(task, problems, true);
        SelfConsistency sc = new SelfConsistency(model, tokenizer);
        List<Samples> samples = new ArrayList<>(problems.size());
        int batch = 8;
        for (int from = 0; from < problems.size(); from += batch) {
            List<Example> part = problems.subList(from, Math.min(problems.size(), from + batch));
            samples.addAll(sc.sample(part, k, temperature, seed + from));
            if (onProblem != null) {
                onProblem.accept(samples.size());
            }
        }
        return summarize(task, samples, greedy.graded().stream().map(Evaluation.Graded::correct).toList(),
                temperature);
    }

    /**
     * The rows of {@link #run} from samples already drawn (all with the same k) and whether
     * greedy decoding solved each problem.
     */
    public static List<Row> summarize(Task task, List<Samples> samples, List<Boolean> greedyCorrect,
            double temperature) {
        if (samples.size() != greedyCorrect.size() || samples.isEmpty()) {
            throw new IllegalArgumentException("One greedy result per problem's samples, got " + samples.size()
                    + " samples and " + greedyCorrect.size() + " greedy results.");
        }
        int k = samples.get(0).k();
        List<One> ones = new ArrayList<>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).k() != k) {
                throw new IllegalArgumentException("Every problem needs the same number of samples, got "
                        + k + " and " + samples.get(i).k() + ".");
            }
            ones.add(measure(task, samples.get(i), greedyCorrect.get(i)));
        }
        Map<Integer, List<One>> byLevel = new TreeMap<>();
        for (One o : ones) {
            byLevel.computeIfAbsent(o.difficulty(), d -> new ArrayList<>()).add(o);
        }
        List<Row> rows = new ArrayList<>();
        byLevel.forEach((d, list) -> rows.add(row(task.name(), d, list, k, temperature)));
        if (byLevel.size() > 1) {
            rows.add(row(task.name(), 0, ones, k, temperature));
        }
        return rows;
    }

    private static One measure(Task task, Samples s, boolean greedyCorrect) {
        int k = s.k();
        boolean[] correct = new boolean[k];
        int c = 0;
        Map<String, Integer> wrong = new LinkedHashMap<>();
        Set<String> answers = new HashSet<>();
        List<Double> correctLengths = new ArrayList<>();
        long tokens = 0;
        double logProb = 0;
        for (int i = 0; i < k; i++) {
            correct[i] = task.verify(s.example(), s.turns().get(i)).correct();
            String a = s.answers().get(i);
            if (a != null && !a.isBlank()) {
                answers.add(a.strip());
                if (!correct[i]) {
                    wrong.merge(a.strip(), 1, Integer::sum);
                }
            }
            if (correct[i]) {
                c++;
                correctLengths.add((double) s.tokens()[i]);
            }
            tokens += s.tokens()[i];
            logProb += s.logProbs()[i];
        }
        List<Integer> js = powersOfTwo(k);
        double[] passAt = new double[js.size()];
        boolean[] majorityAt = new boolean[js.size()];
        for (int j = 0; j < js.size(); j++) {
            passAt[j] = passAt(k, c, js.get(j));
            majorityAt[j] = s.grade(task, Samples.Vote.MAJORITY, js.get(j)).correct();
        }
        int top = wrong.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return new One(s.example().difficulty(), greedyCorrect, (double) c / k,
                majorityAt[majorityAt.length - 1], passAt, majorityAt, answers.size(), (double) top / k,
                cv(correctLengths), (double) tokens / k, tokens == 0 ? 0 : -logProb / tokens);
    }

    /**
     * The chance that at least one of {@code j} samples drawn without replacement from {@code k},
     * of which {@code c} are correct, is correct: {@code 1 - C(k-c, j) / C(k, j)}.
     */
    public static double passAt(int k, int c, int j) {
        if (k - c < j) {
            return 1;
        }
        double miss = 1;
        for (int i = k - c + 1; i <= k; i++) {
            miss *= 1 - (double) j / i;
        }
        return 1 - miss;
    }

    /** 1, 2, 4, ... and k itself. */
    static List<Integer> powersOfTwo(int k) {
        List<Integer> js = new ArrayList<>();
        for (int j = 1; j < k; j *= 2) {
            js.add(j);
        }
        js.add(k);
        return js;
    }

    /** sd / mean of two or more lengths; NaN with fewer (the problem has no spread to measure). */
    private static double cv(List<Double> xs) {
        if (xs.size() < 2) {
            return Double.NaN;
        }
        double m = xs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double v = xs.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / xs.size();
        return m == 0 ? 0 : Math.sqrt(v) / m;
    }

    private static Row row(String task, int difficulty, List<One> ones, int k, double temperature) {
        List<Integer> js = powersOfTwo(k);
        Map<Integer, Stat> pass = new LinkedHashMap<>();
        Map<Integer, Stat> maj = new LinkedHashMap<>();
        for (int j = 0; j < js.size(); j++) {
            int at = j;
            pass.put(js.get(j), Stat.of(ones.stream().map(o -> o.passAt()[at]).toList()));
            maj.put(js.get(j), Stat.of(ones.stream().map(o -> o.majorityAt()[at] ? 1.0 : 0.0).toList()));
        }
        List<Double> cvs = ones.stream().map(One::lengthCv).filter(x -> !Double.isNaN(x)).toList();
        return new Row(task, difficulty, ones.size(), k, temperature,
                Stat.of(ones.stream().map(o -> o.greedy() ? 1.0 : 0.0).toList()),
                Stat.of(ones.stream().map(One::oneSample).toList()),
                Stat.of(ones.stream().map(o -> o.majority() ? 1.0 : 0.0).toList()),
                pass.get(k),
                Stat.of(ones.stream().map(o -> (double) o.distinct()).toList()),
                Stat.of(ones.stream().map(One::topWrong).toList()),
                Stat.of(cvs),
                Stat.of(ones.stream().map(One::meanTokens).toList()),
                Stat.of(ones.stream().map(One::surprisal).toList()),
                pass, maj);
    }

    private static double round(double x) {
        return Double.isNaN(x) ? Double.NaN : Math.round(x * 10000) / 10000.0;
    }
}
