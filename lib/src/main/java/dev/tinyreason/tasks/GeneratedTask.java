package dev.tinyreason.tasks;

/**
 * A task whose examples come from a seeded generator with a difficulty knob.
 *
 * <p>{@link #example(Split, int, long)} draws {@code generate(difficulty, seed)} with seeds derived
 * from {@code (task, split, difficulty, index, attempt)} and keeps the first example whose
 * canonical form belongs to {@code split}: rejection sampling, about 10 draws for a test example.
 * The seed that was kept is written into {@link Example.Meta#seed()}, so any line of a data file
 * can be regenerated from its provenance alone.
 */
public interface GeneratedTask extends Task {

    /** Draws attempted before concluding that a split has no problems at a level (never seen). */
    int MAX_ATTEMPTS = 100_000;

    /** The example drawn from {@code seed} at {@code difficulty}; pure. */
    Example generate(int difficulty, long seed);

    /**
     * The same problem as {@code generate(difficulty, seed)}, its trace's choices (path,
     * redundancy; see {@link TraceVariety}) drawn from {@code traceRng} instead of the seed's own
     * stream: how to see the other correct traces of one problem. A task with one trace per
     * problem ignores {@code traceRng}.
     */
    default Example generate(int difficulty, long seed, java.util.Random traceRng) {
        return generate(difficulty, seed);
    }

    @Override
    default Example example(Split split, int difficulty, long index) {
        if (split == null) {
            throw new IllegalArgumentException("split must be TRAIN, VAL or TEST, got null");
        }
        if (difficulty < minDifficulty() || difficulty > maxDifficulty()) {
            throw new IllegalArgumentException(name() + " difficulty must be between " + minDifficulty()
                    + " and " + maxDifficulty() + ", got " + difficulty);
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Example e = generate(difficulty, split.seed(name(), difficulty, index, attempt));
            if (Split.of(canonical(e)) == split) {
                return e;
            }
        }
        throw new IllegalStateException("no " + split.fileStem() + " problem found for " + name()
                + " at difficulty " + difficulty + " after " + MAX_ATTEMPTS + " draws");
    }
}
