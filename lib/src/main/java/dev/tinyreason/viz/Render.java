package dev.tinyreason.viz;

import dev.tinyreason.grade.GradeReport;

/**
 * How library values look in a notebook. The kernel start-up script maps each type to one of
 * these methods; keeping the markup here means one source of truth for notebooks and tests.
 */
public final class Render {

    private Render() {}

    /** A grade report: score line, then one row per test with ✓/✗, what failed and a hint. */
    public static String html(GradeReport report) {
        String colour = report.allPassed() ? "#1a7f37" : "#cf222e";
        StringBuilder sb = new StringBuilder();
        sb.append("<div><b style=\"color:").append(colour).append("\">")
                .append(Html.escape(report.score())).append("</b>")
                .append("<table class=\"tinyreason\"><thead><tr><th>test</th><th></th>")
                .append("<th style=\"text-align:left\">what happened</th>")
                .append("<th style=\"text-align:left\">hint</th></tr></thead><tbody>");
        for (GradeReport.Result r : report.results()) {
            sb.append("<tr><td style=\"text-align:left\"><code>").append(Html.escape(r.test()))
                    .append("</code></td><td>").append(r.passed() ? "✓" : "✗").append("</td>")
                    .append("<td style=\"text-align:left\">").append(Html.escape(r.message()))
                    .append("</td><td style=\"text-align:left\">").append(Html.escape(r.hint()))
                    .append("</td></tr>");
        }
        return sb.append("</tbody></table></div>").toString();
    }
}
