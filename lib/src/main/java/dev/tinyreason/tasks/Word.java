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

    private static final String[] NAMES = {"Mia", "Tom", "Ada", "Ben", "Lin", "Sam", "Noor", "Ivan", "Zoe",
            "Omar", "Lea", "Raj", "Kim", "Eva", "Luis", "Amy", "Jon", "Sara", "Ali", "Nina"};
    private static final String[] ITEMS = {"apples", "marbles", "books", "coins", "stamps", "cards", "pens",
            "shells", "stickers", "cookies", "eggs", "beads", "rocks", "toys", "plums", "candles", "cups",
            "kites", "socks", "leaves"};
    private static final String[] FRACTIONS = {"", "", "half", "a third", "a quarter", "a fifth"};

    private static final String[] START = {
        "{N} has {x} {I}.",
        "{N} starts with {x} {I}.",
        "At first, {N} has {x} {I}.",
        "{N} owns {x} {I}."};
    private static final String[] ADD = {
        "{N} buys {n} more {I}.",
        "{O} gives {N} {n} {I}.",
        "{N} finds {n} more {I}.",
        "Then {N} gets {n} {I} as a gift.",
        "{N} picks up another {n} {I}."};
    private static final String[] SUB = {
        "{N} gives {n} {I} to {O}.",
        "{N} loses {n} {I}.",
        "{N} sells {n} of the {I}.",
        "{O} takes {n} {I} from {N}.",
        "{N} uses up {n} {I}."};
    private static final String[] MUL = {
        "Now {N} has {k} times as many {I} as before.",
        "{N} trades each of the {I} for {k} new ones.",
        "{N}'s pile of {I} becomes {k} times as big."};
    private static final String[] DIV = {
        "{N} splits the {I} into {k} equal groups and keeps one group.",
        "{N} keeps only {F} of the {I} and gives the rest away.",
        "{N} shares the {I} equally among {k} people, {N} included, and keeps one share."};
    private static final String[] GROUP_ADD = {
        "{N} buys {k} bags with {m} {I} in each bag.",
        "{O} gives {N} {k} boxes of {m} {I} each.",
        "{N} gets {k} packs, and each pack has {m} {I}."};
    private static final String[] GROUP_SUB = {
        "{N} gives {m} {I} to each of {k} friends.",
        "{N} hands out {k} bags with {m} {I} in each bag."};
    private static final String[] DISTRACT = {
        "{O} has {d} {J}.",
        "{O} is {d} years old.",
        "It is {d} degrees outside.",
        "The shop is {d} minutes away.",
        "{O} has {d} more {J} than {P}."};
    private static final String[] QUESTION = {
        "How many {I} does {N} have now?",
        "How many {I} does {N} have in the end?",
        "How many {I} does {N} end up with?",
        "At the end, how many {I} does {N} have?"};

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

    /** The names a story draws on: the protagonist, two others, their items and the main items. */
    private record Cast(String name, String other, String third, String items, String otherItems) {}

    @Override
    public Example generate(int steps, long seed) {
        return generate(steps, seed, variety.rng(seed));
    }

    @Override
    public Example generate(int steps, long seed, Random traceRng) {
        Story story = story(steps, seed);
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

    /** The problem drawn from {@code seed}: the same draws as version 1, so the same problems. */
    Story story(int steps, long seed) {
        if (steps < 1 || steps > 8) {
            throw new IllegalArgumentException("word difficulty is the number of steps, 1 to 8, got " + steps);
        }
        Random rng = new Random(seed);
        Cast cast = cast(rng);
        int x = 2 + rng.nextInt(49);
        List<String> story = new ArrayList<>();
        List<Op> ops = new ArrayList<>();
        story.add(fill(pick(rng, START), cast, "{x}", x));
        int left = steps;
        while (left > 0) {
            Kind kind = kind(rng, x, left);
            int before = x;
            Op op = switch (kind) {
                case ADD -> {
                    int n = 2 + rng.nextInt(Math.min(39, LIMIT - 2 - x));
                    yield new Op(kind, before, n, 0, 0, x + n);
                }
                case SUB -> {
                    int n = 2 + rng.nextInt(Math.min(39, x - 2));
                    yield new Op(kind, before, n, 0, 0, x - n);
                }
                case MUL -> {
                    int k = 2 + rng.nextInt(Math.min(4, (LIMIT - 1) / x - 1));
                    yield new Op(kind, before, 0, k, 0, x * k);
                }
                case DIV -> {
                    List<Integer> ks = divisors(x);
                    int k = ks.get(rng.nextInt(ks.size()));
                    yield new Op(kind, before, 0, k, 0, x / k);
                }
                case GROUP_ADD, GROUP_SUB -> {
                    boolean add = kind == Kind.GROUP_ADD;
                    int k;
                    int m;
                    do {
                        k = 2 + rng.nextInt(5);
                        m = 2 + rng.nextInt(11);
                    } while (add ? x + k * m >= LIMIT : k * m >= x);
                    yield new Op(kind, before, 0, k, m, add ? x + k * m : x - k * m);
                }
            };
            x = op.after();
            story.add(sentence(op, rng, cast));
            ops.add(op);
            left -= op.grouped() ? 2 : 1;
        }
        return new Story(finish(story, rng, cast), List.copyOf(ops));
    }

    /**
     * The same problem told again: the same steps and numbers (so the same canonical form,
     * trace and answer) with other names, items, wordings and distractors, all drawn from
     * {@code seed}. A model that misreads one telling of a story may read another one right,
     * which is what voting over rewordings relies on.
     */
    public Example reword(Example example, long seed) {
        Story original = story(example.difficulty(), example.meta().seed());
        if (!original.prompt().equals(example.prompt())) {
            throw new IllegalArgumentException("Only a generated word problem can be reworded: its "
                    + "seed " + example.meta().seed() + " does not give the prompt '"
                    + example.prompt() + "'.");
        }
        Random rng = new Random(seed);
        Cast cast = cast(rng);
        List<String> story = new ArrayList<>();
        story.add(fill(pick(rng, START), cast, "{x}", original.ops().get(0).before()));
        for (Op op : original.ops()) {
            story.add(sentence(op, rng, cast));
        }
        return new Example(finish(story, rng, cast), example.answer(), example.thinkTrace(),
                example.meta());
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

    private static Cast cast(Random rng) {
        int[] people = distinct(rng, NAMES.length, 3);
        int[] things = distinct(rng, ITEMS.length, 2);
        return new Cast(NAMES[people[0]], NAMES[people[1]], NAMES[people[2]], ITEMS[things[0]],
                ITEMS[things[1]]);
    }

    /** One step told in one of its wordings. */
    private static String sentence(Op op, Random rng, Cast cast) {
        return switch (op.kind()) {
            case ADD -> fill(pick(rng, ADD), cast, "{n}", op.n());
            case SUB -> fill(pick(rng, SUB), cast, "{n}", op.n());
            case MUL -> fill(pick(rng, MUL), cast, "{k}", op.k());
            case DIV -> fill(pick(rng, DIV).replace("{F}", FRACTIONS[op.k()]), cast, "{k}", op.k());
            case GROUP_ADD, GROUP_SUB -> fill(pick(rng, op.kind() == Kind.GROUP_ADD ? GROUP_ADD
                    : GROUP_SUB), cast, "{k}", op.k()).replace("{m}", Integer.toString(op.m()));
        };
    }

    /** Zero to two distractors placed after the opening sentence, then the question. */
    private static String finish(List<String> story, Random rng, Cast cast) {
        int[] distractors = distinct(rng, DISTRACT.length, rng.nextInt(3));
        for (int d : distractors) {
            int at = 1 + rng.nextInt(story.size()); // never before the opening sentence
            story.add(at, fill(DISTRACT[d], cast, "{d}", 2 + rng.nextInt(60)));
        }
        story.add(fill(pick(rng, QUESTION), cast, "{no number}", 0));   // questions hold none
        return String.join(" ", story);
    }

    /**
     * A step kind that keeps every number in range, weighted towards addition and subtraction;
     * the two-equation kinds only when two steps are left.
     */
    private static Kind kind(Random rng, int x, int left) {
        List<Kind> options = new ArrayList<>();
        add(options, Kind.ADD, 3, x < LIMIT - 2);
        add(options, Kind.SUB, 3, x >= 3);
        add(options, Kind.MUL, 2, x * 2 < LIMIT);
        add(options, Kind.DIV, 2, !divisors(x).isEmpty());
        add(options, Kind.GROUP_ADD, 1, left >= 2 && x + 4 < LIMIT);
        add(options, Kind.GROUP_SUB, 1, left >= 2 && x > 4);
        return options.get(rng.nextInt(options.size()));
    }

    private static void add(List<Kind> options, Kind kind, int weight, boolean feasible) {
        for (int i = 0; feasible && i < weight; i++) {
            options.add(kind);
        }
    }

    /** The k in 2..5 that divide {@code x} exactly. */
    private static List<Integer> divisors(int x) {
        List<Integer> ks = new ArrayList<>();
        for (int k = 2; k <= 5; k++) {
            if (x >= k && x % k == 0) {
                ks.add(k);
            }
        }
        return ks;
    }

    private static String fill(String template, Cast cast, String slot, int value) {
        return template.replace("{N}", cast.name()).replace("{O}", cast.other()).replace("{P}", cast.third())
                .replace("{I}", cast.items()).replace("{J}", cast.otherItems())
                .replace(slot, Integer.toString(value));
    }

    private static String pick(Random rng, String[] options) {
        return options[rng.nextInt(options.length)];
    }

    /** {@code count} distinct indices below {@code n}. */
    private static int[] distinct(Random rng, int n, int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            int v;
            boolean seen;
            do {
                v = rng.nextInt(n);
                seen = false;
                for (int j = 0; j < i; j++) {
                    seen |= out[j] == v;
                }
            } while (seen);
            out[i] = v;
        }
        return out;
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
            Story s = story(meta.difficulty(), meta.seed());
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
