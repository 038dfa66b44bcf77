package dev.tinyreason.trm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.tensor.SafeTensors.DType;
import dev.tinyreason.tensor.SafeTensors.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrmCheckpointTest {

    @Test
    void weightsReadInAnyFloatFormatAreKeptAsFloat32() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("a", Tensor.f32(new int[] {2}, new float[] {1.5f, -2f}).as(DType.BF16));
        TrmWeights w = new TrmWeights(t);
        assertEquals(DType.F32, w.get("a").dtype());
        assertArrayEquals(new float[] {1.5f, -2f}, w.get("a").values());
    }

    @Test
    void saveLoadRoundTripsAndKeepsSubdirectories(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("trm");
        TrmModel model = TrmModel.init(TrmConfig.sudoku4(), 3);
        TrmTrainer.Progress p = new TrmTrainer.Progress(10, 1.5, 1e-3, 0.9, 0.8, 0.2, 0.7, 0.1,
                0.9, 3.5, 160);
        TrmCheckpoint.save(ckpt, model, TrmTrainConfig.tiny(), SudokuDataset.Spec.sudoku4(),
                List.of(p), Map.of("steps", 10));
        TrmModel baseline = TrmModel.init(TrmConfig.sudoku4().singlePassBaseline(), 4);
        TrmCheckpoint.save(ckpt.resolve("baselines/single-pass"), baseline,
                TrmTrainConfig.tiny(), SudokuDataset.Spec.sudoku4(), List.of(), Map.of());
        // Saving the main checkpoint again keeps the nested baseline.
        TrmCheckpoint.save(ckpt, model, TrmTrainConfig.tiny(), SudokuDataset.Spec.sudoku4(),
                List.of(p), Map.of("steps", 20));

        TrmCheckpoint.Loaded back = TrmCheckpoint.load(ckpt);
        assertEquals(model.config(), back.model().config());
        assertEquals(TrmTrainConfig.tiny(), back.train());
        assertEquals(SudokuDataset.Spec.sudoku4(), back.data());
        assertEquals(20, back.summary().get("steps").getAsInt());
        for (String name : model.weights().tensors().keySet()) {
            assertArrayEquals(model.weights().get(name).values(),
                    back.model().weights().get(name).values(), name);
        }
        assertEquals(baseline.config(),
                TrmModel.load(ckpt.resolve("baselines/single-pass")).config());
        List<String> log = Files.readAllLines(ckpt.resolve(TrmCheckpoint.LOG));
        assertEquals(TrmTrainer.Progress.csvHeader(), log.get(0));
        assertEquals("10,1.5,0.00100000,0.90000,0.80000,0.20000,0.7000,0.1000,0.9000,3.500,160",
                log.get(1));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(ckpt), files.toList(), "no temporary directories left behind");
        }
    }

    @Test
    void missingCheckpointSaysHowToMakeOne(@TempDir Path dir) {
        var e = assertThrows(IllegalArgumentException.class,
                () -> TrmCheckpoint.load(dir));
        assertTrue(e.getMessage().contains("./tinyreason train trm"), e.getMessage());
    }
}
