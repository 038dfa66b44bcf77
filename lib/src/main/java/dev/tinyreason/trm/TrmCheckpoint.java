package dev.tinyreason.trm;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.tinyreason.io.AtomicFiles;
import dev.tinyreason.tensor.SafeTensors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A checkpoint directory:
 * <pre>
 *   model.safetensors   the weights (little-endian f32, see {@link SafeTensors})
 *   config.json         model config, training config, data spec, and a free-form summary
 *   training_log.csv    one {@link TrmTrainer.Progress} row per report
 * </pre>
 * Saving is atomic: everything is written to a temporary sibling directory that is then renamed
 * into place, so a crash never leaves half a checkpoint. Sub-directories of an existing
 * checkpoint (e.g. {@code baselines/}) are carried over to the new one.
 */
public final class TrmCheckpoint {

    public static final String WEIGHTS = "model.safetensors";
    public static final String CONFIG = "config.json";
    public static final String LOG = "training_log.csv";
    private static final String FORMAT = "tinyreason-trm/1";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting()
            .serializeSpecialFloatingPointValues().create();

    private TrmCheckpoint() {}

    /** What a checkpoint holds. {@code summary} is whatever the trainer chose to record. */
    public record Loaded(TrmModel model, TrmTrainConfig train, SudokuDataset.Spec data,
            JsonObject summary) {}

    /** Writes a checkpoint to {@code dir} atomically. */
    public static void save(Path dir, TrmModel model, TrmTrainConfig train,
            SudokuDataset.Spec data, List<TrmTrainer.Progress> log, Map<String, ?> summary)
            throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempDirectory(target.getParent(), target.getFileName() + ".tmp-");
        try {
            readableByAll(tmp);
            SafeTensors.write(tmp.resolve(WEIGHTS), model.weights().tensors(),
                    Map.of("format", FORMAT));
            JsonObject json = new JsonObject();
            json.addProperty("format", FORMAT);
            json.add("model", GSON.toJsonTree(model.config()));
            json.add("train", GSON.toJsonTree(train));
            json.add("data", GSON.toJsonTree(data));
            json.addProperty("parameters", model.parameterCount());
            json.add("summary", GSON.toJsonTree(summary));
            Files.writeString(tmp.resolve(CONFIG), GSON.toJson(json), StandardCharsets.UTF_8);
            List<String> rows = new ArrayList<>();
            rows.add(TrmTrainer.Progress.csvHeader());
            log.forEach(p -> rows.add(p.csvRow()));
            Files.write(tmp.resolve(LOG), rows, StandardCharsets.UTF_8);
            swapIn(tmp, target);
        } finally {
            AtomicFiles.deleteTree(tmp);
        }
    }

    /** Reads a checkpoint directory; errors say which file is missing or malformed. */
    public static Loaded load(Path dir) throws IOException {
        Path weights = dir.resolve(WEIGHTS);
        Path config = dir.resolve(CONFIG);
        if (!Files.isRegularFile(weights) || !Files.isRegularFile(config)) {
            throw new IllegalArgumentException("No TRM checkpoint at " + dir.toAbsolutePath()
                    + ": it needs " + WEIGHTS + " and " + CONFIG + "; train one with "
                    + "'./tinyreason train trm'.");
        }
        JsonObject json = GSON.fromJson(Files.readString(config, StandardCharsets.UTF_8),
                JsonObject.class);
        if (json == null || !FORMAT.equals(json.has("format") ? json.get("format").getAsString()
                : null)) {
            throw new IllegalArgumentException(config + " is not a " + FORMAT + " config.");
        }
        TrmConfig modelConfig = GSON.fromJson(json.get("model"), TrmConfig.class);
        TrmTrainConfig train = GSON.fromJson(json.get("train"), TrmTrainConfig.class);
        SudokuDataset.Spec data = GSON.fromJson(json.get("data"), SudokuDataset.Spec.class);
        TrmWeights w = new TrmWeights(SafeTensors.read(weights));
        JsonObject summary = json.has("summary") && json.get("summary").isJsonObject()
                ? json.getAsJsonObject("summary") : new JsonObject();
        return new Loaded(new TrmModel(modelConfig, w), train, data, summary);
    }

    /** Moves sub-directories of the old checkpoint (if any) into {@code tmp}, then renames. */
    private static void swapIn(Path tmp, Path target) throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> children = Files.list(target)) {
                for (Path child : children.toList()) {
                    if (Files.isDirectory(child) && !Files.exists(tmp.resolve(child.getFileName()))) {
                        Files.move(child, tmp.resolve(child.getFileName()),
                                StandardCopyOption.ATOMIC_MOVE);
                    }
                }
            }
        }
        AtomicFiles.replaceFolder(tmp, target);
    }

    /** Temporary directories are private (rwx------); a checkpoint is meant to be shared. */
    private static void readableByAll(Path dir) throws IOException {
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: keep its defaults.
        }
    }
}
