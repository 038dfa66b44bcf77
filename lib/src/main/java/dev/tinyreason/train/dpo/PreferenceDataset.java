package dev.tinyreason.train.dpo;

import com.google.gson.JsonObject;
import dev.tinyreason.infer.ChainOfThought;
import dev.tinyreason.infer.Evaluation;
import dev.tinyreason.infer.Samples;
import dev.tinyreason.infer.SelfConsistency;
import dev.tinyreason.io.JsonLines;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.Task;
import dev.tinyreason.tasks.TaskData;
import dev.tinyreason.tasks.Tasks;
import dev.tinyreason.tokenizer.Tokenizer;
import dev.tinyreason.train.sft.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Preference pairs from the model's own samples on training problems (on-policy, as in the
 * trlm recipe's stage 3). Per problem, the <b>chosen</b> side is always the shortest correct,
 * well-formed sample, and a problem gives up to two pairs ({@link Mix}):
 * <ul>
 *   <li>a <b>length pair</b>: rejected = the longest correct, well-formed sample, if it is at
 *       least {@code lengthRatio} times as long as the chosen one. Both answers are right; the
 *       only signal is length. Sampling N and preferring the shortest correct over a longer
 *       correct one is what shortens reasoning at equal accuracy (Munkhbat et al. 2025,
 *       "Self-training elicits concise reasoning");</li>
 *   <li>a <b>correctness pair</b>: rejected = a wrong answer if there is one, else a malformed
 *       sample.</li>
 * </ul>
 * A problem with no correct sample, or nothing to reject, gives no pair.
 *
 * <p>Saved as JSONL, one pair per line, with provenance: the task, the problem's generator
 * seed and difficulty, the rejection reason and both lengths.
 */
public final class PreferenceDataset {

    /**
     * Which pairs a problem gives.
     *
     * @param lengthRatio      a correct sample this many times longer than the chosen one makes
     *                         a length pair (at least 1)
     * @param lengthPairs      build length pairs
     * @param correctnessPairs build correctness pairs
     */
    public record Mix(double lengthRatio, boolean lengthPairs, boolean correctnessPairs) {

        /** Both kinds, a length pair from 1.3 times the chosen length. */
        public static final Mix DEFAULT = new Mix(1.3, true, true);

        public Mix {
            if (!(lengthRatio >= 1)) {
                throw new IllegalArgumentException("lengthRatio must be at least 1 (the rejected side is the "
                        + "longer), got " + lengthRatio + ".");
            }
            if (!lengthPairs && !correctnessPairs) {
                throw new IllegalArgumentException("A mix needs length pairs, correctness pairs or both.");
            }
        }

        public Mix withLengthRatio(double r) {
            return new Mix(r, lengthPairs, correctnessPairs);
        }

        /** Only the length pairs (false) or only the correctness pairs (true), not both. */
        public Mix only(boolean correctness) {
            return new Mix(lengthRatio, !correctness, correctness);
        }
    }

    /**
     * The pairs a DPO run trains on and the held-out pairs it is judged on, saved side by side
     * as {@code train.jsonl} and {@code val.jsonl} (the CLI's folder is {@code data/dpo/}).
     */
    public record Pairs(List<PreferencePair> train, List<PreferencePair> val) {

        public Pairs {
            train = List.copyOf(train);
            val = List.copyOf(val);
        }

        /** Writes {@code dir/train.jsonl} and {@code dir/val.jsonl}. */
        public void save(Path dir) {
            PreferenceDataset.save(train, dir.resolve("train.jsonl"));
            PreferenceDataset.save(val, dir.resolve("val.jsonl"));
        }

        /** Reads the two files {@link #save} wrote. */
        public static Pairs load(Path dir) {
            return new Pairs(PreferenceDataset.load(dir.resolve("train.jsonl")),
                    PreferenceDataset.load(dir.resolve("val.jsonl")));
        }

        /**
         * Where round {@code round} of iterative DPO ({@code train dpo --rounds}) keeps its
         * pairs under {@code dir}: round 1 in {@code dir} itself, round r in
         * {@code dir/round-r}.
         */
        public static Path roundDir(Path dir, int round) {
            if (round < 1) {
                throw new IllegalArgumentException("rounds count from 1, got " + round + ".");
            }
            return round == 1 ? dir : dir.resolve("round-" + round);
        }

        /** Every round's pairs under {@code dir}, round 1 first, up to the first round missing. */
        public static List<Pairs> loadRounds(Path dir) {
            List<Pairs> out = new ArrayList<>();
            for (int r = 1; Files.isRegularFile(roundDir(dir, r).resolve("train.jsonl")); r++) {
                out.add(load(roundDir(dir, r)));
            }
            return out;
        }
    }

    private PreferenceDataset() {}

    /**
     * On-policy pairs from {@code model}'s own samples, {@code k} per problem at
     * {@code temperature} ({@link SelfConsistency#sample}), built by {@code mix}:
     * <ul>
     *   <li>train: {@code problemsPerTask} fresh problems per task from the generators,
     *       starting at {@code problemOffset} so they differ from those earlier stages drew
     *       ({@link Corpus#examples}); sampling seed 1;</li>
     *   <li>val: {@code problemsPerTask / 4} problems per task from
     *       {@code dataDir/<task>/val.jsonl}, spread over its levels
     *       ({@link Evaluation#spread}); sampling seed 2.</li>
     * </ul>
     * Nothing is saved here; {@link Pairs#save} does that.
     */
    public static Pairs sample(LlamaModel model, Tokenizer tokenizer, List<Task> tasks,
            Path dataDir, int problemsPerTask, int problemOffset, int k, double temperature,
            Mix mix) {
        SelfConsistency sampler = new SelfConsistency(model, tokenizer);
        List<PreferencePair> train = pairs(sampler.sample(Corpus.examples(tasks,
                problemsPerTask, problemOffset), k, temperature, 1), mix);
        List<Example> valProblems = new ArrayList<>();
        for (Task t : tasks) {
            valProblems.addAll(Evaluation.spread(TaskData.read(dataDir.resolve(t.name())
                    .resolve("val.jsonl"), t), problemsPerTask / 4));
        }
        List<PreferencePair> val = pairs(sampler.sample(valProblems, k, temperature, 2), mix);
        return new Pairs(train, val);
    }

    /** The pairs that {@code samples} (k ≥ 2 per problem) yield by {@link Mix#DEFAULT}. */
    public static List<PreferencePair> pairs(List<Samples> samples) {
        return pairs(samples, Mix.DEFAULT);
    }

    /** The pairs that {@code samples} yield by {@code mix}, in problem order. */
    public static List<PreferencePair> pairs(List<Samples> samples, Mix mix) {
        List<PreferencePair> out = new ArrayList<>();
        for (Samples s : samples) {
            out.addAll(pairs(s, mix));
        }
        return out;
    }

    /** The pairs (zero, one or two: the length pair first) of one problem's samples. */
    public static List<PreferencePair> pairs(Samples s, Mix mix) {
        Task task = Tasks.named(s.example().task());
        int chosen = -1;
        int longest = -1;
        int wrong = -1;
        int malformed = -1;
        for (int i = 0; i < s.k(); i++) {
            String turn = s.turns().get(i);
            boolean ok = task.verify(s.example(), turn).correct();
            boolean formed = task.formatOk(turn);
            if (ok && formed) {
                if (chosen < 0 || s.tokens()[i] < s.tokens()[chosen]) {
                    chosen = i;
                }
                if (longest < 0 || s.tokens()[i] > s.tokens()[longest]) {
                    longest = i;
                }
            } else if (!formed && malformed < 0) {
                malformed = i;
            } else if (!ok && wrong < 0) {
                wrong = i;
            }
        }
        List<PreferencePair> out = new ArrayList<>(2);
        if (chosen < 0) {
            return out;
        }
        if (mix.lengthPairs() && s.tokens()[longest] >= mix.lengthRatio() * s.tokens()[chosen]) {
            out.add(pair(s, chosen, longest, PreferencePair.Reason.LONGER));
        }
        if (mix.correctnessPairs() && (wrong >= 0 || malformed >= 0)) {
            out.add(pair(s, chosen, wrong >= 0 ? wrong : malformed, wrong >= 0
                    ? PreferencePair.Reason.WRONG_ANSWER : PreferencePair.Reason.MALFORMED));
        }
        return out;
    }

    private static PreferencePair pair(Samples s, int chosen, int rejected, PreferencePair.Reason reason) {
        return new PreferencePair(s.example(), completion(s.turns().get(chosen)),
                completion(s.turns().get(rejected)), reason, s.tokens()[chosen], s.tokens()[rejected]);
    }

    /** The generated text: the turn without the think opening the prompt supplied. */
    static String completion(String turn) {
        String opening = ChainOfThought.opening(true);
        return turn.startsWith(opening) ? turn.substring(opening.length()) : turn;
    }

    /** Writes {@code pairs} as JSONL with provenance. */
    public static void save(List<PreferencePair> pairs, Path file) {
        StringBuilder sb = new StringBuilder();
        for (PreferencePair p : pairs) {
            JsonObject o = new JsonObject();
            o.addProperty("prompt", p.example().prompt());
            o.addProperty("answer", p.example().answer());
            o.addProperty("chosen", p.chosen());
            o.addProperty("rejected", p.rejected());
            o.addProperty("reason", p.reason().name().toLowerCase(java.util.Locale.ROOT));
            o.addProperty("chosen_tokens", p.chosenTokens());
            o.addProperty("rejected_tokens", p.rejectedTokens());
            o.addProperty("difficulty", p.example().difficulty());
            o.addProperty("_source_task", p.example().task());
            o.addProperty("_generator_version", p.example().meta().generatorVersion());
            o.addProperty("_seed", p.example().meta().seed());
            sb.append(o).append('\n');
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    /** Reads pairs written by {@link #save}; a bad line names its number and the fix. */
    public static List<PreferencePair> load(Path file) {
        return JsonLines.read(file, "build the pairs first (./tinyreason train dpo does)",
                "regenerate the file", (o, where) -> {
                    Example e = new Example(o.get("prompt").getAsString(),
                            o.get("answer").getAsString(), "", new Example.Meta(
                            o.get("_source_task").getAsString(), o.get("difficulty").getAsInt(),
                            o.get("_generator_version").getAsString(), o.get("_seed").getAsLong()));
                    return new PreferencePair(e, o.get("chosen").getAsString(),
                            o.get("rejected").getAsString(), PreferencePair.Reason.valueOf(
                            o.get("reason").getAsString().toUpperCase(java.util.Locale.ROOT)),
                            o.get("chosen_tokens").getAsInt(), o.get("rejected_tokens").getAsInt());
                });
    }
}
