package dev.tinyreason.trm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a model on held-out puzzles: accuracy after every supervision step, accuracy when the
 * halting head decides to stop, and how it decides.
 */
public final class TrmEvaluator {

    private TrmEvaluator() {}

    /**
     * Accuracy of a set of answers.
     *
     * @param cellAccuracy      fraction of all cells right (givens included, as the paper counts)
     * @param blankAccuracy     fraction of the blank cells filled in right
     * @param exactAccuracy     fraction of puzzles solved exactly (the headline number)
     * @param solved            {@code solved[i]}: puzzle i solved exactly, in the puzzles' order,
     *                          so two models scored on the same puzzles can be compared paired
     *                          ({@code Scoreboard.paired(a.solved(), b.solved())})
     */
    public record Score(int puzzles, double cellAccuracy, double blankAccuracy,
            double exactAccuracy, boolean[] solved) {}

    /**
     * How the halting head behaves when it may stop a puzzle at any of {@code steps} steps.
     *
     * @param meanHaltStep  average step at which puzzles stop (1-based; the last step if never)
     * @param haltCounts    {@code haltCounts[s-1]} = puzzles that stopped at step s
     * @param stoppedEarly  fraction whose halting logit turned positive before the last step
     * @param precision     of the puzzles whose halting logit turned positive, the fraction whose
     *                      answer at that step was exactly right
     * @param accuracy      fraction of (puzzle, step) pairs where the sign of the halting logit
     *                      agrees with "the answer is exactly right"
     */
    public record HaltStats(double meanHaltStep, int[] haltCounts, double stoppedEarly,
            double precision, double accuracy) {}

    /**
     * Everything measured in one evaluation.
     *
     * @param atHalt  the answers the model gives when it stops at its own halting decision
     * @param byStep  {@code byStep.get(s-1)}: the answers after exactly s steps, no halting
     * @param halting halting statistics (null for a baseline)
     * @param seconds wall-clock time of the evaluation
     */
    public record Report(Score atHalt, List<Score> byStep, HaltStats halting, double seconds) {

        /** The answers after the last step. */
        public Score last() {
            return byStep.get(byStep.size() - 1);
        }

        /**
         * This report as JSON-ready maps: headline numbers at halting, then the per-step curve
         * (what {@code eval trm} prints and a TRM checkpoint's summary stores).
         */
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("puzzles", atHalt.puzzles());
            json.put("exact_solve_rate", atHalt.exactAccuracy());
            json.put("cell_accuracy", atHalt.cellAccuracy());
            json.put("blank_cell_accuracy", atHalt.blankAccuracy());
            List<Map<String, Object>> steps = new ArrayList<>();
            for (int s = 0; s < byStep.size(); s++) {
                Score sc = byStep.get(s);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("step", s + 1);
                row.put("exact_solve_rate", sc.exactAccuracy());
                row.put("cell_accuracy", sc.cellAccuracy());
                steps.add(row);
            }
            json.put("by_step", steps);
            if (halting != null) {
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("mean_halt_step", halting.meanHaltStep());
                h.put("halt_counts", halting.haltCounts());
                h.put("stopped_early", halting.stoppedEarly());
                h.put("precision", halting.precision());
                h.put("accuracy", halting.accuracy());
                json.put("halting", h);
            }
            json.put("seconds", Math.round(seconds * 100) / 100.0);
            return json;
        }
    }

    /** Scores answers against the puzzles' solutions. Total: any int[] answer is accepted. */
    public static Score score(List<Sudoku> puzzles, List<int[]> answers) {
        long cells = 0;
        long right = 0;
        long blanks = 0;
        long blanksRight = 0;
        int exact = 0;
        boolean[] solved = new boolean[puzzles.size()];
        for (int i = 0; i < puzzles.size(); i++) {
            Sudoku s = puzzles.get(i);
            int[] puzzle = s.puzzle();
            int[] solution = s.solution();
            int[] answer = answers.get(i);
            for (int c = 0; c < solution.length; c++) {
                boolean ok = c < answer.length && answer[c] == solution[c];
                cells++;
                right += ok ? 1 : 0;
                if (puzzle[c] == 0) {
                    blanks++;
                    blanksRight += ok ? 1 : 0;
                }
            }
            solved[i] = Sudoku.isSolution(s.shape(), puzzle, answer);
            exact += solved[i] ? 1 : 0;
        }
        int n = puzzles.size();
        return new Score(n, right / (double) Math.max(1, cells),
                blanksRight / (double) Math.max(1, blanks), exact / (double) Math.max(1, n), solved);
    }

    /**
     * Runs {@code steps} supervision steps on every puzzle and scores each step, and the answer
     * at the halting head's decision. A baseline is scored once.
     */
    public static Report evaluate(TrmModel model, List<Sudoku> puzzles, int steps) {
        long t0 = System.nanoTime();
        List<int[]> boards = puzzles.stream().map(Sudoku::puzzle).toList();
        TrmModel.Rollout r = model.rollout(boards, steps);
        List<Score> byStep = new ArrayList<>();
        for (int s = 0; s < r.steps(); s++) {
            byStep.add(score(puzzles, List.of(r.answers()[s])));
        }
        if (model.config().recursion() == TrmConfig.Recursion.NONE) {
            return new Report(byStep.get(0), byStep, null, (System.nanoTime() - t0) / 1e9);
        }
        int[] halt = r.haltSteps();
        List<int[]> atHalt = new ArrayList<>();
        int[] counts = new int[r.steps()];
        double haltSum = 0;
        int early = 0;
        int positive = 0;
        int positiveRight = 0;
        int agree = 0;
        for (int p = 0; p < puzzles.size(); p++) {
            int[] answer = r.answers()[halt[p] - 1][p];
            atHalt.add(answer);
            counts[halt[p] - 1]++;
            haltSum += halt[p];
            early += halt[p] < r.steps() ? 1 : 0;
            Sudoku s = puzzles.get(p);
            if (r.qHalt()[halt[p] - 1][p] > 0) {
                positive++;
                positiveRight += Sudoku.isSolution(s.shape(), s.puzzle(), answer) ? 1 : 0;
            }
            for (int step = 0; step < r.steps(); step++) {
                boolean exact = Sudoku.isSolution(s.shape(), s.puzzle(), r.answers()[step][p]);
                agree += (r.qHalt()[step][p] > 0) == exact ? 1 : 0;
            }
        }
        int n = Math.max(1, puzzles.size());
        HaltStats stats = new HaltStats(haltSum / n, counts, early / (double) n,
                positiveRight / (double) Math.max(1, positive),
                agree / (double) Math.max(1, n * r.steps()));
        return new Report(score(puzzles, atHalt), byStep, stats, (System.nanoTime() - t0) / 1e9);
    }
}
