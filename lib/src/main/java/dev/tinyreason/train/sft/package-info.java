/**
 * The pipeline's supervised stages ({@link dev.tinyreason.train.sft.Stage}): pretraining on the
 * tasks' worked traces, then chat SFT with thinking off, on, or both, and the Tree-of-Thoughts
 * value stage. {@link dev.tinyreason.train.sft.StageRun} runs one stage as
 * {@code ./tinyreason train} does; {@link dev.tinyreason.train.sft.Conversation} and
 * {@link dev.tinyreason.train.sft.SftBatches} build the masked chat batches;
 * {@link dev.tinyreason.train.sft.SftTrainer} trains on them with
 * {@link dev.tinyreason.train.sft.SftLoss} (NLL or DFT) and
 * {@link dev.tinyreason.train.sft.Neftune}; {@link dev.tinyreason.train.sft.HeldOutMonitor}
 * measures held-out loss, entropy and sampled accuracy while it runs.
 */
package dev.tinyreason.train.sft;
