/**
 * Tensors: the operations the models are written in ({@link dev.tinyreason.tensor.Ops}: linear,
 * RMSNorm, attention, softmax, log-probs), rotary positions ({@link dev.tinyreason.tensor.Rope}),
 * safetensors files ({@link dev.tinyreason.tensor.SafeTensors}), precision
 * ({@link dev.tinyreason.tensor.Precision}, {@link dev.tinyreason.tensor.Autocast},
 * {@link dev.tinyreason.tensor.Float16}) and FLOP counts ({@link dev.tinyreason.tensor.Flops}).
 *
 * <p>Native memory: DJL tensors live outside the Java heap. {@link dev.tinyreason.tensor.Scope}
 * runs tensor code and frees what it made; {@link dev.tinyreason.tensor.NativeMemory} frees a
 * model's weights once nothing refers to the model. DJL's engine and thread settings are made in
 * one place, {@link dev.tinyreason.tensor.Environment}.
 */
package dev.tinyreason.tensor;
