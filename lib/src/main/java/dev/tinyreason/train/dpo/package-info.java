/**
 * Direct Preference Optimization (Rafailov et al. 2023) and its relatives:
 * {@link dev.tinyreason.train.dpo.PreferenceDataset} samples the SFT model and builds
 * {@link dev.tinyreason.train.dpo.PreferencePair}s (length and correctness pairs),
 * {@link dev.tinyreason.train.dpo.DpoLoss} holds the losses (sigmoid, IPO, hinge, APO-zero, with
 * an NLL anchor on the chosen trace), {@link dev.tinyreason.train.dpo.DpoTrainer} trains against
 * a frozen reference, and {@link dev.tinyreason.train.dpo.DpoDoctor} reads a run's log for the
 * known failure modes.
 */
package dev.tinyreason.train.dpo;
