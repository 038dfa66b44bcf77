package dev.tinyreason.viz;

import dev.tinyreason.infer.Evaluation;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.Split;
import dev.tinyreason.tasks.TaskData;
import dev.tinyreason.tasks.Tasks;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The bridge from the library to the notebook's display: live outputs (a progress bar, a loss
 * curve) are shown once and then replaced in place.
 *
 * <p>The kernel's start-up script installs JJava's {@code display}/{@code updateDisplay} here,
 * so the library never depends on the kernel. Outside a notebook (tests, the command line)
 * nothing is installed and live outputs fall back to plain text on standard error.
 */
public final class Notebook {

    private static volatile Function<Object, String> display;
    private static volatile BiConsumer<String, Object> update;

    private Notebook() {}

    /** Called by the kernel start-up script with JJava's display functions. */
    public static void install(Function<Object, String> display, BiConsumer<String, Object> update) {
        Notebook.display = Objects.requireNonNull(display);
        Notebook.update = Objects.requireNonNull(update);
    }

    /**
     * The first cell of every notebook: a one-line banner that says which notebook, Java and
     * machine this is — and fails loudly if the kernel is not tinyreason's (no library, no
     * start-up script).
     */
    public static Html start(String notebook) {
        if (!active()) {
            throw new IllegalStateException("This kernel has no tinyreason display installed. "
                    + "Fix: choose the kernel 'Java (tinyreason)' and start it from ./tinyreason lab.");
        }
        String text = String.format(java.util.Locale.ROOT,
                "tinyreason · %s · Java %s · %d cores · %d MB heap", notebook,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        return new Html("<div style=\"font-family:monospace;color:#555\">" + Html.escape(text)
                + "</div>", text);
    }

    /**
     * The project folder (where {@code ./tinyreason} lives): the kernel passes it as the system
     * property {@code tinyreason.home}; elsewhere the working directory or a parent that holds
     * {@code data/} and {@code notebooks/}.
     */
    public static java.nio.file.Path home() {
        String set = System.getProperty("tinyreason.home");
        if (set != null && !set.isBlank()) {
            return java.nio.file.Path.of(set);
        }
        java.nio.file.Path dir = java.nio.file.Path.of("").toAbsolutePath();
        for (java.nio.file.Path d = dir; d != null; d = d.getParent()) {
            if (java.nio.file.Files.isDirectory(d.resolve("notebooks"))
                    && java.nio.file.Files.isRegularFile(d.resolve("tinyreason"))) {
                return d;
            }
        }
        throw new IllegalStateException("Cannot find the tinyreason folder from " + dir
                + ". Fix: start from ./tinyreason, or pass -Dtinyreason.home=/path/to/tinyreason.");
    }

    /**
     * {@code limit} problems of a task's shipped split ({@code data/<task>/<split>.jsonl}),
     * spread over its difficulty levels ({@link Evaluation#spread}); each
     * line is checked against the task's generator. A limit of 0 keeps them all.
     *
     * @param split {@code train}, {@code val} or {@code test}
     */
    public static List<Example> problems(String task, String split, int limit) {
        return Evaluation.spread(TaskData.read(home().resolve("data").resolve(task)
                .resolve(Split.named(split).fileStem() + ".jsonl"), Tasks.named(task)), limit);
    }

    /** True inside a tinyreason notebook kernel. */
    public static boolean active() {
        return display != null;
    }

    /** Shows {@code value} as a new output; returns its id, or null outside a notebook. */
    public static String show(Object value) {
        Function<Object, String> d = display;
        return d == null ? null : d.apply(value);
    }

    /** Replaces the output {@code id} (from {@link #show}) with {@code value}. */
    public static void replace(String id, Object value) {
        BiConsumer<String, Object> u = update;
        if (u != null && id != null) {
            u.accept(id, value);
        }
    }

    /** Test hook: forget the installed display (back to plain text). */
    static void uninstall() {
        display = null;
        update = null;
    }
}
