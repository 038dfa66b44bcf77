package dev.tinyreason.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.model.Decoder;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.ModelConfig;
import dev.tinyreason.model.TokenBatch;
import dev.tinyreason.tokenizer.BpeConfig;
import dev.tinyreason.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** KV-cache generation: batched equals one-at-a-time, log-probs, stopping, streaming. */
class GeneratorTest {

    static LlamaModel model;
    static Tokenizer tokenizer;
    static final List<int[]> PROMPTS = List.of(new int[] {1, 40, 41, 42, 43, 44, 45, 46},
            new int[] {1, 50}, new int[] {1, 60, 61, 62, 63}, new int[] {1, 70, 71});

    @BeforeAll
    static void build() {
        tokenizer = Tokenizer.train("Once upon a time, 12 + 30 = 42. Ça va? 🙂 ".repeat(40),
                new BpeConfig(300, 2));
        model = LlamaModel.init(ModelConfig.nano().withVocabSize(tokenizer.vocabSize())
                .withMaxPositions(64), 21);
    }

    @AfterAll
    static void free() {
        model.close();
    }

    @Test
    void batchedGreedyEqualsOneAtATimeGreedy() {
        SamplingConfig greedy = SamplingConfig.greedy(12).withStopTokens();
        Generator gen = new Generator(model);
        List<Completion> batched = gen.generate(PROMPTS, greedy);
        for (int i = 0; i < PROMPTS.size(); i++) {
            Completion alone = gen.generate(PROMPTS.get(i), greedy);
            assertArrayEquals(alone.tokens(), batched.get(i).tokens(), "prompt " + i);
            assertArrayEquals(alone.logProbs(), batched.get(i).logProbs(), 1e-4f);
            assertEquals(FinishReason.LENGTH, batched.get(i).finishReason());
            assertEquals(12, batched.get(i).tokens().length);
        }
    }

    @Test
    void logProbsAreTheModelsOwnTeacherForcedLogProbs() {
        List<Completion> cs = new Generator(model).generate(PROMPTS,
                SamplingConfig.sampled(1.3, 10, 9).withTopK(20).withStopTokens());
        for (Completion c : cs) {
            int[] full = concat(c.prompt(), c.tokens());
            float[] lp = model.tokenLogProbs(TokenBatch.of(full))[0];
            float[] want = Arrays.copyOfRange(lp, c.prompt().length - 1, lp.length);
            assertArrayEquals(want, c.logProbs(), 1e-4f);
        }
    }

    @Test
    void samplingIsSeededPerSequence() {
        SamplingConfig cfg = SamplingConfig.sampled(1.0, 8, 77).withTopP(0.9).withStopTokens();
        Generator gen = new Generator(model);
        List<Completion> a = gen.generate(PROMPTS, cfg);
        List<Completion> b = gen.generate(PROMPTS, cfg);
        for (int i = 0; i < PROMPTS.size(); i++) {
            assertArrayEquals(a.get(i).tokens(), b.get(i).tokens());
            Completion alone = gen.generate(PROMPTS.get(i), cfg.withSeed(77 + i));
            assertArrayEquals(alone.tokens(), a.get(i).tokens(), "sequence i uses seed + i");
        }
    }

    @Test
    void aStopTokenEndsOnlyItsOwnSequence() {
        Generator gen = new Generator(model);
        SamplingConfig greedy = SamplingConfig.greedy(10).withStopTokens();
        List<Completion> free = gen.generate(PROMPTS, greedy);
        int stop = free.get(1).tokens()[2];  // sequence 1 produces this third
        List<Completion> stopped = gen.generate(PROMPTS, greedy.withStopTokens(stop));
        Completion c = stopped.get(1);
        assertEquals(FinishReason.STOP, c.finishReason());
        assertEquals(stop, c.tokens()[c.tokens().length - 1]);
        int first = firstIndexOf(free.get(1).tokens(), stop);
        assertArrayEquals(Arrays.copyOf(free.get(1).tokens(), first + 1), c.tokens());
        assertArrayEquals(Arrays.copyOf(free.get(1).tokens(), first), c.contentTokens());
        for (int i = 0; i < PROMPTS.size(); i++) {
            int at = firstIndexOf(free.get(i).tokens(), stop);
            int[] want = at < 0 ? free.get(i).tokens()
                    : Arrays.copyOf(free.get(i).tokens(), at + 1);
            assertArrayEquals(want, stopped.get(i).tokens(), "sequence " + i);
            assertEquals(at < 0 ? FinishReason.LENGTH : FinishReason.STOP,
                    stopped.get(i).finishReason());
        }
    }

    /**
     * Sequences that stop early leave the batch (Decoder.retain); the rest decode exactly as
     * they would alone, and every log-prob is still the model's teacher-forced one.
     */
    @Test
    void finishedSequencesLeaveTheBatchWithoutChangingTheOthers() {
        Generator gen = new Generator(model);
        List<int[]> prompts = new ArrayList<>();
        Random rng = new Random(3);
        for (int i = 0; i < 12; i++) {
            int[] p = new int[1 + rng.nextInt(6)];
            p[0] = 1;
            for (int j = 1; j < p.length; j++) {
                p[j] = 3 + rng.nextInt(250);
            }
            prompts.add(p);
        }
        int[] stops = new int[40];  // frequent tokens stop most sequences early, at different steps
        for (int t = 0; t < stops.length; t++) {
            stops[t] = 3 + 6 * t;
        }
        SamplingConfig cfg = SamplingConfig.sampled(1.5, 20, 5).withStopTokens(stops);
        List<Completion> batched = gen.generate(prompts, cfg);
        java.util.Set<Integer> lengths = new java.util.HashSet<>();
        for (int i = 0; i < prompts.size(); i++) {
            Completion alone = gen.generate(prompts.get(i), cfg.withSeed(5 + i));
            assertArrayEquals(alone.tokens(), batched.get(i).tokens(), "sequence " + i);
            Completion c = batched.get(i);
            lengths.add(c.tokens().length);
            int[] full = concat(c.prompt(), c.tokens());
            float[] lp = model.tokenLogProbs(TokenBatch.of(full))[0];
            assertArrayEquals(Arrays.copyOfRange(lp, c.prompt().length - 1, lp.length), c.logProbs(), 1e-4f);
        }
        assertTrue(lengths.size() >= 4, "sequences finish at different steps: " + lengths);
    }

    @Test
    void moreSequencesThanOneBatchRunInChunksWithTheSameStreams() {
        Generator gen = new Generator(model);
        List<int[]> prompts = new ArrayList<>();
        Random rng = new Random(11);
        for (int i = 0; i < Generator.MAX_BATCH + 3; i++) {
            prompts.add(prompt(rng, 2 + rng.nextInt(5)));
        }
        SamplingConfig cfg = SamplingConfig.sampled(1.2, 6, 9);
        int[] seen = new int[prompts.size()];
        List<Completion> all = gen.generate(prompts, cfg, (i, token) -> seen[i]++);
        assertEquals(prompts.size(), all.size());
        for (int i : new int[] {0, 1, Generator.MAX_BATCH, Generator.MAX_BATCH + 2}) {
            List<Completion> two = gen.generate(List.of(prompts.get(i), prompts.get(i)),
                    cfg.withSeed(9 + i));  // sequence i's own stream is seed + i
            assertArrayEquals(two.get(0).tokens(), all.get(i).tokens(), "sequence " + i);
            assertEquals(all.get(i).tokens().length, seen[i], "listener indices are global");
        }
    }

    @Test
    void streamingPrintsExactlyTheDecodedCompletion() {
        Generator gen = new Generator(model, tokenizer);
        StringBuilder printed = new StringBuilder();
        List<String> pieces = new ArrayList<>();
        Completion c = gen.stream("Once upon", SamplingConfig.sampled(1.0, 30, 3), s -> {
            printed.append(s);
            pieces.add(s);
        });
        assertEquals(c.text(tokenizer), printed.toString());
        assertTrue(pieces.stream().noneMatch(String::isEmpty));
        // characters split over tokens are held back until whole: StreamingDecoderTest
        assertEquals(c.text(tokenizer), gen.complete("Once upon",
                SamplingConfig.sampled(1.0, 30, 3)));
    }

    /** One-prompt calls decode in plain Java; this runs {@code call} on the DJL path. */
    static <T> T onDjl(Supplier<T> call) {
        String old = System.getProperty(Decoder.PATH_PROPERTY);
        System.setProperty(Decoder.PATH_PROPERTY, "djl");
        try {
            return call.get();
        } finally {
            if (old == null) {
                System.clearProperty(Decoder.PATH_PROPERTY);
            } else {
                System.setProperty(Decoder.PATH_PROPERTY, old);
            }
        }
    }

    static int[] prompt(Random rng, int length) {
        int[] p = new int[length];
        p[0] = 1;
        for (int i = 1; i < length; i++) {
            p[i] = 3 + rng.nextInt(tokenizer.vocabSize() - 3);
        }
        return p;
    }

    @Test
    void onePromptDecodesTheSameOnTheJavaPathAsOnDjl() {
        Generator gen = new Generator(model);
        Random rng = new Random(31);
        SamplingConfig greedy = SamplingConfig.greedy(16).withStopTokens();
        SamplingConfig sampled = SamplingConfig.sampled(1.0, 16, 5).withTopK(40).withStopTokens();
        for (int length : new int[] {1, 2, 5, 13, 30, 48}) {
            int[] p = prompt(rng, length);
            for (SamplingConfig cfg : List.of(greedy, sampled)) {
                Completion java = gen.generate(p, cfg);
                Completion djl = onDjl(() -> gen.generate(p, cfg));
                String what = "prompt of " + length + ", greedy=" + cfg.greedy();
                assertArrayEquals(djl.tokens(), java.tokens(), what);
                assertArrayEquals(djl.logProbs(), java.logProbs(), 1e-4f, what);
                assertEquals(djl.finishReason(), java.finishReason(), what);
            }
        }
    }

    @Test
    void aStopTokenEndsTheJavaPathAsItEndsDjl() {
        Generator gen = new Generator(model);
        int[] p = PROMPTS.get(2);
        int[] free = onDjl(() -> gen.generate(p, SamplingConfig.greedy(10).withStopTokens()))
                .tokens();
        SamplingConfig stopAt = SamplingConfig.greedy(10).withStopTokens(free[3]);
        Completion java = gen.generate(p, stopAt);
        Completion djl = onDjl(() -> gen.generate(p, stopAt));
        assertEquals(FinishReason.STOP, java.finishReason());
        assertArrayEquals(djl.tokens(), java.tokens());
        List<Integer> streamed = new ArrayList<>();
        gen.generate(List.of(p), stopAt, (seq, token) -> streamed.add(token));
        assertArrayEquals(java.tokens(), streamed.stream().mapToInt(i -> i).toArray());
    }

    @Test
    void promptsThatCannotFitSayHowToFixThem() {
        Generator gen = new Generator(model);
        int[] longPrompt = new int[60];
        Arrays.fill(longPrompt, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> gen.generate(longPrompt, SamplingConfig.greedy(10)));
        assertTrue(e.getMessage().contains("lower maxNewTokens to 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> gen.generate(new int[0], SamplingConfig.greedy(3)));
        assertThrows(IllegalStateException.class,
                () -> gen.stream("hi", SamplingConfig.greedy(3), s -> { }));
    }

    private static int firstIndexOf(int[] a, int x) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == x) {
                return i;
            }
        }
        return -1;
    }

    static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
