/**
 * Reinforcement learning with verifiable rewards: {@link dev.tinyreason.train.grpo.PolicyGradientToy}
 * (REINFORCE, a baseline, group advantages on a toy), {@link dev.tinyreason.train.grpo.Advantages}
 * (group-normalised advantages), {@link dev.tinyreason.train.grpo.GrpoLoss} (the clipped objective
 * with GRPO, DAPO and Dr. GRPO aggregation), {@link dev.tinyreason.train.grpo.GrpoTrainer} (rollouts,
 * rewards from the task's verifier, updates) and {@link dev.tinyreason.train.grpo.GrpoDoctor}.
 */
package dev.tinyreason.train.grpo;
