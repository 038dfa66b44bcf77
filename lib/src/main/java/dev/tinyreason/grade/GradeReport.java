package dev.tinyreason.grade;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * What {@link Grader#check} found: one {@link Result} per test of an exercise.
 *
 * <p>In a notebook the kernel renders a report as an HTML table (test, ✓/✗, hint); elsewhere
 * {@link #toString()} gives the same table as text.
 */
public record GradeReport(String exercise, String notebook, List<Result> results) {

    /** One test's outcome; {@code message} and {@code hint} are empty when it passed. */
    public record Result(String test, boolean passed, String message, String hint) {}

    public GradeReport {
        results = List.copyOf(results);
    }

    public int passed() {
        return (int) results.stream().filter(Result::passed).count();
    }

    public int total() {
        return results.size();
    }

    public boolean allPassed() {
        return total() > 0 && passed() == total();
    }

    /** "2/3 tests passed" style summary line. */
    public String score() {
        return exercise + ": " + passed() + "/" + total() + " tests passed"
                + (allPassed() ? " — well done!" : "");
    }

    /** One JSON object on one line, as written to the grade log. */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("exercise", exercise);
        o.addProperty("notebook", notebook);
        o.addProperty("passed", passed());
        o.addProperty("total", total());
        JsonArray tests = new JsonArray();
        for (Result r : results) {
            JsonObject t = new JsonObject();
            t.addProperty("test", r.test());
            t.addProperty("passed", r.passed());
            t.addProperty("message", r.message());
            tests.add(t);
        }
        o.add("tests", tests);
        return new Gson().toJson(o);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(score()).append('\n');
        for (Result r : results) {
            sb.append(r.passed() ? "  ✓ " : "  ✗ ").append(r.test());
            if (!r.passed()) {
                sb.append(" — ").append(r.message());
                if (!r.hint().isEmpty()) {
                    sb.append("\n      hint: ").append(r.hint());
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
