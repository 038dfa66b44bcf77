package dev.tinyreason.export;

import dev.tinyreason.model.GenerationConfig;
import dev.tinyreason.tokenizer.ByteLevel;
import dev.tinyreason.tokenizer.SpecialTokens;
import dev.tinyreason.tokenizer.Tokenizer;
import dev.tinyreason.tokenizer.Vocab;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The course tokenizer as GGUF {@code tokenizer.ggml.*} metadata, in llama.cpp's "gpt2" form
 * (byte-level BPE):
 * <ul>
 *   <li>{@code tokens}: every token's text in id order, bytes spelled with GPT-2's printable
 *       byte map ({@link ByteLevel}), exactly as {@code tokenizer.json}'s vocab spells them;
 *   <li>{@code merges}: "left right" in merge order (rank);
 *   <li>{@code token_type}: 3 (control) for the eight special tokens, 1 (normal) for the rest.
 *       Control is what our tokenizer means by special: llama.cpp matches
 *       {@code <think>} or {@code <|im_end|>} in text only when asked to parse special
 *       tokens ({@code parse_special}), as {@code Tokenizer.encode(text, true)} does, and
 *       otherwise encodes a typed marker as plain bytes;
 *   <li>{@code pre = "qwen2"}: llama.cpp's pre-tokenizers are built in and chosen by name.
 *       Qwen2's split is GPT-4's with single digits, the same rules as our
 *       {@code PreTokenizer.PATTERN} (which writes the contractions' cases out and uses
 *       possessive quantifiers, neither of which changes a split);
 *   <li>BOS 1, EOS 2 (end of document), EOT 7 ({@code <|im_end|>}, end of a chat turn) and
 *       padding 0. llama.cpp stops generating at EOS and EOT alike, the two stop ids of the
 *       checkpoint's generation config. No BOS is added: the chat template starts with
 *       {@code <|im_start|>}.
 * </ul>
 * A model whose vocabulary is larger than the tokenizer's gets unused filler tokens
 * {@code [PAD<id>]} for the rest, as llama.cpp's converter adds them.
 */
final class GgufVocab {

    static final int NORMAL = 1;
    static final int CONTROL = 3;
    static final int UNUSED = 5;

    /** llama.cpp's name of the built-in pre-tokenizer whose regex matches ours. */
    static final String PRE_TOKENIZER = "qwen2";

    private GgufVocab() {}

    static Map<String, GgufValue> metadata(Tokenizer tokenizer, int modelVocab,
            GenerationConfig generation) {
        Vocab vocab = tokenizer.vocab();
        if (vocab.size() > modelVocab) {
            throw new IllegalArgumentException("The tokenizer has " + vocab.size() + " tokens "
                    + "but the model only " + modelVocab + " embeddings; the checkpoint's "
                    + "tokenizer.json belongs to another model.");
        }
        List<String> tokens = new ArrayList<>(modelVocab);
        int[] types = new int[modelVocab];
        for (int id = 0; id < modelVocab; id++) {
            if (SpecialTokens.isSpecial(id)) {
                tokens.add(SpecialTokens.content(id));
                types[id] = CONTROL;
            } else if (id < vocab.size()) {
                tokens.add(text(vocab, id));
                types[id] = NORMAL;
            } else {
                tokens.add("[PAD" + id + "]");
                types[id] = UNUSED;
            }
        }
        List<String> merges = new ArrayList<>(vocab.merges().size());
        for (Vocab.Merge m : vocab.merges()) {
            merges.add(text(vocab, m.left()) + " " + text(vocab, m.right()));
        }
        int[] stops = generation.eosTokenIds();
        Map<String, GgufValue> kv = new LinkedHashMap<>();
        kv.put("tokenizer.ggml.model", GgufValue.text("gpt2"));
        kv.put("tokenizer.ggml.pre", GgufValue.text(PRE_TOKENIZER));
        kv.put("tokenizer.ggml.tokens", GgufValue.texts(tokens));
        kv.put("tokenizer.ggml.token_type", GgufValue.i32s(types));
        kv.put("tokenizer.ggml.merges", GgufValue.texts(merges));
        kv.put("tokenizer.ggml.bos_token_id", GgufValue.u32(SpecialTokens.BOS));
        kv.put("tokenizer.ggml.eos_token_id", GgufValue.u32(SpecialTokens.EOS));
        if (Arrays.stream(stops).anyMatch(id -> id == SpecialTokens.IM_END)) {
            kv.put("tokenizer.ggml.eot_token_id", GgufValue.u32(SpecialTokens.IM_END));
        }
        kv.put("tokenizer.ggml.padding_token_id", GgufValue.u32(SpecialTokens.PAD));
        kv.put("tokenizer.ggml.add_bos_token", new GgufValue.Bool(false));
        kv.put("tokenizer.ggml.add_eos_token", new GgufValue.Bool(false));
        return kv;
    }

    /** A token's text as tokenizer.json spells it. */
    private static String text(Vocab vocab, int id) {
        return SpecialTokens.isSpecial(id) ? SpecialTokens.content(id)
                : ByteLevel.encode(vocab.bytes(id));
    }
}
