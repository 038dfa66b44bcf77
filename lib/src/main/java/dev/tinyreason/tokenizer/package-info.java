/**
 * A byte-level BPE tokenizer built for reasoning models: digits always split, {@code <think>}
 * and ChatML control tokens at fixed ids, and files that Hugging Face {@code tokenizers} loads.
 *
 * <p>Classes in reading order:
 * <ol>
 *   <li>{@link dev.tinyreason.tokenizer.ByteLevel}: GPT-2's byte ↔ printable-character map;</li>
 *   <li>{@link dev.tinyreason.tokenizer.PreTokenizer}: the split regex (every digit alone);</li>
 *   <li>{@link dev.tinyreason.tokenizer.SpecialTokens}: the control tokens and their ids;</li>
 *   <li>{@link dev.tinyreason.tokenizer.Bpe}: count pairs, merge a pair (the exercise);</li>
 *   <li>{@link dev.tinyreason.tokenizer.Vocab}: the merges and the id layout they imply;</li>
 *   <li>{@link dev.tinyreason.tokenizer.BpeConfig} and {@link dev.tinyreason.tokenizer.BpeTrainer}:
 *       learning merges from a corpus;</li>
 *   <li>{@link dev.tinyreason.tokenizer.Tokenizer}: encode and decode, and
 *       {@link dev.tinyreason.tokenizer.StreamingDecoder} for sampling;</li>
 *   <li>{@link dev.tinyreason.tokenizer.Message} and {@link dev.tinyreason.tokenizer.ChatTemplate}:
 *       ChatML conversations with an assistant mask for SFT;</li>
 *   <li>{@link dev.tinyreason.tokenizer.TokenizerJson}: HF {@code tokenizer.json} in and out, and
 *       {@link dev.tinyreason.tokenizer.HfTokenizers}, HF in Python as a test oracle.</li>
 * </ol>
 */
package dev.tinyreason.tokenizer;
