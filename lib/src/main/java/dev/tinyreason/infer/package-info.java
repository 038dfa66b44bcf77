/**
 * Generation from a {@link dev.tinyreason.model.LlamaModel}, in plain Java types:
 * {@link dev.tinyreason.infer.Sampling} (greedy, temperature, top-k, top-p on a logits array),
 * {@link dev.tinyreason.infer.SamplingConfig}, {@link dev.tinyreason.infer.Generator} (batched
 * KV-cache decoding and streaming) and {@link dev.tinyreason.infer.Completion}.
 *
 * <pre>{@code
 * Generator gen = new Generator(model, tok);
 * gen.stream("Once upon a time", SamplingConfig.sampled(0.8, 100, 1), System.out::print);
 * }</pre>
 */
package dev.tinyreason.infer;
