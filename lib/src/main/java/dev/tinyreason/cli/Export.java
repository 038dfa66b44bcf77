package dev.tinyreason.cli;

import com.google.gson.JsonObject;
import dev.tinyreason.export.GgufFileType;
import dev.tinyreason.export.LlamaGguf;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./tinyreason export gguf --checkpoint DIR [--type f32|f16|q8_0] --out FILE}: a
 * checkpoint as one GGUF file for llama.cpp ({@link LlamaGguf}), then one JSON line with the
 * file, its type, its size in bytes and its tensor count. The default type is q8_0, the one
 * meant for shipping; f32 reproduces the checkpoint's logits to float rounding.
 */
public final class Export {

    static final String USAGE = "usage: export gguf --checkpoint DIR [--type f32|f16|q8_0] "
            + "--out FILE.gguf";

    private Export() {}

    public static int run(String[] args) throws Exception {
        try {
            if (args.length == 0 || !args[0].equals("gguf")) {
                throw new IllegalArgumentException(args.length == 0 ? "Say which format: gguf."
                        : "Unknown export format '" + args[0] + "'; the one format is gguf.");
            }
            Path checkpoint = null;
            Path out = null;
            GgufFileType type = GgufFileType.Q8_0;
            for (int i = 1; i < args.length; i += 2) {
                String flag = args[i];
                String v = Eval.value(flag, i + 1 < args.length ? args[i + 1] : null);
                switch (flag) {
                    case "--checkpoint" -> checkpoint = Path.of(v);
                    case "--out" -> out = Path.of(v);
                    case "--type" -> type = GgufFileType.parse(v);
                    default -> throw new IllegalArgumentException("Unknown option '" + flag
                            + "'.");
                }
            }
            if (checkpoint == null || out == null) {
                throw new IllegalArgumentException("--checkpoint and --out are both needed.");
            }
            if (!Files.exists(checkpoint.resolve("config.json"))) {
                throw new IllegalArgumentException("--checkpoint " + checkpoint + " is not a "
                        + "checkpoint folder (no config.json).");
            }
            LlamaGguf.Exported e = LlamaGguf.export(checkpoint, type, out);
            JsonObject line = new JsonObject();
            line.addProperty("file", e.file().toString());
            line.addProperty("type", e.type().name().toLowerCase(java.util.Locale.ROOT));
            line.addProperty("bytes", e.bytes());
            line.addProperty("tensors", e.tensors());
            System.out.println(line);
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
    }
}
