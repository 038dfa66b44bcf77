package dev.tinyreason.viz;

import java.util.Locale;

/**
 * A progress bar that updates in place in a notebook (one output, replaced as work advances)
 * and prints a line every few seconds elsewhere.
 *
 * <pre>{@code
 * Progress bar = Progress.start("training", 500);
 * for (int step = 1; step <= 500; step++) {
 *     ...
 *     bar.update(step, "loss " + loss);
 * }
 * bar.done("final loss " + loss);
 * }</pre>
 *
 * <p>Redraws are throttled ({@link #MIN_REDRAW_MILLIS}) so a fast loop does not flood the browser.
 */
public final class Progress {

    static final long MIN_REDRAW_MILLIS = 200;
    private static final long MIN_PRINT_MILLIS = 5_000;

    private final String label;
    private final long total;
    private final long startNanos = System.nanoTime();
    private final String displayId;
    private long lastDraw;
    private long current;
    private String note = "";

    private Progress(String label, long total) {
        if (total <= 0) {
            throw new IllegalArgumentException("Progress total must be positive, got " + total + ".");
        }
        this.label = label;
        this.total = total;
        this.displayId = Notebook.show(render());
    }

    /** Shows a bar at 0 of {@code total}. */
    public static Progress start(String label, long total) {
        return new Progress(label, total);
    }

    /** Moves the bar to {@code done} (of total) with a short note such as the current loss. */
    public void update(long done, String note) {
        this.current = Math.min(Math.max(done, 0), total);
        this.note = note == null ? "" : note;
        long now = System.currentTimeMillis();
        long every = Notebook.active() ? MIN_REDRAW_MILLIS : MIN_PRINT_MILLIS;
        if (now - lastDraw >= every || current == total) {
            lastDraw = now;
            draw();
        }
    }

    /** One more done: for loops whose callbacks report one item at a time. */
    public void tick(String note) {
        update(current + 1, note);
    }

    /** Fills the bar and shows the final note. */
    public void done(String note) {
        this.current = total;
        this.note = note == null ? "" : note;
        draw();
    }

    /** Seconds since the bar started. */
    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private void draw() {
        if (Notebook.active()) {
            Notebook.replace(displayId, render());
        } else {
            System.err.println(render().text());
        }
    }

    Html render() {
        double fraction = (double) current / total;
        double elapsed = elapsedSeconds();
        String eta = current == 0 || current == total ? ""
                : String.format(Locale.ROOT, ", ~%.0f s left", elapsed * (total - current) / current);
        String status = String.format(Locale.ROOT, "%d/%d · %.1f s%s", current, total, elapsed, eta);
        String text = String.format(Locale.ROOT, "%s [%-30s] %3.0f%% %s %s", label,
                "#".repeat((int) Math.round(fraction * 30)), fraction * 100, status, note).strip();
        String html = String.format(Locale.ROOT,
                "<div style=\"font-family:monospace\">%s "
                        + "<progress value=\"%d\" max=\"%d\" style=\"width:40%%\"></progress> "
                        + "%3.0f%% · %s · %s</div>",
                Html.escape(label), current, total, fraction * 100, Html.escape(status),
                Html.escape(note));
        return new Html(html, text);
    }
}
