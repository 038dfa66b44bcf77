package dev.tinyreason.tasks;

import dev.tinyreason.tasks.Word.Kind;
import dev.tinyreason.tasks.Word.Op;
import dev.tinyreason.tasks.Word.Story;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * How a {@link Word} problem is told: the names, items and sentence templates, the drawing of
 * a story's steps and numbers from a seed, and the retelling of the same steps in other words
 * ({@link Word#reword}). {@link WordTraces} writes the traces of the same steps.
 */
final class WordStories {

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

    /** The names a story draws on: the protagonist, two others, their items and the main items. */
    private record Cast(String name, String other, String third, String items, String otherItems) {}

    private WordStories() {}

    /** The problem drawn from {@code seed}: the same draws as version 1, so the same problems. */
    static Story draw(int steps, long seed) {
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
                    int n = 2 + rng.nextInt(Math.min(39, Word.LIMIT - 2 - x));
                    yield new Op(kind, before, n, 0, 0, x + n);
                }
                case SUB -> {
                    int n = 2 + rng.nextInt(Math.min(39, x - 2));
                    yield new Op(kind, before, n, 0, 0, x - n);
                }
                case MUL -> {
                    int k = 2 + rng.nextInt(Math.min(4, (Word.LIMIT - 1) / x - 1));
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
                    } while (add ? x + k * m >= Word.LIMIT : k * m >= x);
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

    /** The story of {@code ops} told again in words drawn from {@code rng}. */
    static String retell(List<Op> ops, Random rng) {
        Cast cast = cast(rng);
        List<String> story = new ArrayList<>();
        story.add(fill(pick(rng, START), cast, "{x}", ops.get(0).before()));
        for (Op op : ops) {
            story.add(sentence(op, rng, cast));
        }
        return finish(story, rng, cast);
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
        add(options, Kind.ADD, 3, x < Word.LIMIT - 2);
        add(options, Kind.SUB, 3, x >= 3);
        add(options, Kind.MUL, 2, x * 2 < Word.LIMIT);
        add(options, Kind.DIV, 2, !divisors(x).isEmpty());
        add(options, Kind.GROUP_ADD, 1, left >= 2 && x + 4 < Word.LIMIT);
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
}
