package dev.tinyreason.tasks;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.tinyreason.io.JsonLines;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * Task data as JSON Lines, one example per line, and the de-duplicated splits written to
 * {@code data/<task>/{train,val,test}.jsonl}:
 *
 * <pre>
 * {"prompt":"What is 47 + 38?","answer":"85","think":"7+8=15 c1 | 4+3+1=8 | 85","difficulty":2,
 *  "_source_task":"arith","_generator_version":"1","_seed":123456789}
 * </pre>
 * (one line in the file). {@code prompt} and {@code answer} are required; {@code think} defaults
 * to "", {@code difficulty} to 0, {@code _generator_version} to "" and {@code _seed} to 0.
 * {@code _source_task} may be left out when the task is given to {@link #read(Path, Task)} or is
 * the name of the file's folder ({@code data/arith/test.jsonl}), so anyone can write their own
 * problems in this format. Each line's answer must pass its own task's verifier.
 */
public final class TaskData {

    /** Consecutive repeats after which a level counts as exhausted (1-digit sums have few forms). */
    static final int MAX_REPEATS = 2_000;

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private TaskData() {}

    /**
     * Up to {@code perLevel} examples of {@code split} at each difficulty, easiest level first, no
     * canonical form twice. A level with fewer distinct problems in this split gives all it has.
     * Example {@code index} 0, 1, 2, ... in order, so a larger {@code perLevel} extends a smaller.
     */
    public static List<Example> generate(Task task, Split split, int perLevel) {
        if (perLevel < 0) {
            throw new IllegalArgumentException("perLevel must not be negative, got " + perLevel);
        }
        return generate(task, split, d -> perLevel);
    }

    /**
     * As {@link #generate(Task, Split, int)}, with {@code countAt.applyAsInt(d)} examples at
     * difficulty {@code d}. Game of 24, which is enumerated, gives every puzzle of its test split
     * whatever the count (as long as it is positive), ranked easiest first.
     */
    public static List<Example> generate(Task task, Split split, IntUnaryOperator countAt) {
        List<Example> out = new ArrayList<>();
        if (!task.splits().contains(split)) {
            return out;
        }
        if (task instanceof Game24) {
            if (countAt.applyAsInt(task.minDifficulty()) > 0) {
                for (Game24.Ranked r : Game24.ranked()) {
                    out.add(r.example());
                }
            }
            return out;
        }
        for (int d = task.minDifficulty(); d <= task.maxDifficulty(); d++) {
            int want = countAt.applyAsInt(d);
            Set<String> seen = new HashSet<>();
            int repeats = 0;
            for (long i = 0; seen.size() < want && repeats < MAX_REPEATS; i++) {
                Example e = task.example(split, d, i);
                if (seen.add(task.canonical(e))) {
                    out.add(e);
                    repeats = 0;
                } else {
                    repeats++;
                }
            }
        }
        return out;
    }

    /** One example as a JSON object, fields in the documented order. */
    public static String toJson(Example e) {
        JsonObject o = new JsonObject();
        o.addProperty("prompt", e.prompt());
        o.addProperty("answer", e.answer());
        o.addProperty("think", e.thinkTrace());
        o.addProperty("difficulty", e.difficulty());
        o.addProperty("_source_task", e.task());
        o.addProperty("_generator_version", e.meta().generatorVersion());
        o.addProperty("_seed", e.meta().seed());
        return GSON.toJson(o);
    }

    /** Writes {@code examples}, one line each, UTF-8 with {@code \n} endings (byte-identical reruns). */
    public static void write(Path file, List<Example> examples) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (Example e : examples) {
                    w.write(toJson(e));
                    w.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a JSONL file whose lines name their task, or sit in a folder named after it. */
    public static List<Example> read(Path file) {
        return read(file, null);
    }

    /**
     * Reads a JSONL file of {@code task}'s examples ({@code task} may be null: see the class
     * comment). Blank lines are skipped. A bad line is an {@link IllegalArgumentException} that
     * names the file, the line number, what is wrong and how to fix it.
     */
    public static List<Example> read(Path file, Task task) {
        String folder = file.toAbsolutePath().getParent() == null ? ""
                : String.valueOf(file.toAbsolutePath().getParent().getFileName());
        return JsonLines.read(file, "check the path; the course's files are under data/<task>/",
                "write one JSON object per line, with strings in double quotes, e.g. "
                        + "{\"prompt\":\"What is 2 + 3?\",\"answer\":\"5\"}",
                (o, where) -> parseLine(o, task, folder, where));
    }

    private static Example parseLine(JsonObject o, Task given, String folder, String where) {
        String prompt = string(o, "prompt", where, true);
        String answer = string(o, "answer", where, true);
        String think = string(o, "think", where, false);
        int difficulty = (int) number(o, "difficulty", where);
        String version = string(o, "_generator_version", where, false);
        long seed = number(o, "_seed", where);
        Task task = task(o, given, folder, where);
        if (prompt.isBlank() || answer.isBlank()) {
            throw bad(where, "has a blank " + (prompt.isBlank() ? "prompt" : "answer"),
                    "give the question in \"prompt\" and the reference answer in \"answer\"");
        }
        Example ex = new Example(prompt, answer, think == null ? "" : think,
                new Example.Meta(task.name(), difficulty, version == null ? "" : version, seed));
        Verdict v;
        try {
            v = task.verify(ex, answer);
        } catch (IllegalArgumentException e) {
            throw bad(where, "does not fit task " + task.name() + ": " + e.getMessage(),
                    "write the prompt in the task's format, as in data/" + task.name() + "/test.jsonl");
        }
        if (v != Verdict.CORRECT) {
            throw bad(where, "has answer '" + answer + "', which the " + task.name() + " verifier marks " + v,
                    "correct the answer (" + answerHint(task) + ")");
        }
        return ex;
    }

    private static Task task(JsonObject o, Task given, String folder, String where) {
        String named = string(o, "_source_task", where, false);
        if (named != null && !Tasks.exists(named)) {
            throw bad(where, "has _source_task '" + named + "', which is not a task",
                    "use one of " + String.join(", ", Tasks.names()));
        }
        if (given != null) {
            if (named != null && !named.equals(given.name())) {
                throw bad(where, "says _source_task '" + named + "' but is read as " + given.name(),
                        "read it with Tasks.named(\"" + named + "\") or fix the field");
            }
            return given;
        }
        if (named != null) {
            return Tasks.named(named);
        }
        if (Tasks.exists(folder)) {
            return Tasks.named(folder);
        }
        throw bad(where, "has no _source_task and its folder '" + folder + "' is not a task",
                "add \"_source_task\":\"arith\" (or word, countdown, game24) to each line, "
                        + "or read it with TaskData.read(path, Tasks.named(\"arith\"))");
    }

    private static String answerHint(Task task) {
        return switch (task.name()) {
            case Arith.NAME, Word.NAME -> "a plain integer such as 85";
            default -> "an expression such as (8-4)*(7-1) using the prompt's numbers";
        };
    }

    private static String string(JsonObject o, String field, String where, boolean required) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            if (required) {
                throw bad(where, "has no \"" + field + "\"", "add \"" + field + "\":\"...\" (a string)");
            }
            return null;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw bad(where, "has \"" + field + "\" = " + e + ", not a string",
                    "write it in double quotes, e.g. \"" + field + "\":\"" + e + "\"");
        }
        return e.getAsString();
    }

    private static long number(JsonObject o, String field, String where) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            return 0;
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            try {
                return p.getAsBigDecimal().longValueExact();
            } catch (ArithmeticException ignored) {
                // falls through to the error below
            }
        }
        throw bad(where, "has \"" + field + "\" = " + e + ", not a whole number",
                "write a whole number without quotes, e.g. \"" + field + "\":3");
    }

    private static IllegalArgumentException bad(String where, String what, String fix) {
        return new IllegalArgumentException(where + " " + what + ". Fix: " + fix + ".");
    }
}
