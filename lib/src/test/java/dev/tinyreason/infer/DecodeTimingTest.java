package dev.tinyreason.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.ModelConfig;
import dev.tinyreason.model.WeightFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Timed greedy decoding: the same weights give the same continuations, each within budget. */
class DecodeTimingTest {

    @Test
    void twoPassesOverTheSameWeightsAgreeAndStayWithinTheBudget() {
        List<int[]> prompts = List.of(new int[] {1, 20, 21, 22}, new int[] {1, 30});
        try (LlamaModel m = LlamaModel.init(ModelConfig.nano().withVocabSize(64), 3)) {
            DecodeTiming.Run a = DecodeTiming.greedy(m, prompts, 6, WeightFormat.F32);
            DecodeTiming.Run b = DecodeTiming.greedy(m, prompts, 6, WeightFormat.F32);
            assertEquals(2, a.sameContinuations(b));
            assertEquals(2, a.continuations().size());
            assertTrue(a.tokens() >= 2 && a.tokens() <= 12, "tokens " + a.tokens());
            assertEquals(a.tokens(), a.continuations().stream().mapToLong(c -> c.length).sum());
            assertTrue(a.seconds() > 0 && a.tokensPerSecond() > 0);
            DecodeTiming.Run q8 = DecodeTiming.greedy(m, prompts, 6, WeightFormat.Q8_0);
            assertEquals(2, q8.continuations().size());
            assertThrows(IllegalArgumentException.class,
                    () -> a.sameContinuations(new DecodeTiming.Run(List.of(), 0, 0)));
            assertThrows(IllegalArgumentException.class,
                    () -> DecodeTiming.greedy(m, prompts, 0, WeightFormat.F32));
        }
    }
}
