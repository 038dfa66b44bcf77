package dev.tinyreason.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.tensor.Q8Blocks;
import dev.tinyreason.tensor.SafeTensors.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Java decoder on 8-bit weights ({@link Decoder.Weights#Q8_0}): its log-probs are those of
 * the fp32 model whose matrices were rounded to Q8_0 blocks and back (what a Q8_0 GGUF file
 * holds), up to float rounding; they differ from the unrounded model's by the quantisation
 * error, which is small.
 */
class Q8DecoderTest {

    static final int[] PROMPT = {5, 17, 3, 40, 22, 9, 31};

    /** {@code m}'s weights with every matrix rounded to Q8_0 and back; norms untouched. */
    static LlamaModel rounded(LlamaModel m) {
        Map<String, Tensor> t = new LinkedHashMap<>(m.weights().tensors());
        t.replaceAll((name, w) -> LlamaWeights.isNorm(name) ? w : Tensor.f32(w.shape(),
                Q8Blocks.dequantize(Q8Blocks.quantize(w.values()), 0, w.values().length)));
        return new LlamaModel(m.config(), new LlamaWeights(t));
    }

    /** Log-probs at the prompt's end and after each of 6 greedy steps, flattened. */
    static float[][] run(Decoder d) {
        float[][] out = new float[7][];
        DecodeSession.Greedy g = null;
        float[] lp = d.prefill(dev.tinyreason.model.TokenBatch.of(PROMPT))[0];
        for (int s = 0; s < 7; s++) {
            out[s] = lp;
            int next = dev.tinyreason.infer.Sampling.argmax(lp);
            if (s < 6) {
                lp = d.step(new int[] {next})[0];
            }
        }
        return out;
    }

    @Test
    void eightBitDecodingIsTheRoundedModel() {
        for (ModelConfig c : new ModelConfig[] {JavaDecoderTest.NANO,
                JavaDecoderTest.NANO.withTieEmbeddings(false)}) {
            LlamaModel m = JavaDecoderTest.model(c, 11);
            float[][] q8;
            float[][] ref;
            float[][] fp32;
            try (Decoder d = Decoder.open(m, 1, 32, Decoder.Weights.Q8_0)) {
                q8 = run(d);
            }
            try (Decoder d = Decoder.open(rounded(m), 1, 32)) {
                ref = run(d);
            }
            try (Decoder d = Decoder.open(m, 1, 32)) {
                fp32 = run(d);
            }
            double toRounded = 0;
            double toFp32 = 0;
            for (int s = 0; s < q8.length; s++) {
                for (int v = 0; v < q8[s].length; v++) {
                    toRounded = Math.max(toRounded, Math.abs(q8[s][v] - ref[s][v]));
                    toFp32 = Math.max(toFp32, Math.abs(q8[s][v] - fp32[s][v]));
                }
            }
            // the same products summed in another order: float rounding only
            assertTrue(toRounded < 1e-4, "8-bit decoder vs rounded model: " + toRounded);
            // rounding the weights moves log-probs, but far less than they differ between tokens
            assertTrue(toFp32 > toRounded && toFp32 < 0.05, "8-bit vs fp32: " + toFp32);
        }
    }

    @Test
    void aBatchOfEightBitSequencesMatchesOneAtATime() {
        LlamaModel m = JavaDecoderTest.model(JavaDecoderTest.NANO, 12);
        float[] alone;
        try (Decoder d = Decoder.open(m, 1, 32, Decoder.Weights.Q8_0)) {
            alone = d.prefill(TokenBatch.of(PROMPT))[0];
        }
        try (Decoder d = Decoder.open(m, 3, 32, Decoder.Weights.Q8_0)) {
            float[][] rows = d.prefill(TokenBatch.of(PROMPT, PROMPT, PROMPT));
            for (float[] r : rows) {
                for (int v = 0; v < r.length; v++) {
                    assertEquals(alone[v], r[v], 1e-5f, "token " + v);
                }
            }
        }
    }

    @Test
    void aWidthThatIsNotWholeBlocksIsRefusedByName() {
        LlamaModel m = JavaDecoderTest.model(JavaDecoderTest.ODD, 13);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Decoder.open(m, 1, 16, Decoder.Weights.Q8_0));
        assertTrue(e.getMessage().contains("32"), e.getMessage());
    }
}
