package dev.tinyreason.tasks;

/**
 * Where the stages after SFT start drawing their training problems from each task.
 *
 * <p>The rule: each stage draws its training problems from its own index range of a task's
 * training problems, disjoint from every other stage's, so no stage trains on problems another
 * stage trained on. Pretraining takes the first {@code n} problems of each task's stream and SFT
 * the next {@code n} ({@code n} = examples per task); every stream below starts past them and
 * past each other's draws ({@code ProblemStreamTest} checks this for the counts the course
 * uses). Test and validation problems are kept apart by {@link Split}, not by these offsets:
 * every index here is of {@link Split#TRAIN}.
 *
 * <p>An offset counts in the {@linkplain Unit unit} its stage draws in. The stream index of
 * {@link Task#example(int)} cycles through the levels, so stream index {@code i} is per-level
 * index {@code i / levels} of {@link Task#example(Split, int, long)};
 * {@link #firstPerLevel(int)} puts both in per-level terms.
 */
public enum ProblemStream {

    /**
     * The value stage's judged states and proposed steps: Countdown puzzles at levels 3, 4, 5
     * in turn, per-level index 100 000 on.
     */
    VALUE_STATES(100_000, Unit.PER_LEVEL),

    /** DPO's prompts, every training task: stream index 200 000 on. */
    DPO(200_000, Unit.STREAM),

    /**
     * The value stage's Countdown traces: stream index 300 000 on, which on Countdown's three
     * levels is per-level index 100 000 on, the puzzles of {@link #VALUE_STATES}: the value
     * stage's three parts share one range.
     */
    VALUE_TRACES(300_000, Unit.STREAM),

    /** GRPO's prompts: per-level index 400 000 on, at the levels the run trains. */
    GRPO(400_000, Unit.PER_LEVEL);

    /** How an offset counts. */
    public enum Unit {
        /** An index of {@link Task#example(int)}, which cycles through the levels. */
        STREAM,
        /** An index within one level: {@link Task#example(Split, int, long)}'s. */
        PER_LEVEL
    }

    private final int first;
    private final Unit unit;

    ProblemStream(int first, Unit unit) {
        this.first = first;
        this.unit = unit;
    }

    /** The index of the stage's first training problem, in {@link #unit()}. */
    public int first() {
        return first;
    }

    public Unit unit() {
        return unit;
    }

    /** The first per-level index this stream draws, for a task with {@code levels} levels. */
    public long firstPerLevel(int levels) {
        return unit == Unit.STREAM ? first / levels : first;
    }
}
