package dev.tinyreason.viz;

import dev.tinyreason.tasks.Equations;
import java.util.List;

/** A think trace as HTML with each arithmetic step marked: green when it holds, red when not. */
public final class Traces {

    private Traces() {}

    /**
     * {@code think} with its {@link Equations} highlighted; a false step shows its true value
     * in a tooltip and after it, e.g. {@code 6+4+1=12 [is 11]}.
     */
    public static Html html(String think) {
        String text = think == null ? "" : think;
        List<Equations.Step> steps = Equations.check(text);
        StringBuilder h = new StringBuilder("<pre style=\"line-height:1.6\">");
        StringBuilder plain = new StringBuilder();
        int at = 0;
        for (Equations.Step s : steps) {
            h.append(Html.escape(text.substring(at, s.start())));
            plain.append(text, at, s.start());
            String eq = Html.escape(text.substring(s.start(), s.end()));
            if (s.correct()) {
                h.append("<span style=\"background:#e3f4e1\">").append(eq).append("</span>");
                plain.append(text, s.start(), s.end());
            } else {
                h.append("<span style=\"background:#fbd5d5;font-weight:bold\" title=\"is ")
                        .append(Html.escape(s.actual())).append("\">").append(eq)
                        .append(" [is ").append(Html.escape(s.actual())).append("]</span>");
                plain.append(text, s.start(), s.end()).append(" [is ").append(s.actual())
                        .append(']');
            }
            at = s.end();
        }
        h.append(Html.escape(text.substring(at))).append("</pre>");
        plain.append(text.substring(at));
        return new Html(h.toString(), plain.toString());
    }
}
