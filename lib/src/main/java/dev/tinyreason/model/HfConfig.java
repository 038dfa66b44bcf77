package dev.tinyreason.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Set;

/**
 * {@link ModelConfig} as a Hugging Face {@code config.json}: {@code LlamaForCausalLM} keys, or
 * {@code Qwen3ForCausalLM} when QK-norm is on (Qwen3 is Llama plus exactly that norm), so that
 * {@code AutoModelForCausalLM.from_pretrained(folder)} loads what we save, and we load Llama- and
 * Qwen3-family checkpoints that fit our architecture.
 */
final class HfConfig {

    private static final Set<String> LLAMA_TYPES = Set.of("llama", "qwen3");

    private HfConfig() {}

    /** The config.json of {@code c}, with our special-token ids. */
    static JsonObject toJson(ModelConfig c, String dtype) {
        JsonObject o = new JsonObject();
        JsonArray arch = new JsonArray();
        arch.add(c.qkNorm() ? "Qwen3ForCausalLM" : "LlamaForCausalLM");
        o.add("architectures", arch);
        o.addProperty("model_type", c.qkNorm() ? "qwen3" : "llama");
        o.addProperty("vocab_size", c.vocabSize());
        o.addProperty("hidden_size", c.hiddenSize());
        o.addProperty("intermediate_size", c.intermediateSize());
        o.addProperty("num_hidden_layers", c.numLayers());
        o.addProperty("num_attention_heads", c.numHeads());
        o.addProperty("num_key_value_heads", c.numKvHeads());
        o.addProperty("head_dim", c.headDim());
        o.addProperty("max_position_embeddings", c.maxPositions());
        o.addProperty("rope_theta", c.ropeTheta());
        JsonObject rope = new JsonObject();
        rope.addProperty("rope_type", "default");
        rope.addProperty("rope_theta", c.ropeTheta());
        o.add("rope_parameters", rope);
        o.addProperty("rms_norm_eps", c.rmsNormEps());
        o.addProperty("tie_word_embeddings", c.tieEmbeddings());
        o.addProperty("hidden_act", "silu");
        o.addProperty("attention_bias", false);
        o.addProperty("attention_dropout", 0.0);
        o.addProperty("mlp_bias", false);
        o.addProperty("initializer_range", 0.02);
        o.addProperty("bos_token_id", 1);
        o.addProperty("eos_token_id", 2);
        o.addProperty("pad_token_id", 0);
        o.addProperty("use_cache", true);
        o.addProperty("dtype", dtype);
        if (c.qkNorm()) {
            o.addProperty("use_sliding_window", false);
            o.add("sliding_window", null);
            o.addProperty("max_window_layers", c.numLayers());
        }
        return o;
    }

    /** Reads a config.json; refuses, with the reason, what our model cannot represent. */
    static ModelConfig fromJson(JsonObject o, String where) {
        String type = string(o, "model_type", "llama");
        if (!LLAMA_TYPES.contains(type)) {
            throw new IllegalArgumentException(where + ": model_type '" + type + "' is not a "
                    + "Llama-style model this library can load (llama, qwen3).");
        }
        require(!bool(o, "attention_bias", false), where, "attention_bias is true; this model "
                + "has no biases");
        require(!bool(o, "mlp_bias", false), where, "mlp_bias is true; this model has no biases");
        require(string(o, "hidden_act", "silu").equals("silu"), where, "hidden_act is "
                + string(o, "hidden_act", "") + "; the SwiGLU MLP here uses silu");
        JsonElement scaling = o.get("rope_scaling");
        require(scaling == null || scaling.isJsonNull(), where, "rope_scaling is set (" + scaling
                + "); only plain RoPE is supported");
        JsonObject ropeParams = o.has("rope_parameters") && o.get("rope_parameters").isJsonObject()
                ? o.getAsJsonObject("rope_parameters") : null;
        if (ropeParams != null) {
            String ropeType = string(ropeParams, "rope_type", "default");
            require(ropeType.equals("default"), where, "rope_parameters.rope_type is '"
                    + ropeType + "'; only plain RoPE is supported");
        }
        if (bool(o, "use_sliding_window", false)) {
            throw new IllegalArgumentException(where + ": use_sliding_window is true; this model "
                    + "attends to the whole context.");
        }
        int hidden = integer(o, "hidden_size", where);
        int heads = integer(o, "num_attention_heads", where);
        int kvHeads = o.has("num_key_value_heads") && !o.get("num_key_value_heads").isJsonNull()
                ? o.get("num_key_value_heads").getAsInt() : heads;
        int headDim = o.has("head_dim") && !o.get("head_dim").isJsonNull()
                ? o.get("head_dim").getAsInt() : hidden / heads;
        double theta = ropeParams != null && ropeParams.has("rope_theta")
                ? ropeParams.get("rope_theta").getAsDouble()
                : o.has("rope_theta") ? o.get("rope_theta").getAsDouble() : 10000.0;
        return new ModelConfig(integer(o, "vocab_size", where), hidden,
                integer(o, "num_hidden_layers", where), heads, kvHeads, headDim,
                integer(o, "intermediate_size", where),
                integer(o, "max_position_embeddings", where), theta,
                o.has("rms_norm_eps") ? o.get("rms_norm_eps").getAsDouble() : 1e-6,
                type.equals("qwen3"), bool(o, "tie_word_embeddings", false));
    }

    /** The dtype a config.json declares ("float32", "bfloat16", ...), or null. */
    static String dtype(JsonObject o) {
        for (String key : new String[] {"dtype", "torch_dtype"}) {
            if (o.has(key) && o.get(key).isJsonPrimitive()) {
                return o.get(key).getAsString();
            }
        }
        return null;
    }

    private static void require(boolean ok, String where, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(where + ": " + problem + ".");
        }
    }

    private static int integer(JsonObject o, String key, String where) {
        if (!o.has(key) || o.get(key).isJsonNull()) {
            throw new IllegalArgumentException(where + " has no '" + key + "'.");
        }
        return o.get(key).getAsInt();
    }

    private static String string(JsonObject o, String key, String fallback) {
        return o.has(key) && o.get(key).isJsonPrimitive() ? o.get(key).getAsString() : fallback;
    }

    private static boolean bool(JsonObject o, String key, boolean fallback) {
        return o.has(key) && o.get(key).isJsonPrimitive() ? o.get(key).getAsBoolean() : fallback;
    }
}
