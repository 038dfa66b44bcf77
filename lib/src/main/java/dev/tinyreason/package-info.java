/**
 * tinyreason: how tiny models learn to reason, in Java.
 *
 * <p>Packages, in the order a learner meets them:
 * <ul>
 *   <li>{@link dev.tinyreason.tensor}: the DJL tensor operations the models are written in, and
 *       who frees native memory;</li>
 *   <li>{@link dev.tinyreason.tokenizer}: byte-level BPE, trained here, and the chat template;</li>
 *   <li>{@link dev.tinyreason.model}: the Llama-style decoder, its checkpoints and decoders;</li>
 *   <li>{@link dev.tinyreason.tasks}: the generated tasks (arithmetic, word problems,
 *       Countdown, Game of 24), their verifiers and data files;</li>
 *   <li>{@link dev.tinyreason.infer}: chain-of-thought, self-consistency, the headroom probe
 *       and evaluation; {@link dev.tinyreason.infer.tree}: Tree-of-Thoughts searches;</li>
 *   <li>{@link dev.tinyreason.train}: the training loop, then its stages:
 *       {@link dev.tinyreason.train.sft} (pretraining and SFT), {@link dev.tinyreason.train.dpo}
 *       (preference optimisation) and {@link dev.tinyreason.train.grpo} (reinforcement
 *       learning);</li>
 *   <li>{@link dev.tinyreason.trm}: the Tiny Recursive Model on Sudoku;</li>
 *   <li>{@link dev.tinyreason.grade} and {@link dev.tinyreason.grade.exercises}: the graded
 *       exercises and their JUnit grader;</li>
 *   <li>{@link dev.tinyreason.export}: a checkpoint as a GGUF file for llama.cpp, F32 to
 *       8-bit;</li>
 *   <li>{@link dev.tinyreason.viz}: charts, tables, boards and live progress in notebooks;</li>
 *   <li>{@link dev.tinyreason.io}: files written atomically;
 *       {@link dev.tinyreason.cli}: the commands behind {@code ./tinyreason}.</li>
 * </ul>
 */
package dev.tinyreason;
