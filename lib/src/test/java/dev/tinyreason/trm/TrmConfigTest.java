package dev.tinyreason.trm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrmConfigTest {

    @Test
    void presetsAreValidAndFollowThePaper() {
        TrmConfig paper = TrmConfig.paperSudoku();
        assertEquals(3, paper.T());
        assertEquals(6, paper.n());
        assertEquals(16, paper.nSup());
        assertEquals(2, paper.numLayers());
        assertEquals(36, TrmConfig.sudoku6().cells());
        assertEquals(7, TrmConfig.sudoku6().vocabSize());
        assertEquals(6, TrmConfig.sudoku6().numDigits());
    }

    @Test
    void invalidConfigsExplainThemselves() {
        var heads = assertThrows(IllegalArgumentException.class, () -> TrmConfig.sudoku6()
                .withMixer(TrmConfig.Mixer.ATTENTION).withHiddenSize(30));
        assertEquals("hiddenSize must be divisible by numHeads for attention, got hiddenSize=30,"
                + " numHeads=4.", heads.getMessage());
        var rec = assertThrows(IllegalArgumentException.class,
                () -> TrmConfig.sudoku6().withRecursion(0, 3, 8));
        assertEquals("A recursive model needs T >= 1 recursions, n >= 1 latent updates and "
                + "nSup >= 1 supervision steps, got T=0, n=3, nSup=8.", rec.getMessage());
        var base = assertThrows(IllegalArgumentException.class,
                () -> TrmConfig.sudoku6().singlePassBaseline().withRecursion(2, 0, 1));
        assertTrue(base.getMessage().startsWith("A non-recursive baseline runs once"),
                base.getMessage());
        var train = assertThrows(IllegalArgumentException.class,
                () -> TrmTrainConfig.cpu().withEmaDecay(1f));
        assertEquals("emaDecay must be in [0, 1) (0 turns EMA off), got 1.0.", train.getMessage());
    }

    @Test
    void baselinesMatchParametersOrCompute() {
        TrmConfig trm = TrmConfig.sudoku6();
        long trmParams = TrmModel.init(trm, 0).parameterCount();
        long singleParams = TrmModel.init(trm.singlePassBaseline(), 0).parameterCount();
        // Equal parameters up to the halting head (hidden + 1 values).
        assertEquals(trmParams - trm.hiddenSize() - 1, singleParams);
        TrmConfig deep = trm.deepBaseline();
        assertEquals(trm.numLayers() * trm.T() * (trm.n() + 1), deep.numLayers());
        assertEquals(trm.blocksPerSupervisionStep(), deep.blocksPerSupervisionStep());
    }
}
