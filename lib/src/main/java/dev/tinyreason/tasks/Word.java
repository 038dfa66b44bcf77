package dev.tinyreason.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Multi-step word problems in the style of GSM8K (Cobbe et al. 2021), generated from templates:
 * one person's pile of items changes step by step, facts that do not matter are mixed in, and the
 * question asks how many items are left.
 *
 * <p><b>Difficulty</b> is the number of steps, 1 to 8; each step is one equation in the trace.
 * Step kinds, each with several wordings: add, subtract, multiply ("3 times as many"), divide
 * ("keeps only a quarter", exact), and the two-step "buys 3 bags with 6 in each" / "gives 4 to
 * each of 3 friends" (a product, then a sum or difference). Names and items come from lists;
 * amounts added or taken are at least 2. Zero to two different distractor sentences ("Ben is 9
 * years old.") are placed between the steps. Every
 * number, given or intermediate, is a non-negative integer below 1000 (the issue allows up to
 * 10,000; smaller numbers keep each step within a tiny model's reach).
 *
 * <p><b>Worked example</b> ({@code generate(3, 41)}: the two-equation kind counts as two steps):
 * <pre>
 * prompt  Ivan starts with 13 candles. Jon is 31 years old. Ivan buys 34 more candles.
 *         Ivan gives 4 candles to each of 3 friends. At the end, how many candles does Ivan have?
 * think   13 + 34 = 47
 *         3 * 4 = 12
 *         47 - 12 = 35
 * answer  35
 * </pre>
 * (The prompt is one line; it is wrapped here.) That is the <em>canonical</em> trace, the story's
 * order ({@link Path#SEQUENTIAL}, all a {@link TraceVariety#NONE} generator writes).
 *
 * <p><b>Many paths.</b> With {@link TraceVariety#DEFAULT}, 40% of traces take the story's order
 * and the rest another order that gives the same answer, among those that change the trace for
 * this problem ({@link Path}): the groups' products first, each run of gains and losses netted
 * first, gains before losses, or a multiplication distributed over the addition before it. About
 * a fifth open with a plan line ({@code plan: 13 +34 -3*4}) and about a third end with a check
 * that undoes every step back to the start ({@code check: 35 + 12 = 47 / 47 - 34 = 13 ok}) and
 * then restates the answer; see {@link WordTraces}.
 *
 * <p><b>Canonical form</b>: the story-order equations alone,
 * {@code 13+34=47;3*4=12;47-12=35}, whichever path the trace takes, so a rewording of a test
 * problem with other names, items, distractors or trace is still the same problem and never
 * appears in training. Answers are integers, verified like {@link Arith}'s.
 */
public final class Word implements GeneratedTask {

    public static final String NAME = "word";
    public static final String VERSION = "2";

    /** The orders in which a story's equations can be worked; see {@link WordTraces}. */
    public enum Path {
        /** One equation per step in story order: the canonical trace. */
        SEQUENTIAL,
        /** The groups' products (k bags of m) first: they do not depend on the pile. */
        GROUPS_FIRST,
        /** Each run of additions and subtractions combined into one net change, then applied. */
        NET,
        /** Within each run of additions and subtractions, the gains before the losses. */
        GAINS_FIRST,
        /** A multiplication spread over the addition before it: (a + b) * k = a * k + b * k. */
        DISTRIBUTE
    }

    private final TraceVariety variety;

    /** Word problems with the course's {@link TraceVariety#DEFAULT} mix of traces. */
    public Word() {
        this(TraceVariety.DEFAULT);
    }

    public Word(TraceVariety variety) {
        this.variety = java.util.Objects.requireNonNull(variety, "variety");
    }

    /** Every number in a problem stays below this. */
    static final int LIMIT = 1000;

    /** What one step does to the pile. */
    enum Kind { ADD, SUB, MUL, DIV, GROUP_ADD, GROUP_SUB }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public int minDifficulty() {
        return 1;
    }

    @Override
    public int maxDifficulty() {
        return 8;
    }

    @Override
    public Example generate(int steps, long seed) {
        return generate(steps, seed, variety.rng(seed));
    }

    @Override
    public Example generate(int steps, long seed, Random traceRng) {
        Story story = WordStories.draw(steps, seed);
        String trace = WordTraces.trace(story.ops(), variety, traceRng);
        return new Example(story.prompt(), Integer.toString(story.answer()), trace,
                new Example.Meta(NAME, steps, VERSION, seed));
    }

    /**
     * A drawn problem: its text, the operations on the pile in story order, and what the
     * canonical form is made of (the equations of the story-order trace).
     */
    record Story(String prompt, List<Op> ops) {
        int answer() {
            return ops.get(ops.size() - 1).after();
        }

        String canonical() {
            return WordTraces.sequential(ops).replace(" ", "").replace('\n', ';');
        }
    }

    /**
     * One step of a story: the pile goes from {@code before} to {@code after} by {@code kind}
     * with amount {@code n} (add, subtract), factor {@code k} (multiply, divide), or {@code k}
     * groups of {@code m} (the two-equation kinds).
     */
    record Op(Kind kind, int before, int n, int k, int m, int after) {
        /** What the step adds (positive) or takes away (negative), for the additive kinds. */
        int change() {
            return after - before;
        }

        boolean additive() {
            return kind != Kind.MUL && kind != Kind.DIV;
        }

        boolean grouped() {
            return kind == Kind.GROUP_ADD || kind == Kind.GROUP_SUB;
        }
    }

    /**
     * The same problem told again: the same steps and numbers (so the same canonical form,
     * trace and answer) with other names, items, wordings and distractors, all drawn from
     * {@code seed}. A model that misreads one telling of a story may read another one right,
     * which is what voting over rewordings relies on.
     */
    public Example reword(Example example, long seed) {
        Story original = WordStories.draw(example.difficulty(), example.meta().seed());
        if (!original.prompt().equals(example.prompt())) {
            throw new IllegalArgumentException("Only a generated word problem can be reworded: its "
                    + "seed " + example.meta().seed() + " does not give the prompt '"
                    + example.prompt() + "'.");
        }
        return new Example(WordStories.retell(original.ops(), new Random(seed)),
                example.answer(), example.thinkTrace(), example.meta());
    }

    /**
     * Telling {@code s} of a problem: {@code s = 0} is the problem as given, {@code s ≥ 1} a
     * {@link #reword rewording} seeded by the problem's own seed and {@code s}, so the same
     * problem always gets the same tellings.
     */
    public Example telling(Example example, int s) {
        if (s < 0) {
            throw new IllegalArgumentException("Tellings are numbered from 0 (as given), got " + s + ".");
        }
        return s == 0 ? example : reword(example, 31 * example.meta().seed() + s);
    }

    /**
     * The equations of the story-order trace without spaces, one per step: the computation, not
     * the story ({@code 13+34=47;3*4=12;47-12=35}). A generated example is drawn again from its
     * seed to find them, whichever path its trace takes (a rewording that keeps the prompt's
     * numbers in order is still that problem); a problem written by hand is read from its trace
     * as given, or from its text when it has none.
     */
    @Override
    public String canonical(Example example) {
        Example.Meta meta = example.meta();
        if (VERSION.equals(meta.generatorVersion()) && meta.difficulty() >= 1 && meta.difficulty() <= 8) {
            Story s = WordStories.draw(meta.difficulty(), meta.seed());
            if (numbers(s.prompt()).equals(numbers(example.prompt()))) {
                return s.canonical();
            }
        }
        String trace = example.thinkTrace().strip();
        if (trace.isEmpty()) {
            return example.prompt().strip().replaceAll("\\s+", " ");
        }
        return trace.replace(" ", "").replace("\r", "").replace('\n', ';');
    }

    private static List<String> numbers(String text) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[0-9]+").matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    @Override
    public boolean parses(String answer) {
        return Answers.integer(answer).isPresent();
    }

    /**
     * CORRECT when the answer equals the reference as an integer; the same rule as
     * {@link Arith#verify}: for the example above {@code "35"} is CORRECT,
     * {@code "<think>13 + 34 = 47</think>47"} WRONG, {@code "35 candles"} NO_ANSWER.
     */
    @Override
    public Verdict verify(Example example, String completion) {
        return Answers.verifyInteger(example, completion);
    }
}
