package dev.tinyreason.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.ModelConfig;
import dev.tinyreason.model.TokenBatch;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HeldOutTest {

    @Test
    void meanLossIsTheAverageNegativeLogProbOfEveryPrediction() {
        try (LlamaModel model = LlamaModel.init(ModelConfig.nano().withVocabSize(64), 3)) {
            int[] ids = new java.util.Random(1).ints(3 * 16 + 5, 0, 64).toArray();
            double loss = HeldOut.meanLoss(model, ids, 16, 10, 2);
            double sum = 0;
            int n = 0;
            for (int w = 0; w < 3; w++) {
                float[][] lp = model.tokenLogProbs(TokenBatch.of(Arrays.copyOfRange(ids, w * 16, w * 16 + 16)));
                for (float x : lp[0]) {
                    sum -= x;
                    n++;
                }
            }
            assertEquals(sum / n, loss, 1e-5);
            // An untrained model is close to a uniform guess over the vocabulary.
            assertTrue(Math.abs(loss - Math.log(64)) < 1.0, "loss " + loss);
        }
    }

    @Test
    void tooLittleTextIsAClearError() {
        try (LlamaModel model = LlamaModel.init(ModelConfig.nano().withVocabSize(64), 3)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> HeldOut.meanLoss(model, new int[5], 16, 10, 2));
            assertTrue(e.getMessage().contains("fewer than one window"), e.getMessage());
        }
    }
}
