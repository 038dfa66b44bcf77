package dev.tinyreason.tokenizer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * Typed access to {@code tokenizer.json} fields for {@link TokenizerJson}. Every failure names the
 * field by its path ({@code at}, e.g. {@code model.type}) and says what was expected, so a learner
 * with a broken file knows which line to look at.
 */
final class JsonFields {

    private JsonFields() {}

    static JsonElement field(JsonObject o, String name, String at) {
        JsonElement e = o.get(name);
        if (e == null) {
            throw new IllegalArgumentException("tokenizer.json: " + at
                    + " is missing; is this a Hugging Face tokenizer.json?");
        }
        return e;
    }

    static JsonObject object(JsonObject o, String name, String at) {
        JsonElement e = field(o, name, at);
        if (!e.isJsonObject()) {
            throw fieldError(at, "an object", e);
        }
        return e.getAsJsonObject();
    }

    static JsonArray array(JsonObject o, String name, String at) {
        JsonElement e = field(o, name, at);
        if (!e.isJsonArray()) {
            throw fieldError(at, "an array", e);
        }
        return e.getAsJsonArray();
    }

    static String string(JsonObject o, String name, String at) {
        JsonElement e = field(o, name, at);
        if (!isString(e)) {
            throw fieldError(at, "a string", e);
        }
        return e.getAsString();
    }

    static int integer(JsonObject o, String name, String at) {
        JsonElement e = field(o, name, at);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw fieldError(at, "an integer", e);
        }
        return e.getAsInt();
    }

    static void expectString(JsonObject o, String name, String at, String want) {
        String got = string(o, name, at);
        if (!got.equals(want)) {
            throw new IllegalArgumentException("tokenizer.json: " + at + " is '" + got + "', expected '" + want + "'");
        }
    }

    /** Absent counts as false, as in HF. */
    static void expectFalse(JsonObject o, String name, String at) {
        JsonElement e = o.get(name);
        if (e != null && !e.isJsonNull() && !(e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean())) {
            throw fieldError(at, "true or false", e);
        }
        if (e != null && !e.isJsonNull() && e.getAsBoolean()) {
            throw new IllegalArgumentException("tokenizer.json: " + at + " is true, expected false");
        }
    }

    /** Absent counts as null, as in HF. */
    static void expectNull(JsonObject o, String name) {
        expectNull(o, name, name);
    }

    static void expectNull(JsonObject o, String name, String at) {
        JsonElement e = o.get(name);
        if (e != null && !e.isJsonNull()) {
            throw new IllegalArgumentException("tokenizer.json: " + at + " is " + brief(e)
                    + ", expected null; tinyreason tokenizers do not use it");
        }
    }

    static boolean isString(JsonElement e) {
        return e.isJsonPrimitive() && ((JsonPrimitive) e).isString();
    }

    static IllegalArgumentException fieldError(String at, String expected, JsonElement got) {
        return new IllegalArgumentException("tokenizer.json: " + at + " is " + brief(got) + ", expected " + expected);
    }

    static String brief(JsonElement e) {
        String s = isString(e) ? "'" + e.getAsString() + "'" : e.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
