/**
 * Shipping a trained model to llama.cpp as one GGUF file (ggml's format, version 3), written and
 * read by hand, in reading order: {@link dev.tinyreason.export.GgufType} (tensor types:
 * F32, F16, Q8_0) and {@link dev.tinyreason.export.GgufValue} (typed metadata),
 * {@link dev.tinyreason.export.GgufTensor}, {@link dev.tinyreason.export.GgufWriter},
 * {@link dev.tinyreason.export.GgufReader} with {@link dev.tinyreason.export.GgufFile}, then
 * the Llama mapping: {@link dev.tinyreason.export.GgufFileType} (which tensors get which
 * type), {@code GgufVocab} (the tokenizer) and {@link dev.tinyreason.export.LlamaGguf} (names,
 * metadata, the RoPE reordering of queries and keys; {@code load} reads a file back into a
 * {@code Checkpoint}). The Java decoder runs a model on Q8_0 weights with
 * {@code Decoder.open(model, batch, capacity, WeightFormat.Q8_0)}; notebook 09 measures what
 * the 8 bits cost and buy.
 *
 * <pre>{@code
 * LlamaGguf.export(Path.of("data/checkpoints/sft-think"), GgufFileType.Q8_0,
 *         Path.of("sft-think-q8_0.gguf"));
 * // then: llama-cli -m sft-think-q8_0.gguf -cnv   (the chat template is in the file)
 * }</pre>
 */
package dev.tinyreason.export;
