package dev.tinyreason.model;

/**
 * The Hugging Face Llama weight names, written once: what {@code model.safetensors} holds, what
 * {@link LlamaWeights#shapes} checks, what {@link FusedLayout} stacks into the model's own
 * parameters and what the GGUF export renames. For layer {@code i} a name is
 * {@code model.layers.i.} plus the {@link Layer}'s suffix.
 */
public final class HfNames {

    /** The token embedding, (vocab, hidden). */
    public static final String EMBED = "model.embed_tokens.weight";
    /** The final RMSNorm's scale, (hidden). */
    public static final String NORM = "model.norm.weight";
    /** The output projection, (vocab, hidden); absent when tied to the embedding. */
    public static final String LM_HEAD = "lm_head.weight";

    private HfNames() {}

    /** The tensors of one decoder layer, in checkpoint order. */
    public enum Layer {
        INPUT_NORM("input_layernorm.weight"),
        Q("self_attn.q_proj.weight"),
        K("self_attn.k_proj.weight"),
        V("self_attn.v_proj.weight"),
        /** Only with {@link ModelConfig#qkNorm()}. */
        Q_NORM("self_attn.q_norm.weight"),
        /** Only with {@link ModelConfig#qkNorm()}. */
        K_NORM("self_attn.k_norm.weight"),
        O("self_attn.o_proj.weight"),
        POST_NORM("post_attention_layernorm.weight"),
        GATE("mlp.gate_proj.weight"),
        UP("mlp.up_proj.weight"),
        DOWN("mlp.down_proj.weight");

        private final String suffix;

        Layer(String suffix) {
            this.suffix = suffix;
        }

        /** The full name in layer {@code layer}, e.g. {@code model.layers.0.mlp.up_proj.weight}. */
        public String of(int layer) {
            return "model.layers." + layer + "." + suffix;
        }
    }
}
