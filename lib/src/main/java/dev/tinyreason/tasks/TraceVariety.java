package dev.tinyreason.tasks;

import java.util.List;
import java.util.Random;

/**
 * How varied the worked traces of a generated task are: which of several correct <em>paths</em>
 * a trace takes, and whether it carries <em>redundancy</em> (a verification pass, a restated
 * problem) that is correct but makes it longer.
 *
 * <p>Why: a model trained on one canonical trace per problem learns one path. Every correct
 * sample is then the same text, wrong samples repeat the same slip, and the techniques that feed
 * on variation starve: self-consistency needs <em>different reasoning paths that reach the same
 * answer</em> (Wang et al. 2023), preference optimisation for concise reasoning needs short and
 * long correct traces of one problem (Munkhbat et al. 2025), and reinforcement learning needs a
 * policy that still explores (Yue et al. 2025; Cui et al. 2025).
 *
 * <p>The choice is drawn from its own random stream, {@link #rng(long)} of the example's seed,
 * after the problem is drawn: the same seed gives the same problem whatever the variety, so
 * the splits and the test problems do not depend on it, and {@link #NONE} gives back the
 * canonical traces exactly.
 *
 * @param canonicalShare share of traces that take the task's canonical path (the column method,
 *                       the story's order, closest-first search); the rest pick uniformly among
 *                       the other paths that apply to the problem
 * @param checkShare     share of traces that end with a verification pass
 * @param restateShare   share of traces that restate the problem before computing (arith and
 *                       word)
 */
public record TraceVariety(double canonicalShare, double checkShare, double restateShare) {

    /**
     * The course's mix: 55% canonical path, 35% with a verification pass, 15% with a
     * restatement; so about 45% of the traces carry some redundancy. The canonical share is
     * above a half so that a trace's first token (where the path is chosen) most often starts
     * the canonical path and greedy decoding, which takes the likeliest first token, follows
     * it; with no path in the majority, greedy traces wander onto the others.
     */
    public static final TraceVariety DEFAULT = new TraceVariety(0.55, 0.35, 0.15);

    /** One canonical trace per problem, no redundancy: the generators' version-1 traces. */
    public static final TraceVariety NONE = new TraceVariety(1, 0, 0);

    /** Mixed into the seed so the trace's stream is not the problem's. */
    private static final long SALT = 0x7F4A7C159E3779B9L;

    public TraceVariety {
        check("canonicalShare", canonicalShare);
        check("checkShare", checkShare);
        check("restateShare", restateShare);
    }

    private static void check(String name, double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(name + " is a share of traces and must be in [0, 1], got "
                    + share + ".");
        }
    }

    /** The random stream of an example's trace choices: seeded by, but independent of, its problem's. */
    public Random rng(long seed) {
        long z = seed ^ SALT;  // MurmurHash3's finalizer: nearby seeds give unrelated streams
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return new Random(z ^ (z >>> 33));
    }

    /**
     * The path a trace takes: {@code paths.get(0)} (the canonical one) with probability
     * {@link #canonicalShare}, else one of the others uniformly. One draw is always made, so a
     * problem with a single path uses the stream as one with several.
     */
    public <T> T path(Random rng, List<T> paths) {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("a problem has at least its canonical path");
        }
        double u = rng.nextDouble();
        if (paths.size() == 1 || u < canonicalShare) {
            return paths.get(0);
        }
        double rest = (u - canonicalShare) / (1 - canonicalShare);  // uniform in [0, 1)
        return paths.get(1 + Math.min(paths.size() - 2, (int) (rest * (paths.size() - 1))));
    }

    /** Whether this trace ends with a verification pass. */
    public boolean check(Random rng) {
        return rng.nextDouble() < checkShare;
    }

    /**
     * Whether a trace (or a model's completion) carries a verification pass: the word
     * {@code check} opens one in every task's traces and appears nowhere else in them.
     */
    public static boolean hasCheck(String trace) {
        return trace.contains("check");
    }

    /** Whether this trace restates the problem first. */
    public boolean restate(Random rng) {
        return rng.nextDouble() < restateShare;
    }
}
