package dev.tinyreason.model;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.tinyreason.io.AtomicFiles;
import dev.tinyreason.tensor.SafeTensors;
import dev.tinyreason.tensor.SafeTensors.DType;
import dev.tinyreason.tensor.SafeTensors.Tensor;
import dev.tinyreason.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A model on disk, in Hugging Face's folder layout, so that Python's
 * {@code AutoModelForCausalLM.from_pretrained(folder)} and {@code AutoTokenizer} load it as is:
 * <pre>
 *   config.json             LlamaConfig keys ({@link HfConfig})
 *   model.safetensors       the weights under HF Llama names ({@link LlamaWeights})
 *   tokenizer.json          the tokenizer, if there is one
 *   generation_config.json  sampling defaults ({@link GenerationConfig})
 *   training_log.csv        our metric log, if there is one
 * </pre>
 * Saving writes a complete new folder next to the target and then swaps it in with renames: a
 * crash at any moment leaves the previous checkpoint whole (at worst under a
 * {@code .NAME.old-*} name, which {@link #load} points out). No Java serialization anywhere.
 *
 * @param tokenizer   may be null
 * @param trainingLog CSV text ({@code MetricLog.toCsv()}), may be empty
 */
public record Checkpoint(ModelConfig config, LlamaWeights weights, Tokenizer tokenizer,
        GenerationConfig generation, String trainingLog) {

    public Checkpoint {
        weights.checkMatches(config);
        generation = generation == null ? GenerationConfig.defaults() : generation;
        trainingLog = trainingLog == null ? "" : trainingLog;
    }

    /** The model's current weights with a tokenizer (may be null) and default generation. */
    public static Checkpoint of(LlamaModel model, Tokenizer tokenizer) {
        return new Checkpoint(model.config(), model.weights(), tokenizer, null, "");
    }

    public Checkpoint withTrainingLog(String csv) {
        return new Checkpoint(config, weights, tokenizer, generation, csv);
    }

    public Checkpoint withGeneration(GenerationConfig g) {
        return new Checkpoint(config, weights, tokenizer, g, trainingLog);
    }

    /** A model with these weights (its own native memory). */
    public LlamaModel model() {
        return new LlamaModel(config, weights);
    }

    // ---- saving ----------------------------------------------------------------------------

    /** Writes the folder {@code dir} (replacing an older checkpoint there) atomically. */
    public void save(Path dir) {
        save(dir, DType.F32);
    }

    /** As {@link #save(Path)}, storing the weights as {@code dtype} (BF16 halves the file). */
    public void save(Path dir, DType dtype) {
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        String name = target.getFileName().toString();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Path tmp = parent.resolve("." + name + ".tmp-" + tag);
        try {
            Files.createDirectories(tmp);
            String torchDtype = switch (dtype) {
                case F32 -> "float32";
                case BF16 -> "bfloat16";
                case F16 -> "float16";
            };
            writeJson(tmp.resolve("config.json"), HfConfig.toJson(config, torchDtype));
            writeJson(tmp.resolve("generation_config.json"), generation.toJson());
            SafeTensors.write(tmp.resolve("model.safetensors"), weights.as(dtype).tensors(),
                    Map.of("format", "pt"));
            if (tokenizer != null) {
                tokenizer.save(tmp.resolve("tokenizer.json"));
            }
            if (!trainingLog.isEmpty()) {
                Files.writeString(tmp.resolve("training_log.csv"), trainingLog,
                        StandardCharsets.UTF_8);
            }
            AtomicFiles.replaceFolder(tmp, target);
        } catch (IOException | RuntimeException e) {
            try {
                AtomicFiles.deleteTree(tmp);
            } catch (IOException ignored) {
                // the temporary folder is hidden and harmless; the original error matters
            }
            throw new UncheckedIOException("Could not save the checkpoint to " + target + ": "
                    + e, e instanceof IOException io ? io : new IOException(e));
        }
    }

    // ---- loading ---------------------------------------------------------------------------

    /**
     * Reads a checkpoint folder. Every tensor is checked against the config before any data is
     * read: the error names the first missing, extra, mis-shaped or wrongly typed tensor.
     */
    public static Checkpoint load(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(d)) {
            throw new IllegalArgumentException("There is no checkpoint folder at " + d + "."
                    + leftover(d).map(p -> " A save was interrupted; the previous checkpoint is "
                    + "in " + p + ": rename it to " + d.getFileName() + ".").orElse(""));
        }
        try {
            JsonObject json = readJson(d.resolve("config.json"));
            ModelConfig config = HfConfig.fromJson(json, d.resolve("config.json").toString());
            Path st = d.resolve("model.safetensors");
            if (!Files.exists(st)) {
                throw new IllegalArgumentException(d + " has no model.safetensors (sharded and "
                        + ".bin checkpoints are not supported).");
            }
            checkEntries(st, config, HfConfig.dtype(json));
            Map<String, Tensor> tensors = new LinkedHashMap<>(SafeTensors.read(st));
            if (config.tieEmbeddings()) {
                tensors.remove(HfNames.LM_HEAD);  // some writers store the tied copy as well
            }
            Path tok = d.resolve("tokenizer.json");
            Path gen = d.resolve("generation_config.json");
            Path log = d.resolve("training_log.csv");
            return new Checkpoint(config, new LlamaWeights(tensors),
                    Files.exists(tok) ? Tokenizer.load(tok) : null,
                    Files.exists(gen) ? GenerationConfig.fromJson(readJson(gen)) : null,
                    Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not load the checkpoint " + d + ": "
                    + e.getMessage(), e);
        }
    }

    private static void checkEntries(Path file, ModelConfig config, String declared)
            throws IOException {
        Map<String, SafeTensors.Entry> entries = SafeTensors.entries(file);
        Map<String, int[]> want = LlamaWeights.shapes(config);
        DType expected = declared == null ? null : switch (declared) {
            case "float32" -> DType.F32;
            case "bfloat16" -> DType.BF16;
            case "float16" -> DType.F16;
            default -> throw new IllegalArgumentException(file.resolveSibling("config.json")
                    + " declares dtype '" + declared + "'; supported: float32, bfloat16, "
                    + "float16.");
        };
        for (Map.Entry<String, int[]> w : want.entrySet()) {
            SafeTensors.Entry e = entries.get(w.getKey());
            if (e == null) {
                throw new IllegalArgumentException(file + " lacks tensor '" + w.getKey()
                        + "' of shape " + Arrays.toString(w.getValue()) + ".");
            }
            if (!Arrays.equals(e.shape(), w.getValue())) {
                throw new IllegalArgumentException(file + ": tensor '" + w.getKey() + "' has "
                        + "shape " + Arrays.toString(e.shape()) + " but config.json needs "
                        + Arrays.toString(w.getValue()) + ".");
            }
            if (expected != null && e.dtype() != expected) {
                throw new IllegalArgumentException(file + ": tensor '" + w.getKey() + "' is "
                        + e.dtype() + " but config.json declares " + declared + ".");
            }
        }
        for (String name : entries.keySet()) {
            boolean tiedCopy = name.equals(HfNames.LM_HEAD) && config.tieEmbeddings();
            if (!want.containsKey(name) && !tiedCopy) {
                throw new IllegalArgumentException(file + " has tensor '" + name + "', which "
                        + "this architecture does not use.");
            }
        }
    }

    private static Optional<Path> leftover(Path d) {
        String prefix = "." + d.getFileName() + ".old-";
        try (Stream<Path> s = Files.list(d.getParent())) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static JsonObject readJson(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("The checkpoint has no " + file.getFileName()
                    + " (looked at " + file + ").");
        }
        try {
            return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getMessage());
        }
    }

    private static void writeJson(Path file, JsonObject o) throws IOException {
        String text = new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(o);
        Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
    }
}
