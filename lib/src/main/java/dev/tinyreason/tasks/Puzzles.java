package dev.tinyreason.tasks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.tinyreason.io.JsonLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bare number puzzles as JSON Lines, so any puzzle set can be scored:
 * <pre>
 * {"numbers":[4,9,10,13]}                 a Game of 24 puzzle (the target is 24)
 * {"numbers":[3,7,25,50],"target":82}     a Countdown puzzle
 * </pre>
 * Each line becomes an {@link Example} of {@code game24} or {@code countdown} with the usual
 * prompt ({@code "Use 4 9 10 13 to make 24."}) and a reference answer found by exhaustive search,
 * so a puzzle without a solution is an error, not a silent zero. A Game of 24 puzzle keeps its
 * place in {@link Game24}'s ranking (difficulty and rank) when its numbers are in 1..13;
 * otherwise its difficulty is 0 and its seed -1. A Countdown puzzle's difficulty is how many
 * numbers it has. Blank lines are skipped; a bad line is an {@link IllegalArgumentException}
 * naming the file, the line, what is wrong and how to fix it.
 */
public final class Puzzles {

    static final int MIN_NUMBERS = 2;
    static final int MAX_NUMBERS = 6;
    static final int MAX_VALUE = 10_000;

    private Puzzles() {}

    /**
     * Whether the file's first non-blank line is a JSON object without a {@code prompt}: a
     * puzzle (or a line that {@link #read} explains), not a task data line for
     * {@link TaskData#read}.
     */
    public static boolean isPuzzleFile(Path file) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    JsonElement e = JsonParser.parseString(line);
                    return e.isJsonObject() && !e.getAsJsonObject().has("prompt");
                }
            }
        } catch (IOException | JsonParseException e) {
            return false;  // not ours: TaskData.read reports what is wrong with it
        }
        return false;
    }

    /** The puzzles of {@code file} as examples of {@code task}: game24 or countdown. */
    public static List<Example> read(Path file, Task task) {
        if (!(task instanceof Game24) && !(task instanceof Countdown)) {
            throw new IllegalArgumentException(file + " has lines without a \"prompt\". Fix: "
                    + "write " + task.name() + " problems as in data/" + task.name()
                    + "/test.jsonl ({\"prompt\":...,\"answer\":...}); bare puzzles "
                    + "{\"numbers\":[...]} are for --task game24 and countdown.");
        }
        List<Example> out = JsonLines.read(file, "check the path", "write one JSON object per "
                + "line, e.g. " + example(task), (o, where) -> parse(o, task, where));
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + " has no puzzles. Fix: write one per line, "
                    + "e.g. {\"numbers\":[4,9,10,13]}.");
        }
        return out;
    }

    /** A well-formed line for {@code task}, shown in error messages. */
    private static String example(Task task) {
        return task instanceof Game24 ? "{\"numbers\":[4,9,10,13]}"
                : "{\"numbers\":[3,7,25,50],\"target\":82}";
    }

    private static Example parse(JsonObject o, Task task, String where) {
        boolean game24 = task instanceof Game24;
        String example = example(task);
        for (Map.Entry<String, JsonElement> f : o.entrySet()) {
            if (!f.getKey().equals("numbers") && !f.getKey().equals("target")) {
                throw bad(where, "has an unknown field \"" + f.getKey() + "\"",
                        "a puzzle has only \"numbers\" and, for countdown, \"target\": " + example);
            }
        }
        List<Integer> numbers = numbers(o.get("numbers"), where, game24, example);
        Integer target = o.has("target") ? whole(o.get("target"), "\"target\"", where, example)
                : null;
        if (game24) {
            if (target != null && target != Game24.TARGET) {
                throw bad(where, "has target " + target + ", but Game of 24 always makes 24",
                        "drop \"target\", or score other targets with --task countdown");
            }
            return game24(numbers, where);
        }
        if (target == null) {
            throw bad(where, "has no \"target\"", "add the number to make, e.g. " + example);
        }
        return countdown(numbers, target, where);
    }

    private static List<Integer> numbers(JsonElement e, String where, boolean game24,
            String example) {
        if (e == null || !e.isJsonArray()) {
            throw bad(where, e == null ? "has no \"numbers\"" : "has \"numbers\" = " + e
                    + ", not a list", "write the numbers as a JSON list, e.g. " + example);
        }
        JsonArray a = e.getAsJsonArray();
        int min = game24 ? 4 : MIN_NUMBERS;
        int max = game24 ? 4 : MAX_NUMBERS;
        if (a.size() < min || a.size() > max) {
            throw bad(where, "has " + a.size() + " numbers", game24 ? "Game of 24 uses exactly 4, "
                    + "e.g. " + example : "give " + MIN_NUMBERS + " to " + MAX_NUMBERS
                    + " numbers, e.g. " + example);
        }
        List<Integer> out = new ArrayList<>();
        for (JsonElement n : a) {
            out.add(whole(n, "\"numbers\"", where, example));
        }
        return out;
    }

    private static int whole(JsonElement e, String field, String where, String example) {
        if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            try {
                int v = e.getAsBigDecimal().intValueExact();
                if (v >= 1 && v <= MAX_VALUE) {
                    return v;
                }
            } catch (ArithmeticException ignored) {
                // falls through to the error below
            }
        }
        throw bad(where, "has " + e + " in " + field + ", not a whole number from 1 to "
                + MAX_VALUE, "write whole numbers without quotes, e.g. " + example);
    }

    private static Example game24(List<Integer> numbers, String where) {
        List<Integer> sorted = new Countdown.Puzzle(numbers, Game24.TARGET).numbers();
        for (Game24.Ranked r : Game24.ranked()) {
            if (r.numbers().equals(sorted)) {
                return r.example();
            }
        }
        Optional<CountdownSearch.Solution> s = solve(sorted, Game24.TARGET, Rules.GAME24);
        if (s.isEmpty()) {
            throw bad(where, "has no solution: " + join(sorted) + " cannot make 24 with + - * /, "
                    + "each number used once",
                    "remove the line (only solvable puzzles are scored)");
        }
        Countdown.Puzzle p = new Countdown.Puzzle(sorted, Game24.TARGET);
        return new Example(p.prompt(), s.get().expression().toString(), s.get().pathTrace(),
                new Example.Meta(Game24.NAME, 0, Game24.VERSION, -1));
    }

    private static Example countdown(List<Integer> numbers, int target, String where) {
        Optional<CountdownSearch.Solution> s = solve(numbers, target, Rules.COUNTDOWN);
        Countdown.Puzzle p = new Countdown.Puzzle(numbers, target);
        if (s.isEmpty()) {
            throw bad(where, "has no solution: " + join(p.numbers()) + " cannot make " + target
                    + " with + - * / (each number at most once, whole intermediate results)",
                    "remove the line (only solvable puzzles are scored)");
        }
        return new Example(p.prompt(), s.get().expression().toString(), s.get().trace(),
                new Example.Meta(Countdown.NAME, numbers.size(), Countdown.VERSION, -1));
    }

    /** A reference solution; the memoised {@code canReach} first, so no solution fails fast. */
    private static Optional<CountdownSearch.Solution> solve(List<Integer> numbers, int target,
            Rules rules) {
        if (!CountdownSearch.canReach(CountdownSearch.state(numbers), Rational.of(target), rules)) {
            return Optional.empty();
        }
        return CountdownSearch.solve(numbers, target, rules, Integer.MAX_VALUE);
    }

    private static String join(List<Integer> numbers) {
        StringBuilder sb = new StringBuilder();
        for (int n : numbers) {
            sb.append(sb.length() == 0 ? "" : " ").append(n);
        }
        return sb.toString();
    }

    private static IllegalArgumentException bad(String where, String what, String fix) {
        return new IllegalArgumentException(where + " " + what + ". Fix: " + fix + ".");
    }
}
