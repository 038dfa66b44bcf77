package dev.tinyreason.tokenizer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Small text corpora the course has at hand without downloading anything. */
public final class Corpora {

    private Corpora() {}

    /**
     * The text of the course's own notebooks in {@code dir} (markdown and code cells, no outputs),
     * in file-name order, separated by blank lines. Solutions are left out.
     */
    public static String notebooks(Path dir) {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list notebooks in " + dir + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("No .ipynb files in " + dir + "; pass the notebooks/ folder.");
        }
        StringBuilder sb = new StringBuilder();
        for (Path f : files) {
            JsonObject nb;
            try {
                nb = JsonParser.parseString(Files.readString(f, StandardCharsets.UTF_8)).getAsJsonObject();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + f + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(f + " is not a notebook (JSON): " + e.getMessage(), e);
            }
            JsonArray cells = nb.has("cells") ? nb.getAsJsonArray("cells") : new JsonArray();
            for (JsonElement cell : cells) {
                JsonElement source = cell.getAsJsonObject().get("source");
                if (source == null) {
                    continue;
                }
                if (source.isJsonArray()) {
                    source.getAsJsonArray().forEach(line -> sb.append(line.getAsString()));
                } else {
                    sb.append(source.getAsString());
                }
                sb.append("\n\n");
            }
        }
        return sb.toString();
    }
}
