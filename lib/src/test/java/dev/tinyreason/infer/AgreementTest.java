package dev.tinyreason.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.ModelConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two models compared position by position: a model agrees with itself, not with another. */
class AgreementTest {

    @Test
    void aModelAgreesWithItselfAndNotWithAnother() {
        List<int[]> seqs = List.of(new int[] {1, 20, 21, 22, 23}, new int[] {1, 30, 31});
        ModelConfig c = ModelConfig.nano().withVocabSize(64);
        try (LlamaModel a = LlamaModel.init(c, 3); LlamaModel b = LlamaModel.init(c, 4)) {
            Agreement self = Agreement.of(a, a, seqs);
            assertEquals(8, self.positions());
            assertEquals(8, self.sameArgmax());
            assertEquals(0, self.meanKl(), 1e-6);
            Agreement other = Agreement.of(a, b, seqs);
            assertEquals(8, other.positions());
            assertTrue(other.meanKl() > 1e-4, "different weights, different predictions");
            for (int i = 1; i < other.kl().length; i++) {
                assertTrue(other.kl()[i - 1] <= other.kl()[i], "sorted by KL");
            }
            assertEquals(other.kl()[4], other.klQuantile(0.5), 0);
            assertEquals(java.util.Arrays.stream(other.pTop()).average().orElse(0),
                    other.meanPTopFrom(0), 1e-12);
            assertTrue(other.pTop()[0] > 0 && other.pTop()[0] <= 1);
        }
    }
}
