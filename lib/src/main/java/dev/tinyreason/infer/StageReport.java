package dev.tinyreason.infer;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tinyreason.io.AtomicFiles;
import dev.tinyreason.model.Checkpoint;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.Task;
import dev.tinyreason.tasks.TaskData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code eval.json} a training stage leaves in its checkpoint folder: greedy accuracy with
 * thinking off ({@code direct}) and on ({@code cot}) on the test split of every trained task,
 * {@code limit} problems each, spread over the difficulty levels ({@link Evaluation#spread}).
 * {@code ./tinyreason train ...} writes it after training, {@code ./tinyreason eval --report}
 * for any checkpoint.
 */
public final class StageReport {

    /** The report's file name inside a checkpoint folder. */
    public static final String FILE = "eval.json";

    private StageReport() {}

    /** The report of {@code checkpoint} as JSON; each result is also printed on stderr. */
    public static JsonObject of(Path checkpoint, Path dataDir, List<Task> tasks, int limit) {
        Checkpoint c = Checkpoint.load(checkpoint);
        JsonArray results = new JsonArray();
        try (LlamaModel model = c.model()) {
            ChainOfThought chain = new ChainOfThought(model, c.tokenizer());
            for (Task task : tasks) {
                List<Example> problems = Evaluation.spread(TaskData.read(dataDir
                        .resolve(task.name()).resolve("test.jsonl"), task), limit);
                for (boolean thinking : new boolean[] {false, true}) {
                    Evaluation e = chain.evaluate(task, problems, thinking);
                    results.add(e.toJson());
                    System.err.println("[eval] " + e.toJsonLine());
                }
            }
        }
        JsonObject o = new JsonObject();
        o.addProperty("checkpoint", checkpoint.getFileName().toString());
        o.addProperty("split", "test");
        o.addProperty("limit_per_task", limit);
        o.addProperty("command", "./tinyreason eval --checkpoint DIR --task T --split test "
                + "--method M --limit " + limit);
        o.add("results", results);
        return o;
    }

    /** Writes {@link #of} as {@code eval.json} in the checkpoint folder, atomically. */
    public static void write(Path checkpoint, Path dataDir, List<Task> tasks, int limit)
            throws IOException {
        save(checkpoint.resolve(FILE), of(checkpoint, dataDir, tasks, limit));
    }

    /**
     * Adds {@code section} to the checkpoint's {@code eval.json} under {@code name} (replacing
     * one of that name), keeping everything else, and rewrites the file atomically. Returns
     * false, and writes nothing, when the checkpoint has no {@code eval.json} yet.
     */
    public static boolean addSection(Path checkpoint, String name, JsonObject section)
            throws IOException {
        Path file = checkpoint.resolve(FILE);
        if (!Files.exists(file)) {
            return false;
        }
        JsonObject report = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        report.add(name, section);
        save(file, report);
        return true;
    }

    private static void save(Path file, JsonObject report) throws IOException {
        AtomicFiles.writeString(file, new GsonBuilder().setPrettyPrinting()
                .disableHtmlEscaping().create().toJson(report) + "\n");
    }
}
