package dev.tinyreason.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerJsonTest {

    private final Tokenizer tokenizer = TestTexts.tokenizer();

    @Test
    void savesAndLoadsTheSameTokenizer(@TempDir Path dir) {
        Path file = dir.resolve("tokenizer.json");
        tokenizer.save(file);
        Tokenizer loaded = Tokenizer.load(file);
        assertEquals(tokenizer.vocab().merges(), loaded.vocab().merges());
        for (String s : TestTexts.TRICKY) {
            assertArrayEquals(tokenizer.encode(s, true), loaded.encode(s, true), s);
        }
    }

    @Test
    void writesTheHuggingFaceLayout() {
        JsonObject root = JsonParser.parseString(TokenizerJson.toJson(tokenizer)).getAsJsonObject();
        JsonObject model = root.getAsJsonObject("model");
        assertEquals("BPE", model.get("type").getAsString());
        assertEquals(4, model.getAsJsonObject("vocab").get("<think>").getAsInt());
        assertEquals(Vocab.byteId(' '), model.getAsJsonObject("vocab").get("Ġ").getAsInt());
        JsonArray steps = root.getAsJsonObject("pre_tokenizer").getAsJsonArray("pretokenizers");
        JsonObject split = steps.get(0).getAsJsonObject();
        assertEquals(PreTokenizer.PATTERN, split.getAsJsonObject("pattern").get("Regex").getAsString());
        assertEquals(false, steps.get(1).getAsJsonObject().get("use_regex").getAsBoolean());
        JsonObject think = root.getAsJsonArray("added_tokens").get(4).getAsJsonObject();
        assertEquals("<think>", think.get("content").getAsString());
        assertEquals(true, think.get("special").getAsBoolean());
        assertEquals("ByteLevel", root.getAsJsonObject("decoder").get("type").getAsString());
    }

    @Test
    void readsOlderStringMerges() {
        JsonObject root = parsed();
        JsonArray merges = root.getAsJsonObject("model").getAsJsonArray("merges");
        JsonArray asStrings = new JsonArray();
        merges.forEach(m -> asStrings.add(
                m.getAsJsonArray().get(0).getAsString() + " " + m.getAsJsonArray().get(1).getAsString()));
        root.getAsJsonObject("model").add("merges", asStrings);
        assertEquals(tokenizer.vocab().merges(), TokenizerJson.fromJson(root.toString()).vocab().merges());
    }

    @Test
    void foreignModelTypeIsNamed() {
        assertError("tokenizer.json: model.type is 'WordPiece', expected 'BPE'",
                r -> r.getAsJsonObject("model").addProperty("type", "WordPiece"));
    }

    @Test
    void eachCorruptFieldIsNamed() {
        assertError("tokenizer.json: model is missing", r -> r.remove("model"));
        assertError("tokenizer.json: pre_tokenizer.pretokenizers[0].pattern.Regex is '\\s+'",
                r -> r.getAsJsonObject("pre_tokenizer").getAsJsonArray("pretokenizers").get(0).getAsJsonObject()
                        .getAsJsonObject("pattern").addProperty("Regex", "\\s+"));
        assertError("tokenizer.json: normalizer is", r -> {
            JsonObject nfc = new JsonObject();
            nfc.addProperty("type", "NFC");
            r.add("normalizer", nfc);
        });
        assertError("tokenizer.json: added_tokens has '<thinking>' at id 4, expected '<think>'",
                r -> r.getAsJsonArray("added_tokens").get(4).getAsJsonObject().addProperty("content", "<thinking>"));
        assertError("tokenizer.json: model.vocab has 'not-a-byte' at id 8",
                r -> {
                    JsonObject vocab = r.getAsJsonObject("model").getAsJsonObject("vocab");
                    vocab.remove("Ā");
                    vocab.addProperty("not-a-byte", 8);
                });
        assertError("tokenizer.json: model.merges[0] needs token 'zzz'", r -> {
            JsonArray first = r.getAsJsonObject("model").getAsJsonArray("merges").get(0).getAsJsonArray();
            first.set(0, new JsonPrimitive("zzz"));
        });
        assertError("tokenizer.json: model.merges[1] is 42, expected a pair of tokens",
                r -> r.getAsJsonObject("model").getAsJsonArray("merges").set(1, new JsonPrimitive(42)));
        assertError("tokenizer.json: model.byte_fallback is true, expected false",
                r -> r.getAsJsonObject("model").addProperty("byte_fallback", true));
        assertError("tokenizer.json: model.vocab has " + tokenizer.vocabSize() + " entries but model.merges define",
                r -> {
                    JsonArray merges = r.getAsJsonObject("model").getAsJsonArray("merges");
                    merges.remove(merges.size() - 1);
                });
    }

    @Test
    void malformedJsonAndMissingFilesAreExplained(@TempDir Path dir) throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokenizerJson.fromJson("{\"model\": [1,"));
        assertTrue(e.getMessage().startsWith("tokenizer.json: not valid JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("Tokenizer.save"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TokenizerJson.fromJson("[1, 2]"));
        assertTrue(e.getMessage().contains("expected a JSON object"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tokenizer.load(dir.resolve("nope.json")));
        assertTrue(e.getMessage().contains("no tokenizer.json at"), e.getMessage());
        Path empty = Files.writeString(dir.resolve("empty.json"), "");
        assertThrows(IllegalArgumentException.class, () -> Tokenizer.load(empty));
        assertThrows(IllegalArgumentException.class, () -> TokenizerJson.fromJson(null));
    }

    private JsonObject parsed() {
        return JsonParser.parseString(TokenizerJson.toJson(tokenizer)).getAsJsonObject();
    }

    private void assertError(String expectedStart, Consumer<JsonObject> corrupt) {
        JsonObject root = parsed();
        corrupt.accept(root);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokenizerJson.fromJson(root.toString()));
        assertTrue(e.getMessage().startsWith(expectedStart), "message was: " + e.getMessage());
    }
}
