package dev.tinyreason.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hugging Face transformers as the oracle, both ways: our checkpoint loads in
 * {@code LlamaForCausalLM} (or {@code Qwen3ForCausalLM} with QK-norm) with our logits, and a
 * random model saved by transformers loads here with its logits, within 1e-4. Fails, never
 * skips, when the Python side is not installed.
 */
@Tag("slow")
class HfPeerTest {

    static final double TOLERANCE = 1e-4;

    static List<int[]> sequences(int vocab, long seed) {
        Random rng = new Random(seed);
        return List.of(LlamaModelTest.randomIds(rng, 1, vocab),
                LlamaModelTest.randomIds(rng, 17, vocab), LlamaModelTest.randomIds(rng, 64, vocab));
    }

    @Test
    void ourNanoCheckpointGivesOurLogitsInTransformers(@TempDir Path dir) throws Exception {
        exportAndCompare(ModelConfig.nano(), dir.resolve("nano"));
    }

    @Test
    void ourQkNormCheckpointGivesOurLogitsInTransformersAsQwen3(@TempDir Path dir)
            throws Exception {
        exportAndCompare(ModelConfig.nano().withVocabSize(256).withQkNorm(true)
                .withTieEmbeddings(false), dir.resolve("qk"));
    }

    @Test
    void randomTransformersModelsLoadHereWithTheirLogits(@TempDir Path dir) throws Exception {
        PythonPeer peer = PythonPeer.locate();
        int variant = 0;
        for (boolean tied : new boolean[] {true, false}) {
            for (boolean qkNorm : new boolean[] {false, true}) {
                Path folder = dir.resolve("hf" + variant++);
                List<int[]> ids = sequences(96, variant);
                float[][][] theirs = peer.make(folder, 100 + variant, tied, qkNorm, ids);
                Checkpoint ckpt = Checkpoint.load(folder);
                assertEquals(tied, ckpt.config().tieEmbeddings());
                assertEquals(qkNorm, ckpt.config().qkNorm());
                try (LlamaModel model = ckpt.model()) {
                    compare(model, ids, theirs, "tied=" + tied + " qkNorm=" + qkNorm);
                }
            }
        }
    }

    private static void exportAndCompare(ModelConfig config, Path folder) throws Exception {
        try (LlamaModel model = LlamaModel.init(config, 1234)) {
            perturbNorms(model);
            Checkpoint.of(model, null).save(folder);
            List<int[]> ids = sequences(config.vocabSize(), 5);
            compare(model, ids, PythonPeer.locate().logits(folder, ids), config.toString());
        }
    }

    /** Fresh norms are all ones; random scales make the comparison cover them too. */
    private static void perturbNorms(LlamaModel model) {
        Random rng = new Random(3);
        model.parameters().forEach((name, p) -> {
            if (name.endsWith("norm")) {
                float[] v = p.toFloatArray();
                for (int i = 0; i < v.length; i++) {
                    v[i] = 0.5f + rng.nextFloat();
                }
                p.set(v);
            }
        });
    }

    private static void compare(LlamaModel model, List<int[]> ids, float[][][] theirs,
            String what) {
        double worst = 0;
        for (int s = 0; s < ids.size(); s++) {
            float[][] ours = model.logits(TokenBatch.of(ids.get(s)))[0];
            for (int t = 0; t < ours.length; t++) {
                for (int v = 0; v < ours[t].length; v++) {
                    worst = Math.max(worst, Math.abs(ours[t][v] - theirs[s][t][v]));
                }
            }
        }
        final double w = worst;
        assertEquals(0, worst, TOLERANCE, () -> what + ": largest logit difference " + w);
    }
}
