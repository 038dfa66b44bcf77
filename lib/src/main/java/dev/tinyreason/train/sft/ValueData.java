package dev.tinyreason.train.sft;

import dev.tinyreason.infer.Completion;
import dev.tinyreason.infer.Generator;
import dev.tinyreason.infer.SamplingConfig;
import dev.tinyreason.infer.tree.JudgeValuer;
import dev.tinyreason.infer.tree.Judgement;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.tasks.Countdown;
import dev.tinyreason.tasks.CountdownSearch;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.ProblemStream;
import dev.tinyreason.tasks.Rational;
import dev.tinyreason.tasks.Rules;
import dev.tinyreason.tasks.Split;
import dev.tinyreason.tasks.Step;
import dev.tinyreason.tokenizer.ChatTemplate;
import dev.tinyreason.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Training data for a Tree-of-Thoughts judge: Countdown states labelled sure, likely or
 * impossible by exhaustive search ({@link Judgement#of}), asked as {@link Judgement#question}
 * and answered with the bare word, thinking off.
 *
 * <pre>
 * user       Can 4 8 38 make 42? Answer sure, likely or impossible.
 * assistant  &lt;think&gt;\n\n&lt;/think&gt;\n\nlikely
 * </pre>
 *
 * <p><b>States.</b> From each Countdown puzzle of the chosen split (never a 24 target, so Game
 * of 24 stays held out): every state along the solution path that {@link
 * CountdownSearch#solve} finds, and from each of them two states off the path: the one whose
 * new number is closest to the target (what a closest-first proposer tries next, so the judge
 * sees near misses, not only products in the hundreds) and one reached by a random move. Labels
 * use the rules of the course's traces, {@link #RULES}: whole numbers, every number used. So a
 * two-number state is sure or impossible, a larger one likely or impossible.
 *
 * <p><b>Balance.</b> The data is filled in four equal parts: two numbers sure, two numbers
 * impossible, three or more likely, three or more impossible. Within each size the two answers
 * are equally common, so counting the numbers cannot stand in for judging them; over all, half
 * the states are impossible (as most states of a search are).
 *
 * <p><b>Not covered.</b> Countdown rules keep every intermediate whole, so the judge never sees
 * a fraction such as {@code 8/3}: the 16 Game of 24 puzzles that need one are out of its
 * training distribution, as they are for the proposer.
 */
public final class ValueData {

    /** What the labels are computed under: the rules of the Countdown traces. */
    public static final Rules RULES = Rules.COUNTDOWN.withUseAll(true);

    /** The {@code meta.task} of a value example: it is not one of the registered tasks. */
    public static final String TASK = "value";

    /**
     * A state, its target and its exact label.
     *
     * @param state  ascending numbers left
     * @param target the puzzle's target
     * @param label  {@link Judgement#of} under {@link #RULES}
     */
    public record Labelled(List<Rational> state, int target, Judgement label) {

        public Labelled {
            state = List.copyOf(state);
        }

        /** The question and the one-word answer, as an {@link Example} with no trace. */
        public Example example() {
            return new Example(Judgement.question(state, target), label.word(), "",
                    new Example.Meta(TASK, state.size(), "1", 0));
        }
    }

    private ValueData() {}

    /** The four equal parts of the data: (two numbers or more, label). */
    private enum Part { TWO_SURE, TWO_IMPOSSIBLE, MORE_LIKELY, MORE_IMPOSSIBLE }

    private static Part part(Labelled l) {
        boolean two = l.state().size() <= 2;
        return switch (l.label()) {
            case SURE -> two ? Part.TWO_SURE : null;
            case LIKELY -> two ? null : Part.MORE_LIKELY;
            case IMPOSSIBLE -> two ? Part.TWO_IMPOSSIBLE : Part.MORE_IMPOSSIBLE;
        };
    }

    /**
     * {@code n} labelled states (n/4 of each part, the first {@code n % 4} parts one more) from
     * Countdown puzzles of {@code split}, levels 3, 4, 5 in turn: index
     * {@link ProblemStream#VALUE_STATES} on for the training split (puzzles no earlier stage
     * drew, so the judge learns on puzzles the proposer never saw), 0 on for the others.
     * Deterministic in {@code seed}; no state and target twice.
     */
    public static List<Labelled> states(Split split, int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, got " + n + ".");
        }
        Map<Part, Integer> quota = new EnumMap<>(Part.class);
        for (Part p : Part.values()) {
            quota.put(p, n / 4 + (p.ordinal() < n % 4 ? 1 : 0));
        }
        Map<Part, List<Labelled>> parts = new LinkedHashMap<>();
        for (Part p : Part.values()) {
            parts.put(p, new ArrayList<>());
        }
        Set<String> seen = new HashSet<>();
        Random rng = new Random(seed);
        Countdown countdown = new Countdown();
        long first = split == Split.TRAIN ? ProblemStream.VALUE_STATES.first() : 0;
        int filled = 0;
        for (long i = 0; filled < n; i++) {
            Example e = countdown.example(split, 3 + (int) (i % 3), first + i / 3);
            for (Labelled l : fromPuzzle(Countdown.Puzzle.parse(e.prompt()).orElseThrow(), rng)) {
                Part p = part(l);
                if (p != null && parts.get(p).size() < quota.get(p)
                        && seen.add(l.state() + " -> " + l.target())) {
                    parts.get(p).add(l);
                    filled++;
                }
            }
        }
        List<Labelled> out = new ArrayList<>(n);
        for (int k = 0; out.size() < n; k++) {  // interleave the parts
            for (Part p : Part.values()) {
                if (k < parts.get(p).size()) {
                    out.add(parts.get(p).get(k));
                }
            }
        }
        return out;
    }

    /** The states on the solution path of one puzzle, and two steps off it from each. */
    static List<Labelled> fromPuzzle(Countdown.Puzzle puzzle, Random rng) {
        Rational target = Rational.of(puzzle.target());
        List<Labelled> out = new ArrayList<>();
        CountdownSearch.Solution s = CountdownSearch.solve(puzzle.numbers(), puzzle.target(),
                RULES, Countdown.MAX_DEAD_ENDS).orElse(null);
        if (s == null) {
            return out;  // generated puzzles always have one; be total anyway
        }
        List<Rational> state = puzzle.state();
        for (Step onPath : s.path()) {
            out.add(new Labelled(state, puzzle.target(), Judgement.of(state, target, RULES)));
            List<Step> off = new ArrayList<>();
            for (Step m : CountdownSearch.nextSteps(state, RULES)) {
                if (!m.left().equals(onPath.left()) && m.left().size() >= 2) {
                    off.add(m);
                }
            }
            if (!off.isEmpty()) {
                Step random = off.get(rng.nextInt(off.size()));
                Step closest = off.stream().min(java.util.Comparator.comparing(
                        (Step m) -> m.c().distance(target))).orElseThrow();
                for (Step m : random == closest ? List.of(random) : List.of(closest, random)) {
                    out.add(new Labelled(m.left(), puzzle.target(),
                            Judgement.of(m.left(), target, RULES)));
                }
            }
            state = onPath.left();
        }
        return out;
    }

    /** The states as SFT conversations, thinking off: question, then the bare word. */
    public static List<Conversation> conversations(ChatTemplate chat, List<Labelled> states) {
        List<Conversation> out = new ArrayList<>(states.size());
        for (Labelled l : states) {
            out.add(Conversation.of(chat, l.example(), false));
        }
        return out;
    }

    /**
     * How often a model's greedy judgement equals the exact label, per label and over all
     * ({@code "all"}): what a value stage reports on held-out states.
     */
    public static Map<String, Double> accuracy(LlamaModel model, Tokenizer tokenizer,
            List<Labelled> states) {
        ChatTemplate chat = new ChatTemplate(tokenizer);
        Generator generator = new Generator(model, tokenizer);
        boolean[] hit = new boolean[states.size()];
        for (int from = 0; from < states.size(); from += 64) {
            List<Labelled> batch = states.subList(from, Math.min(states.size(), from + 64));
            List<int[]> prompts = new ArrayList<>(batch.size());
            for (Labelled l : batch) {
                prompts.add(JudgeValuer.prompt(chat, l.state(), l.target()));
            }
            List<Completion> out = generator.generate(prompts,
                    SamplingConfig.greedy(JudgeValuer.MAX_REPLY_TOKENS));
            for (int i = 0; i < batch.size(); i++) {
                hit[from + i] = Judgement.parse(out.get(i).text(tokenizer))
                        == batch.get(i).label();
            }
        }
        Map<String, Double> acc = new LinkedHashMap<>();
        acc.put("all", hitRate(hit, i -> true));
        for (Judgement j : Judgement.values()) {
            acc.put(j.word(), hitRate(hit, i -> states.get(i).label() == j));
        }
        return acc;
    }

    /** The fraction of hits among the states {@code counted} keeps; NaN when it keeps none. */
    private static double hitRate(boolean[] hit, IntPredicate counted) {
        return IntStream.range(0, hit.length).filter(counted).map(i -> hit[i] ? 1 : 0)
                .average().orElse(Double.NaN);
    }
}
