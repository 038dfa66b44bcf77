package dev.tinyreason.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tinyreason.tensor.SafeTensors;
import dev.tinyreason.tokenizer.BpeConfig;
import dev.tinyreason.tokenizer.Tokenizer;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint folders: complete round trips, atomic replacement, and errors that name things. */
class CheckpointTest {

    static final ModelConfig CONFIG = ModelConfig.nano().withVocabSize(300).withNumLayers(1);

    static Tokenizer tokenizer() {
        return Tokenizer.train("the cat sat on the mat. 12 + 30 = 42. ".repeat(50),
                new BpeConfig(300, 2));
    }

    @Test
    void aSavedFolderHasTheHfLayoutAndLoadsBackExactly(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("ckpt");
        int[] ids = {1, 40, 41, 42, 2};
        try (LlamaModel model = LlamaModel.init(CONFIG, 5)) {
            Checkpoint.of(model, tokenizer()).withTrainingLog("step,loss\n1,5.5\n").save(folder);
            try (var files = Files.list(folder)) {
                assertEquals(List.of("config.json", "generation_config.json", "model.safetensors",
                        "tokenizer.json", "training_log.csv"),
                        files.map(p -> p.getFileName().toString()).sorted().toList());
            }
            JsonObject cfg = JsonParser.parseString(Files.readString(folder.resolve(
                    "config.json"))).getAsJsonObject();
            assertEquals("LlamaForCausalLM", cfg.getAsJsonArray("architectures").get(0)
                    .getAsString());
            assertEquals(128, cfg.get("hidden_size").getAsInt());
            assertEquals(2, cfg.get("num_key_value_heads").getAsInt());
            assertTrue(SafeTensors.entries(folder.resolve("model.safetensors"))
                    .containsKey("model.layers.0.self_attn.k_proj.weight"));

            Checkpoint back = Checkpoint.load(folder);
            assertEquals(CONFIG, back.config());
            assertNotNull(back.tokenizer());
            assertArrayEquals(tokenizer().encode("the cat"), back.tokenizer().encode("the cat"));
            assertEquals("step,loss\n1,5.5\n", back.trainingLog());
            assertArrayEquals(new int[] {2, 7}, back.generation().eosTokenIds());
            try (LlamaModel loaded = back.model()) {
                assertArrayEquals(model.logits(TokenBatch.of(ids))[0][4],
                        loaded.logits(TokenBatch.of(ids))[0][4]);
            }
        }
    }

    @Test
    void bf16CheckpointsAreHalfTheSizeAndCloseToTheOriginal(@TempDir Path dir) {
        try (LlamaModel model = LlamaModel.init(CONFIG, 6)) {
            Checkpoint.of(model, null).save(dir.resolve("f32"));
            Checkpoint.of(model, null).save(dir.resolve("bf16"), SafeTensors.DType.BF16);
            long f32 = dir.resolve("f32/model.safetensors").toFile().length();
            long bf16 = dir.resolve("bf16/model.safetensors").toFile().length();
            assertEquals(0.5, (double) bf16 / f32, 0.01);
            float[] a = model.weights().get("model.norm.weight").values();
            float[] w = Checkpoint.load(dir.resolve("bf16")).weights()
                    .get("model.layers.0.mlp.down_proj.weight").values();
            float[] orig = model.weights().get("model.layers.0.mlp.down_proj.weight").values();
            for (int i = 0; i < w.length; i++) {
                assertEquals(orig[i], w[i], Math.abs(orig[i]) / 128);
            }
            assertEquals(1f, a[0]);
        }
    }

    @Test
    void savingOverACheckpointReplacesItAndLeavesNoDebris(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("ckpt");
        try (LlamaModel a = LlamaModel.init(CONFIG, 1); LlamaModel b = LlamaModel.init(CONFIG, 2)) {
            Checkpoint.of(a, null).save(folder);
            Checkpoint.of(b, null).save(folder);
            float[] want = b.weights().get("model.embed_tokens.weight").values();
            assertArrayEquals(want, Checkpoint.load(folder).weights()
                    .get("model.embed_tokens.weight").values());
            try (var files = Files.list(dir)) {
                assertEquals(List.of("ckpt"), files.map(p -> p.getFileName().toString()).toList());
            }
        }
    }

    @Test
    void aFailedSaveKeepsThePreviousCheckpoint(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("ckpt");
        try (LlamaModel a = LlamaModel.init(CONFIG, 1)) {
            Checkpoint.of(a, null).save(folder);
            byte[] before = Files.readAllBytes(folder.resolve("model.safetensors"));
            // a log with a lone surrogate cannot be written as UTF-8: the save fails after the
            // new weights are already on disk
            Checkpoint bad = Checkpoint.of(a, tokenizer()).withTrainingLog("step\n\uD800\n");
            assertThrows(UncheckedIOException.class, () -> bad.save(folder));
            assertArrayEquals(before, Files.readAllBytes(folder.resolve("model.safetensors")));
            try (var files = Files.list(dir)) {
                assertEquals(1, files.count(), "the temporary folder is removed");
            }
        }
    }

    @Test
    void anInterruptedSwapPointsToTheKeptCheckpoint(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("ckpt");
        try (LlamaModel a = LlamaModel.init(CONFIG, 1)) {
            Checkpoint.of(a, null).save(folder);
        }
        Files.move(folder, dir.resolve(".ckpt.old-1234abcd"));  // crash between the renames
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.load(folder));
        assertTrue(e.getMessage().contains(".ckpt.old-1234abcd"), e.getMessage());
    }

    @Test
    void loadingNamesTheMismatchingTensor(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("ckpt");
        try (LlamaModel a = LlamaModel.init(CONFIG, 1)) {
            Checkpoint.of(a, null).save(folder);
        }
        Path config = folder.resolve("config.json");
        String json = Files.readString(config);
        Files.writeString(config, json.replace("\"intermediate_size\": 384",
                "\"intermediate_size\": 256"));
        assertLoadError(folder, "tensor 'model.layers.0.mlp.gate_proj.weight' has shape "
                + "[384, 128] but config.json needs [256, 128]");
        Files.writeString(config, json.replace("\"dtype\": \"float32\"", "\"dtype\": \"bfloat16\""));
        assertLoadError(folder, "tensor 'model.embed_tokens.weight' is F32 but config.json "
                + "declares bfloat16");
        Files.writeString(config, json.replace("\"num_hidden_layers\": 1",
                "\"num_hidden_layers\": 2"));
        assertLoadError(folder, "lacks tensor 'model.layers.1.input_layernorm.weight'");
        Files.writeString(config, json.replace("\"mlp_bias\": false", "\"mlp_bias\": true"));
        assertLoadError(folder, "mlp_bias is true");
        Files.writeString(config, json);
        Path st = folder.resolve("model.safetensors");
        byte[] all = Files.readAllBytes(st);
        Files.write(st, Arrays.copyOf(all, all.length / 2));
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> Checkpoint.load(folder));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    private static void assertLoadError(Path folder, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.load(folder));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    /** WiSE-FT's average, tensor by tensor, and the average command that writes it. */
    @Test
    void weightsInterpolateAndTheAverageCommandSavesThem(@TempDir Path dir) throws Exception {
        ModelConfig c = ModelConfig.nano().withVocabSize(64).withMaxPositions(32);
        LlamaWeights a = LlamaWeights.init(c, 1);
        LlamaWeights b = LlamaWeights.init(c, 2);
        LlamaWeights mid = LlamaWeights.interpolate(a, b, 0.25);
        for (String name : a.tensors().keySet()) {
            float[] x = a.get(name).values();
            float[] y = b.get(name).values();
            float[] m = mid.get(name).values();
            for (int i = 0; i < x.length; i += 7) {
                assertEquals(0.75 * x[i] + 0.25 * y[i], m[i], 1e-6, name);
            }
        }
        assertArrayEquals(b.get("model.norm.weight").values(),
                LlamaWeights.interpolate(a, b, 1).get("model.norm.weight").values());
        assertThrows(IllegalArgumentException.class,
                () -> LlamaWeights.interpolate(a, b, 1.5));
        LlamaWeights other = LlamaWeights.init(ModelConfig.nano().withVocabSize(80).withMaxPositions(32), 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LlamaWeights.interpolate(a, other, 0.5));
        assertTrue(e.getMessage().contains("model.embed_tokens.weight"), e.getMessage());

        new Checkpoint(c, a, null, null, "").save(dir.resolve("a"));
        new Checkpoint(c, b, null, null, "").save(dir.resolve("b"));
        dev.tinyreason.cli.CliRun.Result r = dev.tinyreason.cli.CliRun.capture(() -> dev.tinyreason.cli.Main.run(
                new String[] {"average", "--from", dir.resolve("a").toString(), "--to", dir.resolve("b").toString(),
                    "--alpha", "0.25", "--out", dir.resolve("m").toString()}));
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(mid.get("model.norm.weight").values(),
                Checkpoint.load(dir.resolve("m")).weights().get("model.norm.weight").values());
        assertTrue(Files.readString(dir.resolve("m").resolve("average.json")).contains("\"alpha\":0.25"));
        r = dev.tinyreason.cli.CliRun.capture(() -> dev.tinyreason.cli.Main.run(new String[] {"average", "--from",
            dir.resolve("a").toString(), "--to", dir.toString(), "--alpha", "0.5", "--out", dir.resolve("x").toString()}));
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: --to"), r.err());
    }
}
