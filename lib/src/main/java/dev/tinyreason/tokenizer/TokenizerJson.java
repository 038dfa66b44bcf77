package dev.tinyreason.tokenizer;

import static dev.tinyreason.tokenizer.JsonFields.array;
import static dev.tinyreason.tokenizer.JsonFields.expectFalse;
import static dev.tinyreason.tokenizer.JsonFields.expectNull;
import static dev.tinyreason.tokenizer.JsonFields.expectString;
import static dev.tinyreason.tokenizer.JsonFields.fieldError;
import static dev.tinyreason.tokenizer.JsonFields.integer;
import static dev.tinyreason.tokenizer.JsonFields.isString;
import static dev.tinyreason.tokenizer.JsonFields.object;
import static dev.tinyreason.tokenizer.JsonFields.string;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes Hugging Face's {@code tokenizer.json}, so a tinyreason tokenizer loads in
 * Python {@code tokenizers.Tokenizer.from_file} and gives the same ids there.
 *
 * <p>The file describes our pipeline piece by piece: no normalizer; a pre-tokenizer that is a
 * {@code Sequence} of {@code Split} (our {@link PreTokenizer#PATTERN}, each match its own piece)
 * and {@code ByteLevel} with {@code use_regex=false} (only the GPT-2 byte map of
 * {@link ByteLevel}, no second regex); a {@code BPE} model whose vocab and merges are written in
 * byte-level characters; the special tokens in {@code added_tokens} with {@code special=true};
 * a {@code ByteLevel} decoder.
 *
 * <p>Special tokens are also listed in {@code model.vocab}: HF gives an added token that the
 * model does not know the next id after the model's vocabulary, ignoring the id in the file,
 * which would move {@code <think>} away from id 4.
 *
 * <p>Reading accepts only files with exactly this pipeline; anything else (a WordPiece model, a
 * different split pattern, a normalizer) would encode differently, so it is rejected with a
 * message naming the field, e.g. {@code tokenizer.json: model.type is 'WordPiece', expected 'BPE'}.
 */
public final class TokenizerJson {

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();

    private TokenizerJson() {}

    /** Writes {@code tokenizer} to {@code path}. */
    public static void write(Tokenizer tokenizer, Path path) {
        try {
            Files.writeString(path, toJson(tokenizer), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + path + ": " + e.getMessage(), e);
        }
    }

    /** Reads the tokenizer stored at {@code path}. */
    public static Tokenizer read(Path path) {
        if (path == null) {
            throw new IllegalArgumentException("path must not be null");
        }
        try {
            return fromJson(Files.readString(path, StandardCharsets.UTF_8));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("tokenizer.json: " + path + " is not UTF-8 text; "
                    + "is it a tokenizer.json at all?", e);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no tokenizer.json at " + path.toAbsolutePath()
                    + "; train one with Tokenizer.train(...) and save(path) first", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path + ": " + e.getMessage(), e);
        }
    }

    /** The {@code tokenizer.json} text of {@code tokenizer}. */
    public static String toJson(Tokenizer tokenizer) {
        Vocab vocab = tokenizer.vocab();
        JsonObject root = new JsonObject();
        root.addProperty("version", "1.0");
        root.add("truncation", JsonNull.INSTANCE);
        root.add("padding", JsonNull.INSTANCE);
        JsonArray added = new JsonArray();
        for (int id = 0; id < SpecialTokens.COUNT; id++) {
            JsonObject t = new JsonObject();
            t.addProperty("id", id);
            t.addProperty("content", SpecialTokens.content(id));
            t.addProperty("single_word", false);
            t.addProperty("lstrip", false);
            t.addProperty("rstrip", false);
            t.addProperty("normalized", false);
            t.addProperty("special", true);
            added.add(t);
        }
        root.add("added_tokens", added);
        root.add("normalizer", JsonNull.INSTANCE);
        root.add("pre_tokenizer", preTokenizer());
        root.add("post_processor", JsonNull.INSTANCE);
        root.add("decoder", byteLevel(true, true));
        root.add("model", model(vocab));
        return GSON.toJson(root);
    }

    private static JsonObject preTokenizer() {
        JsonObject pattern = new JsonObject();
        pattern.addProperty("Regex", PreTokenizer.PATTERN);
        JsonObject split = new JsonObject();
        split.addProperty("type", "Split");
        split.add("pattern", pattern);
        split.addProperty("behavior", "Isolated");
        split.addProperty("invert", false);
        JsonArray steps = new JsonArray();
        steps.add(split);
        steps.add(byteLevel(false, false));
        JsonObject sequence = new JsonObject();
        sequence.addProperty("type", "Sequence");
        sequence.add("pretokenizers", steps);
        return sequence;
    }

    private static JsonObject byteLevel(boolean addPrefixSpace, boolean useRegex) {
        JsonObject b = new JsonObject();
        b.addProperty("type", "ByteLevel");
        b.addProperty("add_prefix_space", addPrefixSpace);
        b.addProperty("trim_offsets", true);
        b.addProperty("use_regex", useRegex);
        return b;
    }

    private static JsonObject model(Vocab vocab) {
        JsonObject model = new JsonObject();
        model.addProperty("type", "BPE");
        model.add("dropout", JsonNull.INSTANCE);
        model.add("unk_token", JsonNull.INSTANCE);
        model.add("continuing_subword_prefix", JsonNull.INSTANCE);
        model.add("end_of_word_suffix", JsonNull.INSTANCE);
        model.addProperty("fuse_unk", false);
        model.addProperty("byte_fallback", false);
        model.addProperty("ignore_merges", false);
        JsonObject tokens = new JsonObject();
        for (int id = 0; id < vocab.size(); id++) {
            String token = tokenString(vocab, id);
            if (tokens.has(token)) { // not for trained ones: no pre-token holds a whole special token
                throw new IllegalStateException("token " + id + " '" + token + "' has the same text as token "
                        + tokens.get(token) + "; HF's vocab maps each text to one id");
            }
            tokens.addProperty(token, id);
        }
        model.add("vocab", tokens);
        JsonArray merges = new JsonArray();
        for (Vocab.Merge m : vocab.merges()) {
            JsonArray pair = new JsonArray();
            pair.add(tokenString(vocab, m.left()));
            pair.add(tokenString(vocab, m.right()));
            merges.add(pair);
        }
        model.add("merges", merges);
        return model;
    }

    private static String tokenString(Vocab vocab, int id) {
        return SpecialTokens.isSpecial(id) ? SpecialTokens.content(id) : ByteLevel.encode(vocab.bytesView(id));
    }

    /** Parses {@code tokenizer.json} text, checking every field that affects the ids. */
    public static Tokenizer fromJson(String json) {
        if (json == null) {
            throw new IllegalArgumentException("tokenizer.json text must not be null");
        }
        JsonElement parsed;
        try {
            parsed = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("tokenizer.json: not valid JSON (" + e.getMessage()
                    + "); regenerate the file with Tokenizer.save", e);
        }
        if (!parsed.isJsonObject()) {
            throw fieldError("the top level", "a JSON object", parsed);
        }
        JsonObject root = parsed.getAsJsonObject();
        JsonObject model = object(root, "model", "model");
        expectString(model, "type", "model.type", "BPE"); // first: the likeliest mistake is a foreign file
        expectNull(root, "normalizer");
        checkPreTokenizer(object(root, "pre_tokenizer", "pre_tokenizer"));
        checkAddedTokens(array(root, "added_tokens", "added_tokens"));
        for (String field : List.of("dropout", "continuing_subword_prefix", "end_of_word_suffix")) {
            expectNull(model, field, "model." + field);
        }
        expectFalse(model, "byte_fallback", "model.byte_fallback");
        expectFalse(model, "ignore_merges", "model.ignore_merges");
        String[] tokens = vocabById(object(model, "vocab", "model.vocab"));
        Vocab vocab = vocabFromMerges(tokens, array(model, "merges", "model.merges"));
        if (vocab.size() != tokens.length) {
            throw new IllegalArgumentException("tokenizer.json: model.vocab has " + tokens.length
                    + " entries but model.merges define " + vocab.size() + " tokens; the file is truncated or edited");
        }
        return new Tokenizer(vocab);
    }

    private static void checkPreTokenizer(JsonObject pre) {
        expectString(pre, "type", "pre_tokenizer.type", "Sequence");
        JsonArray steps = array(pre, "pretokenizers", "pre_tokenizer.pretokenizers");
        if (steps.size() != 2 || !steps.get(0).isJsonObject() || !steps.get(1).isJsonObject()) {
            throw new IllegalArgumentException("tokenizer.json: pre_tokenizer.pretokenizers has " + steps.size()
                    + " entries, expected 2 objects (Split, then ByteLevel)");
        }
        JsonObject split = steps.get(0).getAsJsonObject();
        String at = "pre_tokenizer.pretokenizers[0]";
        expectString(split, "type", at + ".type", "Split");
        JsonObject pattern = object(split, "pattern", at + ".pattern");
        expectString(pattern, "Regex", at + ".pattern.Regex", PreTokenizer.PATTERN);
        expectString(split, "behavior", at + ".behavior", "Isolated");
        expectFalse(split, "invert", at + ".invert");
        JsonObject byteLevel = steps.get(1).getAsJsonObject();
        at = "pre_tokenizer.pretokenizers[1]";
        expectString(byteLevel, "type", at + ".type", "ByteLevel");
        expectFalse(byteLevel, "add_prefix_space", at + ".add_prefix_space");
        expectFalse(byteLevel, "use_regex", at + ".use_regex");
    }

    private static void checkAddedTokens(JsonArray added) {
        Map<Integer, String> byId = new HashMap<>();
        for (int i = 0; i < added.size(); i++) {
            String at = "added_tokens[" + i + "]";
            if (!added.get(i).isJsonObject()) {
                throw fieldError(at, "an object", added.get(i));
            }
            JsonObject t = added.get(i).getAsJsonObject();
            byId.put(integer(t, "id", at + ".id"), string(t, "content", at + ".content"));
        }
        for (int id = 0; id < SpecialTokens.COUNT; id++) {
            String want = SpecialTokens.content(id);
            if (!want.equals(byId.get(id))) {
                throw new IllegalArgumentException("tokenizer.json: added_tokens has "
                        + (byId.containsKey(id) ? "'" + byId.get(id) + "'" : "nothing") + " at id " + id
                        + ", expected '" + want + "'; tinyreason's special tokens have fixed ids");
            }
        }
        if (byId.size() != SpecialTokens.COUNT) {
            throw new IllegalArgumentException("tokenizer.json: added_tokens has " + byId.size()
                    + " tokens, expected exactly the " + SpecialTokens.COUNT + " of SpecialTokens");
        }
    }

    /** model.vocab as an array indexed by id, checking the fixed special and byte ids. */
    private static String[] vocabById(JsonObject vocab) {
        String[] tokens = new String[vocab.size()];
        for (Map.Entry<String, JsonElement> e : vocab.entrySet()) {
            String at = "model.vocab['" + e.getKey() + "']";
            JsonElement v = e.getValue();
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
                throw fieldError(at, "an integer id", v);
            }
            int id = v.getAsInt();
            if (id < 0 || id >= tokens.length || tokens[id] != null) {
                throw new IllegalArgumentException("tokenizer.json: " + at + " has id " + id
                        + ", expected each id 0.." + (tokens.length - 1) + " exactly once");
            }
            tokens[id] = e.getKey();
        }
        for (int id = 0; id < Math.min(tokens.length, Vocab.FIRST_MERGE_ID); id++) {
            String want = SpecialTokens.isSpecial(id) ? SpecialTokens.content(id)
                    : String.valueOf(ByteLevel.toChar(id - Vocab.FIRST_BYTE_ID));
            if (!want.equals(tokens[id])) {
                throw new IllegalArgumentException("tokenizer.json: model.vocab has '" + tokens[id] + "' at id " + id
                        + ", expected '" + want + "' (ids 0..7 are special tokens, 8..263 the bytes 0..255)");
            }
        }
        return tokens;
    }

    private static Vocab vocabFromMerges(String[] tokens, JsonArray merges) {
        Map<String, Integer> idOf = new HashMap<>(2 * tokens.length);
        for (int id = 0; id < tokens.length; id++) {
            idOf.put(tokens[id], id);
        }
        List<Vocab.Merge> list = new ArrayList<>(merges.size());
        for (int i = 0; i < merges.size(); i++) {
            String at = "model.merges[" + i + "]";
            String[] pair = mergePair(merges.get(i), at);
            Integer left = idOf.get(pair[0]);
            Integer right = idOf.get(pair[1]);
            Integer id = idOf.get(pair[0] + pair[1]);
            if (left == null || right == null || id == null) {
                String missing = left == null ? pair[0] : right == null ? pair[1] : pair[0] + pair[1];
                throw new IllegalArgumentException("tokenizer.json: " + at + " needs token '" + missing
                        + "', which is not in model.vocab");
            }
            list.add(new Vocab.Merge(left, right, id));
        }
        try {
            return new Vocab(list);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tokenizer.json: model.merges: " + e.getMessage(), e);
        }
    }

    /** A merge is ["a", "b"] (current HF) or "a b" (older HF; byte-level tokens hold no space). */
    private static String[] mergePair(JsonElement merge, String at) {
        if (merge.isJsonArray() && merge.getAsJsonArray().size() == 2) {
            JsonArray a = merge.getAsJsonArray();
            if (isString(a.get(0)) && isString(a.get(1))) {
                return new String[] {a.get(0).getAsString(), a.get(1).getAsString()};
            }
        } else if (isString(merge)) {
            String[] parts = merge.getAsString().split(" ", -1);
            if (parts.length == 2) {
                return parts;
            }
        }
        throw fieldError(at, "a pair of tokens like [\"a\", \"b\"] or \"a b\"", merge);
    }
}
