/**
 * The Tiny Recursive Model (Jolicoeur-Martineau, "Less is More: Recursive Reasoning with Tiny
 * Networks", arXiv:2510.04871) on Sudoku.
 *
 * <p>Reading order:
 * <ol>
 *   <li>Data: {@link dev.tinyreason.trm.SudokuShape}, {@link dev.tinyreason.trm.Sudoku},
 *       {@link dev.tinyreason.trm.SudokuSolver}, {@link dev.tinyreason.trm.SudokuGenerator},
 *       {@link dev.tinyreason.trm.SudokuSymmetry} (augmentation, canonical form),
 *       {@link dev.tinyreason.trm.SudokuDataset} (held-out split disjoint up to symmetry).
 *   <li>Model: {@link dev.tinyreason.trm.TrmConfig}, {@link dev.tinyreason.trm.TrmWeights},
 *       {@link dev.tinyreason.trm.TrmReference} (the recursion in plain Java: read this one),
 *       {@link dev.tinyreason.trm.TrmNetwork} (the same on DJL, batched).
 *   <li>Training: {@link dev.tinyreason.trm.TrmTrainConfig},
 *       {@link dev.tinyreason.trm.TrmLoss}, {@link dev.tinyreason.trm.TrmTrainer} (deep
 *       supervision, ACT halting, EMA), {@link dev.tinyreason.trm.TrmRun} (a whole run:
 *       periodic saves, held-out scores, the baselines).
 *   <li>Using a model: {@link dev.tinyreason.trm.TrmModel} (plain-Java API: rollout, trace,
 *       solve), {@link dev.tinyreason.trm.TrmEvaluator} (accuracy per step, halting
 *       statistics), {@link dev.tinyreason.trm.TrmCheckpoint} (files, in
 *       {@link dev.tinyreason.tensor.SafeTensors} format).
 * </ol>
 * Only {@code TrmNetwork}, {@code TrmLoss}, {@code TrmTrainer} and {@code TrmModel}'s batched
 * rollout touch DJL; everything else takes and returns Java arrays and records.
 */
package dev.tinyreason.trm;
