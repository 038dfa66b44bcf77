package dev.tinyreason.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tinyreason.export.GgufReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./tinyreason export gguf}: one JSON line on success, a named error and usage else. */
class ExportCommandTest {

    static final String CKPT = "../data/checkpoints/sft-think";

    @Test
    void exportsTheCourseCheckpointAndPrintsOneJsonLine(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sft-think-q8_0.gguf");
        CliRun.Result r = CliRun.capture(() -> Main.run(new String[] {"export", "gguf",
                "--checkpoint", CKPT, "--type", "q8_0", "--out", out.toString()}));
        assertEquals(0, r.code(), r.err());
        JsonObject line = JsonParser.parseString(r.out().strip()).getAsJsonObject();
        assertEquals(out.toString(), line.get("file").getAsString());
        assertEquals("q8_0", line.get("type").getAsString());
        assertEquals(Files.size(out), line.get("bytes").getAsLong());
        assertEquals(38, line.get("tensors").getAsInt());
        assertEquals(7, GgufReader.read(out).integer("general.file_type"));
    }

    @Test
    void mistakesEndInOneErrorLineAndTheUsage(@TempDir Path dir) throws Exception {
        String out = dir.resolve("x.gguf").toString();
        expectError(new String[] {"export", "onnx"}, "unknown format 'onnx'; the formats are gguf.");
        expectError(new String[] {"export", "gguf", "--checkpoint", CKPT, "--type", "q4_k",
                "--out", out}, "Unknown GGUF type 'q4_k'; the types are f32, f16 and q8_0.");
        expectError(new String[] {"export", "gguf", "--checkpoint", dir.toString(), "--out",
                out}, "is not a checkpoint folder (no config.json)");
        expectError(new String[] {"export", "gguf", "--checkpoint", CKPT},
                "Missing required option: '--out FILE'");
        expectError(new String[] {"export", "gguf", "--checkpoint"},
                "Missing required parameter for option '--checkpoint' (DIR)");
        assertTrue(Files.notExists(Path.of(out)));
    }

    private static void expectError(String[] args, String message) throws Exception {
        CliRun.Result r = CliRun.capture(() -> Main.run(args));
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: ") && r.err().contains(message), r.err());
        assertTrue(r.err().contains("Usage: ./tinyreason export"), "the usage follows: " + r.err());
    }
}
