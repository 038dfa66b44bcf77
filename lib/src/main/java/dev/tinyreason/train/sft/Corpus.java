package dev.tinyreason.train.sft;

import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.Task;
import dev.tinyreason.tokenizer.ChatTemplate;
import dev.tinyreason.tokenizer.SpecialTokens;
import dev.tinyreason.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Training data of each stage, drawn from the tasks' endless training streams
 * ({@link Task#example(int)}: never a validation or test problem), tasks interleaved.
 */
public final class Corpus {

    private Corpus() {}

    private static final String ANSWER = "Answer: ";

    /** {@code perTask} training examples of each task, interleaved task by task. */
    public static List<Example> examples(List<Task> tasks, int perTask, int offset) {
        List<Example> out = new ArrayList<>(perTask * tasks.size());
        for (int i = 0; i < perTask; i++) {
            for (Task t : tasks) {
                out.add(t.example(offset + i));
            }
        }
        return out;
    }

    /**
     * The pretraining text of one example, no chat markup: the question, the worked steps and
     * the answer, as a textbook would print them.
     */
    public static String pretrainText(Example e) {
        return e.prompt() + "\n" + e.thinkTrace() + "\n" + ANSWER + e.answer() + "\n";
    }

    /**
     * The answer a model wrote in the pretraining format: the text after the last
     * {@code "Answer: "}, up to the end of its line, stripped; {@code null} when there is none
     * (the model never reached an answer line). {@code pretrainAnswer(pretrainText(e))} is
     * {@code e.answer()}.
     */
    public static String pretrainAnswer(String text) {
        int at = text == null ? -1 : text.lastIndexOf(ANSWER);
        if (at < 0) {
            return null;
        }
        String rest = text.substring(at + ANSWER.length());
        int eol = rest.indexOf('\n');
        String answer = (eol < 0 ? rest : rest.substring(0, eol)).strip();
        return answer.isEmpty() ? null : answer;
    }

    /** All examples as one token stream, each document closed by EOS (nanoGPT's layout). */
    public static int[] pretrainTokens(Tokenizer tokenizer, List<Example> examples) {
        List<int[]> docs = new ArrayList<>(examples.size());
        int n = 0;
        for (Example e : examples) {
            int[] ids = tokenizer.encode(pretrainText(e));
            docs.add(ids);
            n += ids.length + 1;
        }
        int[] out = new int[n];
        int at = 0;
        for (int[] d : docs) {
            System.arraycopy(d, 0, out, at, d.length);
            at += d.length;
            out[at++] = SpecialTokens.EOS;
        }
        return out;
    }

    /**
     * SFT conversations: each example once, with thinking on for a {@code thinkingFraction} of
     * them (seeded), off for the rest. 1.0 is pure think SFT, 0.0 no-think SFT, in between the
     * hybrid of SmolLM3/Qwen3 where one model answers both ways.
     */
    public static List<Conversation> conversations(ChatTemplate chat, List<Example> examples,
            double thinkingFraction, long seed) {
        if (!(thinkingFraction >= 0 && thinkingFraction <= 1)) {
            throw new IllegalArgumentException("thinkingFraction must be in [0, 1], got "
                    + thinkingFraction + ".");
        }
        Random rng = new Random(seed);
        List<Conversation> out = new ArrayList<>(examples.size());
        for (Example e : examples) {
            out.add(Conversation.of(chat, e, rng.nextDouble() < thinkingFraction));
        }
        return out;
    }
}
