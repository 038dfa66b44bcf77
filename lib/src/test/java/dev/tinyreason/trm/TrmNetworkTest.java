package dev.tinyreason.trm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tinyreason.tensor.SafeTensors.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The DJL network computes what the plain-Java reference computes, on the same weights. */
class TrmNetworkTest {

    static Stream<TrmConfig> configs() {
        TrmConfig four = TrmConfig.sudoku4();
        TrmConfig six = TrmConfig.sudoku6();
        return Stream.of(four, four.withMixer(TrmConfig.Mixer.ATTENTION), six,
                six.withMixer(TrmConfig.Mixer.ATTENTION), six.singlePassBaseline(),
                four.deepBaseline());
    }

    @ParameterizedTest
    @MethodSource("configs")
    void djlMatchesTheReferenceStepByStep(TrmConfig config) {
        // Random (not trained) weights, but with a live halting head so q is tested too.
        TrmModel model = TrmModel.init(config, 42);
        if (config.recursion() == TrmConfig.Recursion.TRM) {
            model = withRandomHaltingHead(model);
        }
        SudokuDataset.Spec spec = new SudokuDataset.Spec(config.shape(), 0, 3,
                config.shape().size() == 4 ? 5 : 11, config.shape().size() == 4 ? 6 : 13, 1);
        List<int[]> puzzles = SudokuDataset.testSplit(spec).stream().map(Sudoku::puzzle).toList();
        int steps = 3;
        TrmModel.Rollout djl = model.rollout(puzzles, steps);
        TrmReference ref = new TrmReference(config, model.weights());
        for (int p = 0; p < puzzles.size(); p++) {
            List<TrmReference.Step> expected = ref.run(puzzles.get(p), steps);
            assertEquals(djl.steps(), expected.size());
            for (int s = 0; s < expected.size(); s++) {
                assertArrayEquals(expected.get(s).answer(), djl.answers()[s][p],
                        "answer, puzzle " + p + ", step " + (s + 1));
                if (config.recursion() == TrmConfig.Recursion.TRM) {
                    assertEquals(expected.get(s).qHalt(), djl.qHalt()[s][p], 1e-3,
                            "halting logit, puzzle " + p + ", step " + (s + 1));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void djlLogitsMatchTheReferenceWithinTolerance(TrmConfig config) {
        TrmModel model = TrmModel.init(config, 7);
        int[] puzzle = SudokuDataset.testSplit(new SudokuDataset.Spec(config.shape(), 0, 1,
                config.shape().size() == 4 ? 5 : 11, config.shape().size() == 4 ? 6 : 13, 2))
                .get(0).puzzle();
        float[][] expected = new TrmReference(config, model.weights()).run(puzzle, 2)
                .get(config.recursion() == TrmConfig.Recursion.TRM ? 1 : 0).logits();
        float[] actual;
        try (TrmNetwork net = new TrmNetwork(config, model.weights());
                var m = net.manager().newSubManager()) {
            var x = net.embed(TrmNetwork.tokens(m, new int[][] {puzzle}));
            var y = config.recursion() == TrmConfig.Recursion.TRM
                    ? net.supervisionStep(x, net.supervisionStep(x, net.initialCarry(m, 1))).y()
                    : net.f(x, null);
            actual = net.readOut(y).logits().toFloatArray();
        }
        int k = config.numDigits();
        for (int cell = 0; cell < expected.length; cell++) {
            for (int d = 0; d < k; d++) {
                assertEquals(expected[cell][d], actual[cell * k + d], 1e-3,
                        "logit of cell " + cell + ", digit " + (d + 1));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void everyTthRecursionIsASupervisionStep(TrmConfig config) {
        TrmModel model = TrmModel.init(config, 5);
        int[] puzzle = new int[config.cells()];
        TrmReference ref = new TrmReference(config, model.weights());
        List<TrmReference.Step> steps = ref.run(puzzle, 2);
        List<TrmReference.Step> recursions = ref.runRecursions(puzzle, 2);
        if (config.recursion() == TrmConfig.Recursion.NONE) {
            assertArrayEquals(steps.get(0).answer(), recursions.get(0).answer());
            return;
        }
        assertEquals(2 * config.T(), recursions.size());
        for (int s = 0; s < 2; s++) {
            assertArrayEquals(steps.get(s).logits()[0],
                    recursions.get((s + 1) * config.T() - 1).logits()[0]);
        }
    }

    private static TrmModel withRandomHaltingHead(TrmModel model) {
        var tensors = new LinkedHashMap<>(model.weights().tensors());
        float[] w = new float[model.config().hiddenSize()];
        Random rng = new Random(3);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rng.nextGaussian();
        }
        tensors.put("q_head.weight", Tensor.f32(new int[] {w.length}, w));
        tensors.put("q_head.bias", Tensor.f32(new int[] {1}, new float[] {0.1f}));
        return new TrmModel(model.config(), new TrmWeights(tensors));
    }
}
