package dev.tinyreason.tasks;

import java.nio.charset.StandardCharsets;

/**
 * Train, validation and test, assigned by a hash of each problem's canonical form.
 *
 * <p>Hashing the canonical form (not the example) is what makes the splits disjoint by
 * construction: "12 + 7" and "7 + 12" share the form {@code 7+12}, so they always land in the
 * same split, and a training set of any size, generated at any time, never contains a test
 * problem. About 10% of forms are test, 10% validation and 80% training.
 *
 * <pre>
 * Split.of("7+12")     // the same split on every machine, forever (FNV-1a 64 of the UTF-8 bytes)
 * </pre>
 */
public enum Split {
    TRAIN,
    VAL,
    TEST;

    /** The split that owns canonical form {@code canonical}. */
    public static Split of(String canonical) {
        long bucket = Long.remainderUnsigned(mix(fnv1a(canonical)), 10);
        return bucket == 0 ? TEST : bucket == 1 ? VAL : TRAIN;
    }

    /**
     * The split a file stem names: {@code train}, {@code val} or {@code test} (as on the
     * command line and in {@code data/<task>/<split>.jsonl}).
     */
    public static Split named(String stem) {
        for (Split s : values()) {
            if (s.fileStem().equals(stem)) {
                return s;
            }
        }
        throw new IllegalArgumentException("split must be train, val or test, got '" + stem
                + "'.");
    }

    /** The file name stem: {@code train}, {@code val}, {@code test}. */
    public String fileStem() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A seed for the {@code attempt}-th draw of example {@code index} at {@code difficulty} in
     * this split of {@code task}: non-negative and below 2^48, so it survives JSON readers that
     * hold numbers as doubles.
     */
    long seed(String task, int difficulty, long index, int attempt) {
        long h = fnv1a(task + "/" + fileStem());
        h = mix(h ^ difficulty);
        h = mix(h ^ index);
        h = mix(h ^ attempt);
        return h >>> 16;
    }

    static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finaliser: spreads every input bit over the whole word. */
    static long mix(long z) {
        z += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
