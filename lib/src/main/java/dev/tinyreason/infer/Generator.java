package dev.tinyreason.infer;

import dev.tinyreason.model.DecodeSession;
import dev.tinyreason.model.Decoder;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.TokenBatch;
import dev.tinyreason.model.WeightFormat;
import dev.tinyreason.tokenizer.SpecialTokens;
import dev.tinyreason.tokenizer.StreamingDecoder;
import dev.tinyreason.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Text generation with a KV cache, for one prompt or a batch of prompts of different lengths.
 *
 * <pre>{@code
 * Generator gen = new Generator(model, tokenizer);
 * gen.stream("Q: 2 + 3 =", SamplingConfig.greedy(20), System.out::print);
 * List<Completion> many = gen.generate(prompts, SamplingConfig.sampled(0.8, 64, 42));
 * }</pre>
 *
 * <p>The prompts are padded on the left and decoded together; each keeps its own positions, so
 * a prompt's completion does not depend on its batch neighbours (under greedy decoding batched
 * output equals one-at-a-time output). A sequence that emits a stop token is finished: nothing
 * more is sampled for it, and it leaves the batch ({@link Decoder#retain}) so the rest decode
 * without paying for it: at once on the Java decoder, where that is free, and on DJL once
 * finished sequences make up a quarter of the batch (there it copies the cache). The last step of
 * each token, choosing it, is {@link Sampling#sample} in plain Java, applied to the
 * log-softmax of the logits (the same distribution: softmax ignores a shift); greedy decoding
 * takes the argmax inside the decoder instead, with the same lowest-id tie rule as
 * {@link Sampling#argmax}.
 *
 * <p>Which decoder runs ({@link Decoder#open}): on a JVM started with
 * {@code --add-modules jdk.incubator.vector}, as {@code ./tinyreason}, the notebook kernel and
 * the tests do, every batch decodes in plain Java ({@code JavaDecoder}): at batch 1 DJL's one
 * JNI call per op costs more than the arithmetic, and for a batch the Java path keeps no
 * padding, prefills a prompt repeated k times once, and runs each step's products as one
 * register-blocked kernel on two threads (faster than the DJL path at every batch size; see
 * {@link Decoder} and {@code ./tinyreason bench --sampling}). On a JVM without that module
 * every batch decodes on DJL ({@link DecodeSession}). Both compute the same log-probs to float
 * rounding, and sampled decoding draws from the same {@link Random} stream either way.
 * The system property {@code -Dtinyreason.decode=djl} forces DJL for every batch size;
 * {@code -Dtinyreason.decode=java} forces the Java path even without the module (plain loops:
 * faster than DJL on nano, slower on tiny). The Java path copies the weights at
 * the start of each call, so generating between training steps always sees the current weights.
 *
 * <p>{@link #withWeights} decodes from the weights as llama.cpp's 8-bit {@code Q8_0} blocks,
 * quantised from the current weights at the start of each call, to measure what shipping an
 * 8-bit file costs in accuracy and gains in speed:
 * {@code new Generator(model, tok).withWeights(WeightFormat.Q8_0)}.
 */
public final class Generator {

    /** Told about each token as soon as it is chosen (sequence index in the batch, token id). */
    @FunctionalInterface
    public interface TokenListener {
        void onToken(int sequence, int token);
    }

    /**
     * On a decoder whose {@link Decoder#retain} copies, finished sequences leave the batch once
     * they are at least this fraction (1/4) of it: a finished row would otherwise cost a full
     * row of compute at every later step, and a batch of samples of varied length spends much
     * of its time on its longest few.
     */
    static final int COMPACT_FRACTION = 4;

    /**
     * The most sequences decoded in one batch: a longer list of prompts runs in chunks of this
     * many (same results, see {@code decode}). Larger batches decode a little faster per token,
     * but memory (the KV cache, the prefill's activations) grows with the batch, and long word
     * problems in a batch of a few hundred would outgrow a Binder-sized kernel, where the
     * course must run.
     */
    public static final int MAX_BATCH = 64;

    private final LlamaModel model;
    private final Tokenizer tokenizer;
    private final WeightFormat weights;

    /** A generator without a tokenizer: ids in, ids out. */
    public Generator(LlamaModel model) {
        this(model, null);
    }

    public Generator(LlamaModel model, Tokenizer tokenizer) {
        this(model, tokenizer, WeightFormat.F32);
    }

    private Generator(LlamaModel model, Tokenizer tokenizer, WeightFormat weights) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.weights = weights;
    }

    /**
     * This generator decoding from weight matrices held in {@code format}: {@code Q8_0} runs
     * the Java decoder on 8-bit blocks (see {@link WeightFormat}); fails at the first call if
     * the model's widths are not multiples of 32.
     */
    public Generator withWeights(WeightFormat format) {
        return new Generator(model, tokenizer, java.util.Objects.requireNonNull(format));
    }

    /** Completes every prompt (lists of ids, each at least one long). */
    public List<Completion> generate(List<int[]> prompts, SamplingConfig config) {
        return generate(prompts, config, null);
    }

    /** As {@link #generate(List, SamplingConfig)}, reporting each token to {@code onToken}. */
    public List<Completion> generate(List<int[]> prompts, SamplingConfig config,
            TokenListener onToken) {
        int b = prompts.size();
        if (b == 0) {
            return List.of();
        }
        int longest = 0;
        for (int i = 0; i < b; i++) {
            int[] p = prompts.get(i);
            if (p.length == 0) {
                throw new IllegalArgumentException("Prompt " + i + " is empty; start it with at "
                        + "least the BOS token (" + SpecialTokens.BOS + ").");
            }
            int room = model.config().maxPositions() - p.length;
            if (config.maxNewTokens() > room) {
                throw new IllegalArgumentException("Prompt " + i + " has " + p.length
                        + " tokens; with maxNewTokens=" + config.maxNewTokens() + " it would "
                        + "pass the model's maxPositions=" + model.config().maxPositions()
                        + ". Shorten it or lower maxNewTokens to " + Math.max(room, 0) + ".");
            }
            longest = Math.max(longest, p.length);
        }
        if (b <= MAX_BATCH) {
            return decode(prompts, config, 0, longest, onToken);
        }
        List<Completion> out = new ArrayList<>(b);
        for (int from = 0; from < b; from += MAX_BATCH) {
            List<int[]> chunk = prompts.subList(from, Math.min(b, from + MAX_BATCH));
            int chunkLongest = chunk.stream().mapToInt(p -> p.length).max().orElseThrow();
            int offset = from;
            out.addAll(decode(chunk, config, offset, chunkLongest, onToken == null ? null
                    : (i, token) -> onToken.onToken(offset + i, token)));
        }
        return out;
    }

    /**
     * Decodes one batch; sequence {@code i} samples from its own stream,
     * {@code new Random(seed + offset + i)}, so the chunking does not change any sequence.
     */
    private List<Completion> decode(List<int[]> prompts, SamplingConfig config, int offset,
            int longest, TokenListener onToken) {
        int b = prompts.size();
        Random[] rngs = new Random[b];
        List<List<Integer>> tokens = new ArrayList<>();
        List<List<Float>> chosenLogProbs = new ArrayList<>();
        FinishReason[] finished = new FinishReason[b];
        for (int i = 0; i < b; i++) {
            rngs[i] = new Random(config.seed() + offset + i);
            tokens.add(new ArrayList<>());
            chosenLogProbs.add(new ArrayList<>());
        }
        try (Decoder session = Decoder.open(model, b, longest + config.maxNewTokens(),
                weights)) {
            TokenBatch padded = TokenBatch.leftPadded(prompts, SpecialTokens.PAD);
            boolean greedy = config.greedy();  // then the decoder takes the argmax
            DecodeSession.Greedy best = greedy ? session.prefillGreedy(padded) : null;
            float[][] logProbs = greedy ? null : session.prefill(padded);
            int[] live = new int[b];  // row of the session -> sequence
            for (int i = 0; i < b; i++) {
                live[i] = i;
            }
            int[] next = new int[b];
            for (int step = 0; step < config.maxNewTokens(); step++) {
                int active = 0;
                for (int r = 0; r < live.length; r++) {
                    int i = live[r];
                    if (finished[i] != null) {
                        next[r] = SpecialTokens.PAD;  // a placeholder: its output is ignored
                        continue;
                    }
                    int token = greedy ? best.tokens()[r]
                            : Sampling.sample(logProbs[r], config, rngs[i]);
                    tokens.get(i).add(token);
                    chosenLogProbs.get(i).add(greedy ? best.logProbs()[r] : logProbs[r][token]);
                    if (onToken != null) {
                        onToken.onToken(i, token);
                    }
                    if (config.isStop(token)) {
                        finished[i] = FinishReason.STOP;
                    } else if (tokens.get(i).size() == config.maxNewTokens()) {
                        finished[i] = FinishReason.LENGTH;
                    } else {
                        active++;
                    }
                    next[r] = token;
                }
                if (active == 0) {
                    break;
                }
                int worthDropping = session.retainIsFree() ? 1
                        : Math.max(1, live.length / COMPACT_FRACTION);
                if (live.length - active >= worthDropping) {
                    // drop finished sequences from the batch: they would cost a full row each step
                    int[] rows = new int[active];
                    for (int r = 0, k = 0; r < live.length; r++) {
                        if (finished[live[r]] == null) {
                            rows[k++] = r;
                        }
                    }
                    session.retain(rows);
                    int[] keptLive = new int[active];
                    int[] keptNext = new int[active];
                    for (int k = 0; k < active; k++) {
                        keptLive[k] = live[rows[k]];
                        keptNext[k] = next[rows[k]];
                    }
                    live = keptLive;
                    next = keptNext;
                }
                if (greedy) {
                    best = session.stepGreedy(next);
                } else {
                    logProbs = session.step(next);
                }
            }
        }
        List<Completion> out = new ArrayList<>(b);
        for (int i = 0; i < b; i++) {
            List<Float> lp = chosenLogProbs.get(i);
            float[] lpArr = new float[lp.size()];
            for (int j = 0; j < lpArr.length; j++) {
                lpArr[j] = lp.get(j);
            }
            out.add(new Completion(prompts.get(i),
                    tokens.get(i).stream().mapToInt(Integer::intValue).toArray(), lpArr,
                    finished[i]));
        }
        return out;
    }

    /** Completes one prompt of ids. */
    public Completion generate(int[] prompt, SamplingConfig config) {
        return generate(List.of(prompt), config).get(0);
    }

    /**
     * Generates from {@code prompt} (text; special tokens such as {@code <|im_start|>} allowed),
     * handing {@code onText} each piece of text as soon as it forms whole characters. The stop
     * token is not printed.
     */
    public Completion stream(String prompt, SamplingConfig config, Consumer<String> onText) {
        return stream(tokenizer().encode(prompt, true), config, onText);
    }

    /** As {@link #stream(String, SamplingConfig, Consumer)}, from prompt ids. */
    public Completion stream(int[] prompt, SamplingConfig config, Consumer<String> onText) {
        StreamingDecoder decoder = tokenizer().streamingDecoder();
        Completion c = generate(List.of(prompt), config, (seq, token) -> {
            if (!config.isStop(token)) {
                emit(onText, decoder.feed(token));
            }
        }).get(0);
        emit(onText, decoder.finish());
        return c;
    }

    /** The completion of a text prompt as text (without the stop token). */
    public String complete(String prompt, SamplingConfig config) {
        return generate(tokenizer().encode(prompt, true), config).text(tokenizer());
    }

    private static void emit(Consumer<String> onText, String piece) {
        if (!piece.isEmpty()) {
            onText.accept(piece);
        }
    }

    private Tokenizer tokenizer() {
        if (tokenizer == null) {
            throw new IllegalStateException("This generator has no tokenizer; build it with "
                    + "new Generator(model, tokenizer) to work with text.");
        }
        return tokenizer;
    }

    @Override
    public String toString() {
        return "Generator[" + model.config() + ", tokenizer=" + (tokenizer != null)
                + ", weights=" + weights + "]";
    }
}
