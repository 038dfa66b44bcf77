package dev.tinyreason.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.tensor.SafeTensors.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Quantisation#drift}: zero between a format and itself, positive and small for Q8_0,
 * and the same KL as one computed independently from the decoders' own log-prob rows, token by
 * token (prefill, then steps), rather than from one pass over the whole text.
 */
class QuantisationTest {

    static final ModelConfig NANO = JavaDecoderTest.NANO;

    /**
     * The test model with its matrices times {@code factor}: initial weights (std 0.02) give
     * nearly uniform next-token distributions whose KL is too small (1e-6) to compare with
     * anything; larger weights give sharp distributions, as a trained model has.
     */
    static LlamaModel sharpened(ModelConfig c, long seed, float factor) {
        try (LlamaModel m = JavaDecoderTest.model(c, seed)) {
            Map<String, Tensor> t = new LinkedHashMap<>(m.weights().tensors());
            t.replaceAll((name, w) -> {
                if (w.shape().length < 2) {
                    return w;
                }
                float[] v = w.values().clone();
                for (int i = 0; i < v.length; i++) {
                    v[i] *= factor;
                }
                return Tensor.f32(w.shape(), v);
            });
            return new LlamaModel(c, new LlamaWeights(t));
        }
    }

    static List<int[]> texts(Random rng, int count, int length, int vocab) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(JavaDecoderTest.randomIds(rng, length + i, vocab));
        }
        return out;
    }

    @Test
    void aFormatAgainstItselfDriftsNotAtAll() {
        try (LlamaModel m = sharpened(NANO, 1, 8)) {
            List<int[]> texts = texts(new Random(2), 3, 10, NANO.vocabSize());
            for (WeightFormat f : WeightFormat.values()) {
                // not bit-exact: the Vector API's lane sums may be added in another order
                // before and after the JIT compiles them (seen: 3e-6 in a log-prob)
                Quantisation.Drift d = Quantisation.drift(m, texts, f, f);
                assertEquals(33, d.positions(), f.toString());
                assertTrue(d.meanKl() < 1e-8 && d.maxKl() < 1e-7, f + ": " + d);
                assertTrue(d.maxLogProbDiff() < 1e-4, f + ": " + d);
                assertEquals(1.0, d.top1Agreement(), f + ": " + d);
            }
        }
    }

    @Test
    void q8DriftIsTheKlOfTheDecodersOwnRowsTokenByToken() {
        try (LlamaModel m = sharpened(NANO, 3, 8)) {
            int[] text = JavaDecoderTest.randomIds(new Random(4), 12, NANO.vocabSize());
            Quantisation.Drift d = Quantisation.drift(m, List.of(text));
            double sum = 0;
            try (Decoder f32 = Decoder.open(m, 1, text.length, WeightFormat.F32);
                    Decoder q8 = Decoder.open(m, 1, text.length, WeightFormat.Q8_0)) {
                TokenBatch first = TokenBatch.of(new int[] {text[0]});
                sum += kl(f32.prefill(first)[0], q8.prefill(first)[0]);
                for (int t = 1; t < text.length; t++) {
                    int[] token = {text[t]};
                    sum += kl(f32.step(token)[0], q8.step(token)[0]);
                }
            }
            double want = sum / text.length;
            assertEquals(text.length, d.positions());
            assertTrue(want > 1e-4, "the test needs a visible KL, got " + want);
            assertEquals(want, d.meanKl(), 0.02 * want, d.toString());
            assertTrue(d.maxKl() >= d.meanKl() && d.maxLogProbDiff() > 0, d.toString());
            assertTrue(d.top1Agreement() > 0.5, d.toString());
        }
    }

    @Test
    void noTextsOrTooLongATextAreRefused() {
        try (LlamaModel m = JavaDecoderTest.model(NANO, 5)) {
            assertThrows(IllegalArgumentException.class, () -> Quantisation.drift(m, List.of()));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Quantisation.drift(m, List.of(new int[] {1}, new int[0])));
            assertTrue(e.getMessage().startsWith("Text 1 has 0 tokens"), e.getMessage());
        }
    }

    /** {@code Σ_v p(v) (log p(v) - log q(v))} from two log-prob rows. */
    static double kl(float[] logP, float[] logQ) {
        double s = 0;
        for (int v = 0; v < logP.length; v++) {
            s += Math.exp(logP[v]) * (logP[v] - logQ[v]);
        }
        return s;
    }
}
