package dev.tinyreason.cli;

import com.google.gson.JsonObject;
import dev.tinyreason.export.GgufFileType;
import dev.tinyreason.export.LlamaGguf;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./tinyreason export gguf --checkpoint DIR [--type f32|f16|q8_0] --out FILE}: a
 * checkpoint as one GGUF file for llama.cpp ({@link LlamaGguf}), then one JSON line with the
 * file, its type, its size in bytes and its tensor count. The default type is q8_0, the one
 * meant for shipping; f32 reproduces the checkpoint's logits to float rounding.
 */
@Command(name = "export", synopsisSubcommandLabel = "FORMAT", commandListHeading = "Formats:%n",
        subcommands = Export.Gguf.class,
        description = "Write a checkpoint for another runtime: export gguf (llama.cpp).")
public final class Export implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** {@code ./tinyreason export ARGS}. */
    public static int run(String[] args) {
        return Main.run(List.of("export"), args);
    }

    @Override
    public Integer call() {
        throw Cli.missingSubcommand(spec);
    }

    /** {@code export gguf}: one GGUF file and its JSON line. */
    @Command(name = "gguf", description = "A checkpoint as one GGUF file for llama.cpp.")
    static final class Gguf implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--checkpoint", paramLabel = "DIR", required = true,
                description = "A checkpoint folder, e.g. data/checkpoints/sft-think.")
        Path checkpoint;

        @Option(names = "--out", paramLabel = "FILE", required = true,
                description = "The GGUF file to write, e.g. sft-think-q8_0.gguf.")
        Path out;

        private GgufFileType type = GgufFileType.Q8_0;

        @Option(names = "--type", paramLabel = "f32|f16|q8_0",
                description = "The weights' number format (default q8_0; f32 reproduces the "
                        + "checkpoint's logits).")
        void type(String name) {
            type = GgufFileType.parse(name);
        }

        @Override
        public Integer call() throws Exception {
            Cli.requireCheckpoint(spec, "--checkpoint", checkpoint, "point to a folder under "
                    + "data/checkpoints/, e.g. data/checkpoints/sft-think.");
            LlamaGguf.Exported e = LlamaGguf.export(checkpoint, type, out);
            JsonObject line = new JsonObject();
            line.addProperty("file", e.file().toString());
            line.addProperty("type", e.type().name().toLowerCase(Locale.ROOT));
            line.addProperty("bytes", e.bytes());
            line.addProperty("tensors", e.tensors());
            System.out.println(line);
            return 0;
        }
    }
}
