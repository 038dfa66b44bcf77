package dev.tinyreason.trm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained (or fresh) model as plain Java data: config plus weights. Every method takes and
 * returns Java arrays and records; DJL runs inside, in managers this class opens and closes, so
 * there is nothing for the caller to close.
 */
public record TrmModel(TrmConfig config, TrmWeights weights) {

    private static final int CHUNK = 128;

    public TrmModel {
        weights.checkMatches(config);
    }

    /** A freshly initialised model. */
    public static TrmModel init(TrmConfig config, long seed) {
        return new TrmModel(config, TrmWeights.init(config, seed));
    }

    /** Loads a checkpoint directory written by {@link TrmCheckpoint#save}. */
    public static TrmModel load(Path dir) throws IOException {
        return TrmCheckpoint.load(dir).model();
    }

    public long parameterCount() {
        return weights.parameterCount();
    }

    /**
     * Every supervision step's prediction, without halting.
     *
     * @param answers {@code [step][puzzle][cell]} predicted digits after steps 1..steps
     * @param qHalt   {@code [step][puzzle]} halting logits (NaN for a baseline)
     */
    public record Rollout(int[][][] answers, float[][] qHalt) {

        public int steps() {
            return answers.length;
        }

        /**
         * The step at which each puzzle halts: the first with {@code qHalt > 0}, else the last
         * (1-based, as the paper counts).
         */
        public int[] haltSteps() {
            int[] halt = new int[answers[0].length];
            for (int p = 0; p < halt.length; p++) {
                halt[p] = answers.length;
                for (int s = 0; s < answers.length; s++) {
                    if (qHalt[s][p] > 0) {
                        halt[p] = s + 1;
                        break;
                    }
                }
            }
            return halt;
        }
    }

    /**
     * Runs {@code steps} supervision steps on each puzzle (a baseline runs once, whatever
     * {@code steps} says) and records each step's answer. Batched on DJL.
     */
    public Rollout rollout(List<int[]> puzzles, int steps) {
        int runs = config.recursion() == TrmConfig.Recursion.TRM ? steps : 1;
        if (runs < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps + ".");
        }
        int[][][] answers = new int[runs][puzzles.size()][];
        float[][] q = new float[runs][puzzles.size()];
        try (TrmNetwork net = new TrmNetwork(config, weights)) {
            for (int start = 0; start < puzzles.size(); start += CHUNK) {
                int[][] chunk = puzzles.subList(start, Math.min(puzzles.size(), start + CHUNK))
                        .toArray(new int[0][]);
                rolloutChunk(net, chunk, runs, start, answers, q);
            }
        }
        return new Rollout(answers, q);
    }

    private void rolloutChunk(TrmNetwork net, int[][] boards, int runs, int offset,
            int[][][] answers, float[][] q) {
        int b = boards.length;
        Shape state = new Shape(b, config.cells(), config.hiddenSize());
        float[] y = null;
        float[] z = null;
        for (int s = 0; s < runs; s++) {
            // One sub-manager per step; the carry crosses steps as Java arrays.
            try (NDManager m = net.manager().newSubManager()) {
                NDArray x = net.embed(TrmNetwork.tokens(m, boards));
                TrmNetwork.Output out;
                if (config.recursion() == TrmConfig.Recursion.NONE) {
                    out = net.readOut(net.f(x, null));
                } else {
                    TrmNetwork.Carry c = s == 0 ? net.initialCarry(m, b)
                            : new TrmNetwork.Carry(m.create(y, state), m.create(z, state));
                    c = net.supervisionStep(x, c);
                    y = c.y().toFloatArray();
                    z = c.z().toFloatArray();
                    out = net.readOut(c.y());
                }
                long[] pred = out.logits().argMax(2).toLongArray();  // (B * L)
                float[] qs = out.qHalt() == null ? null : out.qHalt().toFloatArray();
                for (int i = 0; i < b; i++) {
                    int[] answer = new int[config.cells()];
                    for (int cell = 0; cell < answer.length; cell++) {
                        answer[cell] = (int) pred[i * answer.length + cell] + 1;
                    }
                    answers[s][offset + i] = answer;
                    q[s][offset + i] = qs == null ? Float.NaN : qs[i];
                }
            }
        }
    }

    /**
     * One puzzle, step by step, for a picture: the board and halting logit after each of
     * {@code steps} supervision steps.
     */
    public List<TraceStep> trace(int[] puzzle, int steps) {
        Rollout r = rollout(List.of(puzzle), steps);
        List<TraceStep> out = new ArrayList<>();
        for (int s = 0; s < r.steps(); s++) {
            out.add(new TraceStep(s + 1, r.answers()[s][0], r.qHalt()[s][0]));
        }
        return out;
    }

    /** The answer after supervision step {@code step} (1-based) and its halting logit. */
    public record TraceStep(int step, int[] answer, float qHalt) {}

    /**
     * Solves puzzles as the paper's inference does: run up to {@code nSup} supervision steps and
     * stop a puzzle at the first step whose halting logit is positive.
     */
    public int[][] solve(List<int[]> puzzles) {
        Rollout r = rollout(puzzles, config.nSup());
        int[] halt = r.haltSteps();
        boolean recursive = config.recursion() == TrmConfig.Recursion.TRM;
        int[][] out = new int[puzzles.size()][];
        for (int p = 0; p < out.length; p++) {
            out[p] = r.answers()[recursive ? halt[p] - 1 : 0][p];
        }
        return out;
    }
}
