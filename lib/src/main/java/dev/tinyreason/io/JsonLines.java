package dev.tinyreason.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading JSON Lines files, one JSON object per line, the format of every data file and report
 * the course writes. Blank lines are skipped. Every error names the file, the line and the fix.
 */
public final class JsonLines {

    private static final Pattern COLUMN = Pattern.compile("column (\\d+)");

    private JsonLines() {
    }

    /**
     * Turns one line's object into a value. {@code where} ("FILE line N") starts the message of
     * an {@link IllegalArgumentException} it throws for a line it cannot use.
     */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(JsonObject line, String where);
    }

    /**
     * Every non-blank line of {@code file}, in order, through {@code parser}. A file that cannot
     * be read is an {@link UncheckedIOException} ending "Fix: " {@code unreadable}; a line that
     * is not a JSON object, or that the parser rejects with anything but its own
     * {@link IllegalArgumentException}, is an {@link IllegalArgumentException} naming the line
     * and ending "Fix: " {@code fix}. Both fixes are phrases without their full stop.
     */
    public static <T> List<T> read(Path file, String unreadable, String fix, Parser<T> parser) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage()
                    + ". Fix: " + unreadable + ".", e);
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String where = file + " line " + (i + 1);
            JsonObject o = object(lines.get(i), where, fix);
            try {
                out.add(parser.parse(o, where));
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(where + " is not what this file holds ("
                        + e.getMessage() + "). Fix: " + fix + ".", e);
            }
        }
        return out;
    }

    /** One line as a JSON object, or an {@link IllegalArgumentException} naming it and the fix. */
    public static JsonObject object(String line, String where, String fix) {
        JsonElement e;
        try {
            e = JsonParser.parseString(line);
        } catch (JsonParseException ex) {
            Matcher at = COLUMN.matcher(String.valueOf(ex.getMessage()));
            throw new IllegalArgumentException(where + " is not valid JSON"
                    + (at.find() ? " (at column " + at.group(1) + ")" : "") + ". Fix: " + fix
                    + ".", ex);
        }
        if (!e.isJsonObject()) {
            throw new IllegalArgumentException(where + " is not a JSON object. Fix: " + fix
                    + ".");
        }
        return e.getAsJsonObject();
    }
}
