package dev.tinyreason.trm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrmTrainerTest {

    private static final SudokuDataset DATA = SudokuDataset.generate(SudokuDataset.Spec.sudoku4());

    @Test
    void sameSeedSameWeights() {
        List<Double> lossesA = new ArrayList<>();
        List<Double> lossesB = new ArrayList<>();
        TrmWeights a = trainSteps(TrmTrainConfig.tiny(), 15, lossesA);
        TrmWeights b = trainSteps(TrmTrainConfig.tiny(), 15, lossesB);
        assertEquals(lossesA, lossesB);
        for (String name : a.tensors().keySet()) {
            assertArrayEquals(a.get(name).values(), b.get(name).values(), name);
        }
        TrmWeights c = trainSteps(TrmTrainConfig.tiny().withSeed(1), 15, new ArrayList<>());
        assertFalse(Arrays.equals(a.get("head").values(), c.get("head").values()));
    }

    @Test
    void emaIsASmoothedCopyAndOffMeansRaw() {
        try (TrmTrainer t = new TrmTrainer(TrmConfig.sudoku4(), TrmTrainConfig.tiny(), DATA)) {
            for (int i = 0; i < 10; i++) {
                t.step();
            }
            assertFalse(Arrays.equals(t.model().weights().get("head").values(),
                    t.rawModel().weights().get("head").values()));
            // The fixed start states are not trained, so EMA and raw agree on them.
            assertArrayEquals(t.model().weights().get("y_init").values(),
                    t.rawModel().weights().get("y_init").values());
        }
        try (TrmTrainer t = new TrmTrainer(TrmConfig.sudoku4(),
                TrmTrainConfig.tiny().withEmaDecay(0f), DATA)) {
            t.step();
            assertArrayEquals(t.model().weights().get("head").values(),
                    t.rawModel().weights().get("head").values());
        }
    }

    @Test
    void nativeMemoryStaysFlatOverManySteps() throws IOException {
        try (TrmTrainer t = new TrmTrainer(TrmConfig.sudoku4(), TrmTrainConfig.tiny(), DATA)) {
            for (int i = 0; i < 100; i++) {
                t.step();  // optimizer state is created on the first updates
            }
            int arrays = t.nativeArrays();
            System.gc();
            long rss = rssKb();
            for (int i = 0; i < 600; i++) {
                t.step();
            }
            assertEquals(arrays, t.nativeArrays(), "arrays attached to the model's manager");
            // Leaking one step's activations would cost ~1 MB a step; the allocator itself
            // wobbles by up to ~90 MB here, so the bound sits between the two.
            System.gc();
            long growthMb = (rssKb() - rss) / 1024;
            assertTrue(growthMb < 200, "RSS grew by " + growthMb + " MB over 600 steps");
        }
    }

    @Test
    void deepSupervisionLearnsAndTheHaltingHeadStartsToStop() {
        try (TrmTrainer t = new TrmTrainer(TrmConfig.sudoku4(), TrmTrainConfig.tiny(), DATA)) {
            List<TrmTrainer.Progress> log = t.train(300, 120, 50, null);
            assertEquals(6, log.size());
            TrmTrainer.Progress first = log.get(0);
            TrmTrainer.Progress last = log.get(log.size() - 1);
            assertTrue(last.answerLoss() < 0.6 * first.answerLoss(),
                    "answer loss " + first.answerLoss() + " -> " + last.answerLoss());
            assertTrue(last.meanHaltSteps() < TrmConfig.sudoku4().nSup(),
                    "puzzles should start halting early, mean steps " + last.meanHaltSteps());
            TrmEvaluator.Report r = TrmEvaluator.evaluate(t.model(), DATA.test(), 4);
            assertTrue(r.last().cellAccuracy() > 0.8, "held-out cell accuracy " + r.last());
        }
    }

    @Test
    void baselineTrainsWithoutCarryOrHalting() {
        TrmConfig single = TrmConfig.sudoku4().singlePassBaseline();
        try (TrmTrainer t = new TrmTrainer(single, TrmTrainConfig.tiny(), DATA)) {
            List<TrmTrainer.Progress> log = t.train(40, 60, 20, null);
            assertEquals(1.0, log.get(1).meanHaltSteps());
            assertEquals(0.0, log.get(1).haltLoss());
            assertEquals(40L * TrmTrainConfig.tiny().batchSize(), log.get(1).puzzlesSeen());
        }
    }

    @Test
    void attentionVariantTrainsToo() {
        TrmConfig attention = TrmConfig.sudoku4().withMixer(TrmConfig.Mixer.ATTENTION);
        try (TrmTrainer t = new TrmTrainer(attention, TrmTrainConfig.tiny(), DATA)) {
            List<TrmTrainer.Progress> log = t.train(150, 60, 50, null);
            assertTrue(log.get(2).answerLoss() < log.get(0).answerLoss(),
                    "answer loss " + log.get(0).answerLoss() + " -> " + log.get(2).answerLoss());
        }
    }

    @Test
    void inferenceFreesItsMemory() throws IOException {
        TrmModel model = TrmModel.init(TrmConfig.sudoku4(), 0);
        List<int[]> boards = DATA.test().stream().map(Sudoku::puzzle).toList();
        model.rollout(boards, 4);
        System.gc();
        long rss = rssKb();
        for (int i = 0; i < 100; i++) {
            model.rollout(boards, 4);
        }
        System.gc();
        long growthMb = (rssKb() - rss) / 1024;
        assertTrue(growthMb < 200, "RSS grew by " + growthMb + " MB over 100 rollouts");
    }

    private static TrmWeights trainSteps(TrmTrainConfig train, int steps, List<Double> losses) {
        try (TrmTrainer t = new TrmTrainer(TrmConfig.sudoku4(), train, DATA)) {
            for (int i = 0; i < steps; i++) {
                losses.add(t.step());
            }
            return t.model().weights();
        }
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }
}
