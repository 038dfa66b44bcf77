package dev.tinyreason.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adding a section to a checkpoint's eval.json keeps the rest and needs the file to exist. */
class StageReportTest {

    @Test
    void addSectionKeepsTheReportAndReplacesASectionOfTheSameName(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve(StageReport.FILE);
        Files.writeString(file, "{\"split\": \"test\", \"results\": [1, 2], \"value\": 0}\n");
        JsonObject value = new JsonObject();
        value.addProperty("n", 3);
        assertTrue(StageReport.addSection(dir, "value", value));
        String text = Files.readString(file);
        assertTrue(text.endsWith("}\n"), text);
        JsonObject back = JsonParser.parseString(text).getAsJsonObject();
        assertEquals(List.of("split", "results", "value"), List.copyOf(back.keySet()));
        assertEquals("test", back.get("split").getAsString());
        assertEquals(2, back.getAsJsonArray("results").size());
        assertEquals(3, back.getAsJsonObject("value").get("n").getAsInt());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void withoutAReportNothingIsWritten(@TempDir Path dir) throws IOException {
        assertFalse(StageReport.addSection(dir, "value", new JsonObject()));
        assertFalse(Files.exists(dir.resolve(StageReport.FILE)));
    }
}
