package dev.tinyreason.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.infer.Generator;
import dev.tinyreason.infer.SamplingConfig;
import dev.tinyreason.tensor.Q8Blocks;
import dev.tinyreason.tensor.SafeTensors.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The decoder on {@link WeightFormat#Q8_0} weights against an exact oracle: the float32
 * decoder on a copy of the model whose every matrix was rounded through Q8_0 and back
 * ({@link Q8Blocks}). Both then multiply by the same values, so their log-probs must agree to
 * float rounding (1e-4, the tolerance the float decoder meets against DJL): a wrong scale, a
 * block read from the wrong row or an embedding left unquantised moves them by far more. How
 * far Q8_0 lies from the float model is a separate question, answered on the shipped
 * checkpoint by {@code QuantisedGenerationTest}. Then the errors of a bad request.
 */
class QuantisedDecoderTest {

    static final ModelConfig NANO = JavaDecoderTest.NANO;

    /** {@code m}'s weights with every matrix rounded to Q8_0 and back: what Q8_0 multiplies by. */
    static LlamaModel roundTripped(LlamaModel m) {
        Map<String, Tensor> t = new LinkedHashMap<>(m.weights().tensors());
        t.replaceAll((name, w) -> w.shape().length < 2 ? w : Tensor.f32(w.shape(),
                Q8Blocks.dequantize(Q8Blocks.quantize(w.values()), 0, w.values().length)));
        return new LlamaModel(m.config(), new LlamaWeights(t));
    }

    @Test
    void oneSequenceMatchesTheFloatDecoderOnTheRoundTrippedWeights() {
        for (ModelConfig c : List.of(NANO, NANO.withQkNorm(true), NANO.withTieEmbeddings(false))) {
            for (DecodeKernels kernels : List.of(DecodeKernels.best(), DecodeKernels.scalar())) {
                try (LlamaModel m = JavaDecoderTest.model(c, 3);
                        LlamaModel rounded = roundTripped(m);
                        JavaDecoder q8 = new JavaDecoder(m, 1, 13, kernels, 1,
                                WeightFormat.Q8_0);
                        JavaDecoder oracle = new JavaDecoder(rounded, 13, kernels)) {
                    Random rng = new Random(9);
                    int[] prompt = JavaDecoderTest.randomIds(rng, 7, c.vocabSize());
                    String what = c + " " + kernels.name();
                    double d = JavaDecoderTest.maxAbsDiff(
                            oracle.prefill(TokenBatch.of(prompt))[0],
                            q8.prefill(TokenBatch.of(prompt))[0]);
                    assertTrue(d < 1e-4, what + " prefill: max |diff| " + d);
                    for (int i = 0; i < 6; i++) {
                        int[] token = {3 + rng.nextInt(c.vocabSize() - 3)};
                        d = JavaDecoderTest.maxAbsDiff(oracle.step(token)[0],
                                q8.step(token)[0]);
                        assertTrue(d < 1e-4, what + " step " + i + ": max |diff| " + d);
                    }
                }
            }
        }
    }

    /**
     * A batch on Q8_0 (no GEMM kernel: each row through the 8-bit matrix–vector product) with
     * its rows shared over two threads, against the float decoder's batch on the round-tripped
     * weights: the same rows, prefill and steps.
     */
    @Test
    void aBatchOnTwoThreadsMatchesTheFloatBatchOnTheRoundTrippedWeights() {
        try (LlamaModel m = JavaDecoderTest.model(NANO, 11);
                LlamaModel rounded = roundTripped(m);
                JavaDecoder q8 = new JavaDecoder(m, 9, 24, DecodeKernels.best(), 2,
                        WeightFormat.Q8_0);
                JavaDecoder oracle = new JavaDecoder(rounded, 9, 24, DecodeKernels.best(), 2)) {
            Random rng = new Random(12);
            List<int[]> prompts = new java.util.ArrayList<>();
            for (int i = 0; i < 9; i++) {
                prompts.add(JavaDecoderTest.randomIds(rng, 3 + i, NANO.vocabSize()));
            }
            TokenBatch batch = TokenBatch.leftPadded(prompts, 0);
            JavaDecoderTest.assertRowsClose(oracle.prefill(batch), q8.prefill(batch), "prefill");
            for (int s = 0; s < 4; s++) {
                int[] next = JavaDecoderTest.randomIds(rng, 9, NANO.vocabSize());
                JavaDecoderTest.assertRowsClose(oracle.step(next), q8.step(next), "step " + s);
            }
        }
    }

    @Test
    void widthsThatAreNotWholeBlocksAreRefusedWithTheWidthsAndTheWayOut() {
        try (LlamaModel odd = JavaDecoderTest.model(JavaDecoderTest.ODD, 1)) {   // D = 72
            Generator q8 = new Generator(odd).withWeights(WeightFormat.Q8_0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> q8.generate(new int[] {1, 5}, SamplingConfig.greedy(2)));
            assertTrue(e.getMessage().contains("multiples of 32"), e.getMessage());
            assertTrue(e.getMessage().contains("72, 72 and 100"), e.getMessage());
            assertTrue(e.getMessage().contains("WeightFormat.F32"), e.getMessage());
        }
    }

    @Test
    void q8OnTheDjlPathIsRefusedAndTheFormatsParse() {
        String old = System.getProperty(Decoder.PATH_PROPERTY);
        System.setProperty(Decoder.PATH_PROPERTY, "djl");
        try (LlamaModel m = JavaDecoderTest.model(NANO, 2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Decoder.open(m, 1, 8, WeightFormat.Q8_0));
            assertTrue(e.getMessage().contains("only on the Java path"), e.getMessage());
        } finally {
            JavaDecoderTest.restore(old);
        }
        assertEquals(WeightFormat.Q8_0, WeightFormat.parse(" Q8_0"));
        assertEquals(WeightFormat.F32, WeightFormat.parse("fp32"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> WeightFormat.parse("q4"));
        assertTrue(bad.getMessage().contains("use f32 or q8_0"), bad.getMessage());
    }
}
