package dev.tinyreason.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tinyreason.tokenizer.SpecialTokens;

/**
 * A checkpoint's {@code generation_config.json}: the sampling defaults and special tokens that
 * Hugging Face's {@code generate()} reads, and that {@code dev.tinyreason.infer} starts from.
 *
 * @param eosTokenIds  generation stops at any of these (EOS and {@code <|im_end|>} by default)
 * @param temperature  softmax temperature (0 = greedy)
 * @param topK         keep the k most likely tokens (0 = all)
 * @param topP         keep the smallest set with this much probability (1 = all)
 * @param maxNewTokens how many tokens to generate at most
 */
public record GenerationConfig(int[] eosTokenIds, double temperature, int topK, double topP,
        int maxNewTokens) {

    public GenerationConfig {
        eosTokenIds = eosTokenIds.clone();
    }

    /** The course default: temperature 0.7, top-p 0.95, stop at EOS or end of turn. */
    public static GenerationConfig defaults() {
        return new GenerationConfig(new int[] {SpecialTokens.EOS, SpecialTokens.IM_END}, 0.7, 0,
                0.95, 256);
    }

    JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("bos_token_id", SpecialTokens.BOS);
        JsonArray eos = new JsonArray();
        for (int id : eosTokenIds) {
            eos.add(id);
        }
        o.add("eos_token_id", eos);
        o.addProperty("pad_token_id", SpecialTokens.PAD);
        o.addProperty("do_sample", temperature > 0);
        if (temperature > 0) {
            o.addProperty("temperature", temperature);
            o.addProperty("top_k", topK);
            o.addProperty("top_p", topP);
        }
        o.addProperty("max_new_tokens", maxNewTokens);
        return o;
    }

    static GenerationConfig fromJson(JsonObject o) {
        GenerationConfig d = defaults();
        int[] eos = d.eosTokenIds();
        if (o.has("eos_token_id") && o.get("eos_token_id").isJsonArray()) {
            JsonArray a = o.getAsJsonArray("eos_token_id");
            eos = new int[a.size()];
            for (int i = 0; i < eos.length; i++) {
                eos[i] = a.get(i).getAsInt();
            }
        } else if (o.has("eos_token_id") && o.get("eos_token_id").isJsonPrimitive()) {
            eos = new int[] {o.get("eos_token_id").getAsInt()};
        }
        boolean sample = !o.has("do_sample") || o.get("do_sample").getAsBoolean();
        return new GenerationConfig(eos,
                !sample ? 0 : o.has("temperature") ? o.get("temperature").getAsDouble()
                        : d.temperature(),
                o.has("top_k") ? o.get("top_k").getAsInt() : d.topK(),
                o.has("top_p") ? o.get("top_p").getAsDouble() : d.topP(),
                o.has("max_new_tokens") ? o.get("max_new_tokens").getAsInt() : d.maxNewTokens());
    }
}
