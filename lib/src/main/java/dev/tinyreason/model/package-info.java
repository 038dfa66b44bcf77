/**
 * The tiny reasoning model: a Llama-style decoder on DJL, in reading order —
 * {@link dev.tinyreason.model.ModelConfig} (shapes and presets),
 * {@link dev.tinyreason.model.LlamaWeights} (weights as Java arrays under Hugging Face names),
 * {@code DecoderLayer} (one pre-norm block), {@link dev.tinyreason.model.LlamaModel} (the model,
 * logits and log-probs), {@code KvCache} and {@link dev.tinyreason.model.DecodeSession}
 * (incremental decoding on DJL), {@link dev.tinyreason.model.Decoder} with {@code DecodeWeights},
 * {@code DecodeKernels}, {@code JavaBlocks}, {@code VectorGemm} and {@code JavaDecoder} (the
 * same decoding in plain Java, for one sequence or a batch; {@code Q8Matrix} when the weights
 * are 8-bit, {@link dev.tinyreason.model.Decoder.Weights}),
 * {@link dev.tinyreason.model.Checkpoint} (Hugging Face folders).
 *
 * <pre>{@code
 * LlamaModel model = LlamaModel.init(ModelConfig.nano().withVocabSize(tok.vocabSize()), 42);
 * Checkpoint.of(model, tok).save(Path.of("runs/nano"));
 * LlamaModel again = Checkpoint.load(Path.of("runs/nano")).model();
 * }</pre>
 */
package dev.tinyreason.model;
