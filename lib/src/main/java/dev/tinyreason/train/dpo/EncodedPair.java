package dev.tinyreason.train.dpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.TokenBatch;
import dev.tinyreason.tokenizer.ChatTemplate;
import dev.tinyreason.tokenizer.Message;
import dev.tinyreason.tokenizer.SpecialTokens;
import dev.tinyreason.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link PreferencePair} as {@link DpoTrainer} scores it: the prompt through the chat
 * template, each completion after it, and the reference model's log p of both completions,
 * taken once before training (TRL's {@code precompute_ref_log_probs}). Only the completion's
 * tokens count towards a log p; the shared prompt conditions both sides alike.
 *
 * @param chosen       the prompt's ids, then the chosen completion's
 * @param rejected     the prompt's ids, then the rejected completion's
 * @param promptLength how many leading ids are the prompt
 * @param refChosen    log p of the chosen completion under the reference
 * @param refRejected  log p of the rejected completion under the reference
 */
record EncodedPair(int[] chosen, int[] rejected, int promptLength, double refChosen,
        double refRejected) {

    /** Pairs as ids, with the reference log-probs of {@code model} as it is now. */
    static List<EncodedPair> encode(LlamaModel model, Tokenizer tokenizer,
            List<PreferencePair> pairs) {
        ChatTemplate chat = new ChatTemplate(tokenizer);
        List<EncodedPair> raw = new ArrayList<>(pairs.size());
        for (PreferencePair p : pairs) {
            int[] prompt = chat.render(List.of(Message.user(p.example().prompt())), true, true)
                    .ids();
            raw.add(new EncodedPair(join(prompt, reply(tokenizer, p.chosen())),
                    join(prompt, reply(tokenizer, p.rejected())), prompt.length, 0, 0));
        }
        LogProbs ref = logProbs(model, raw);
        List<EncodedPair> out = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            EncodedPair e = raw.get(i);
            out.add(new EncodedPair(e.chosen(), e.rejected(), e.promptLength(), ref.chosen()[i],
                    ref.rejected()[i]));
        }
        return out;
    }

    /** log p of each pair's chosen and of its rejected completion, pair by pair. */
    record LogProbs(double[] chosen, double[] rejected) {}

    /**
     * log p of every chosen and rejected completion, no gradients,
     * {@link DpoTrainer#MICRO_PAIRS} pairs at a time: a forward pass keeps every intermediate
     * array until its scope closes, so its memory grows with the pairs in it, and a data set's
     * worth of long pairs at once would outgrow a Binder-sized kernel.
     */
    static LogProbs logProbs(LlamaModel model, List<EncodedPair> enc) {
        int n = enc.size();
        double[] chosen = new double[n];
        double[] rejected = new double[n];
        for (int from = 0; from < n; from += DpoTrainer.MICRO_PAIRS) {
            List<EncodedPair> part = enc.subList(from, Math.min(n, from + DpoTrainer.MICRO_PAIRS));
            try (NDManager scope = model.manager().newSubManager()) {
                float[] lp = sequenceLogProbs(scope, model, part).toFloatArray();
                for (int i = 0; i < part.size(); i++) {
                    chosen[from + i] = lp[i];
                    rejected[from + i] = lp[part.size() + i];
                }
            }
        }
        return new LogProbs(chosen, rejected);
    }

    /** log p of each completion given its prompt: (2P), chosen ones first, then rejected. */
    static NDArray sequenceLogProbs(NDManager scope, LlamaModel model, List<EncodedPair> batch) {
        List<int[]> rows = new ArrayList<>(batch.size() * 2);
        batch.forEach(e -> rows.add(e.chosen()));
        batch.forEach(e -> rows.add(e.rejected()));
        TokenBatch tokens = TokenBatch.rightPadded(rows, SpecialTokens.PAD);
        int t = tokens.length() - 1;
        float[] mask = new float[rows.size() * t];
        for (int b = 0; b < rows.size(); b++) {
            int promptLength = batch.get(b % batch.size()).promptLength();
            for (int j = promptLength - 1; j < rows.get(b).length - 1; j++) {
                mask[b * t + j] = 1f;  // targets j + 1 ≥ promptLength: the completion
            }
        }
        NDArray tokenLogps = model.tokenLogProbs(scope, tokens);                  // (2P, T-1)
        return LlamaModel.sequenceLogProb(tokenLogps,
                scope.create(mask, new Shape(rows.size(), t)));                    // (2P)
    }

    /** The completion's ids, closed by {@code <|im_end|>} as in SFT. */
    private static int[] reply(Tokenizer tokenizer, String completion) {
        int[] ids = tokenizer.encode(completion, true);
        int[] out = Arrays.copyOf(ids, ids.length + 1);
        out[ids.length] = SpecialTokens.IM_END;
        return out;
    }

    private static int[] join(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
