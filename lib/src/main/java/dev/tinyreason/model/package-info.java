/**
 * The tiny reasoning model: a Llama-style decoder on DJL, in reading order —
 * {@link dev.tinyreason.model.ModelConfig} (shapes and presets),
 * {@link dev.tinyreason.model.LlamaWeights} (weights as Java arrays under Hugging Face names),
 * {@code FusedLayout} (those weights under the model's names, q/k/v and gate/up stacked),
 * {@code DecoderLayer} (one pre-norm block), {@link dev.tinyreason.model.LlamaModel} (the model,
 * logits and log-probs), {@code KvCache} and {@link dev.tinyreason.model.DecodeSession}
 * (incremental decoding on DJL), {@link dev.tinyreason.model.Decoder} with {@code DecodeWeights},
 * {@code DecodeKernels} and {@code JavaDecoder} (the same decoding for one sequence in plain
 * Java), {@link dev.tinyreason.model.WeightFormat} with {@code Projection} and {@code Q8Matrix}
 * (the Java decoder on llama.cpp's 8-bit Q8_0 weights) and
 * {@link dev.tinyreason.model.Quantisation} (what 8 bits change: per-token KL to float32),
 * {@link dev.tinyreason.model.Checkpoint} (Hugging Face folders).
 *
 * <pre>{@code
 * LlamaModel model = LlamaModel.init(ModelConfig.nano().withVocabSize(tok.vocabSize()), 42);
 * Checkpoint.of(model, tok).save(Path.of("runs/nano"));
 * LlamaModel again = Checkpoint.load(Path.of("runs/nano")).model();
 * Quantisation.Drift d = Quantisation.drift(again, heldOutIds);   // d.meanKl(): f32 vs Q8_0
 * }</pre>
 */
package dev.tinyreason.model;
