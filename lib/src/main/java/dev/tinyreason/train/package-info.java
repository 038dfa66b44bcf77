/**
 * Training: {@link dev.tinyreason.train.TrainConfig} (TRL's argument names),
 * {@link dev.tinyreason.train.LearningRateSchedule} (warmup + cosine),
 * {@link dev.tinyreason.train.AdamW} (decoupled decay, clipping),
 * {@link dev.tinyreason.train.Trainer} (next-token loss, gradient accumulation),
 * {@link dev.tinyreason.train.TokenWindows} (pretraining batches) and
 * {@link dev.tinyreason.train.MetricLog} (TRL-style keys, CSV).
 *
 * <pre>{@code
 * Trainer trainer = new Trainer(model, TrainConfig.pretraining(300));
 * Progress bar = Progress.start("pretraining", 300);
 * trainer.train(new TokenWindows(tok.encode(text), 128), 300,
 *         r -> bar.update(r.step(), r.summary()));
 * trainer.saveCheckpoint(Path.of("runs/nano"), tok);
 * }</pre>
 */
package dev.tinyreason.train;
