package dev.tinyreason.tasks;

import java.util.ArrayList;
import java.util.List;

/**
 * The registry: every task by name, in the order the course meets them.
 *
 * <pre>
 * Task t = Tasks.named("arith");
 * for (Task task : Tasks.all()) { ... }
 * </pre>
 */
public final class Tasks {

    private static final List<Task> ALL = List.of(new Arith(), new Word(), new Countdown(), new Game24());

    private Tasks() {}

    /** All tasks: arith, word, countdown, game24. */
    public static List<Task> all() {
        return ALL;
    }

    /**
     * The tasks that have a training split, their traces drawn by {@code variety}: arith, word and
     * countdown. {@link TraceVariety#NONE} gives each problem's canonical trace only.
     */
    public static List<Task> training(TraceVariety variety) {
        return List.of(new Arith(variety), new Word(variety), new Countdown(variety));
    }

    /** The names, in registry order. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Task t : ALL) {
            names.add(t.name());
        }
        return names;
    }

    /** The task called {@code name}; throws with the list of names if there is none. */
    public static Task named(String name) {
        for (Task t : ALL) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("Unknown task '" + name + "'. Tasks: " + String.join(", ", names()) + ".");
    }

    /** Whether a task is called {@code name}. */
    public static boolean exists(String name) {
        return names().contains(name);
    }
}
