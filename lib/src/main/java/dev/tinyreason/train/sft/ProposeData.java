package dev.tinyreason.train.sft;

import dev.tinyreason.infer.tree.ModelProposer;
import dev.tinyreason.infer.tree.Problem;
import dev.tinyreason.tasks.Countdown;
import dev.tinyreason.tasks.CountdownSearch;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.ProblemStream;
import dev.tinyreason.tasks.Rational;
import dev.tinyreason.tasks.Split;
import dev.tinyreason.tasks.Step;
import dev.tinyreason.tokenizer.ChatTemplate;
import dev.tinyreason.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Training data for a Tree-of-Thoughts proposer: a Countdown puzzle, a path of steps that keeps
 * the target reachable, and one next step drawn uniformly from the moves that still keep it
 * reachable, written exactly as {@link ModelProposer} prompts (the chat prompt, the think
 * opening, the path's lines) with the loss on the next line alone.
 *
 * <pre>
 * &lt;|im_start|&gt;user
 * Use 3 7 25 50 to make 82.&lt;|im_end|&gt;
 * &lt;|im_start|&gt;assistant
 * &lt;think&gt;
 * 25 * 3 = 75 (left: 7 50 75)       the path (not trained)
 * 75 + 7 = 82 (left: 50 82)         trained: one of the good next steps, uniformly
 * </pre>
 *
 * <p><b>Why.</b> The shipped traces teach a closest-first search: sampled at any temperature,
 * sft-think proposes one or two steps per state, the ones that get nearest the target, and on
 * the hardest Game of 24 puzzles those are dead ends, so a search over its proposals fails
 * there even with an exact judge (notebook 03 shows it). A search needs proposals that cover
 * the good moves;
 * these examples distil that from exhaustive search ({@link CountdownSearch#canReach}), a
 * policy for the proposer as {@link ValueData} is a value for the judge.
 *
 * <p>The path's depth is uniform over 0 .. (numbers − 2), each of its steps a uniform draw
 * among the moves that keep the target reachable, under {@link ValueData#RULES}.
 */
public final class ProposeData {

    /**
     * One example.
     *
     * @param puzzle the Countdown puzzle
     * @param path   steps from the start; the target stays reachable after each
     * @param next   a move from the path's state after which the target is still reachable
     */
    public record Proposal(Countdown.Puzzle puzzle, List<Step> path, Step next) {

        public Proposal {
            path = List.copyOf(path);
        }

        /** The puzzle as a {@link Problem} under the labels' rules. */
        public Problem problem() {
            return new Problem(puzzle.numbers(), puzzle.target(), ValueData.RULES);
        }
    }

    private ProposeData() {}

    /**
     * {@code n} proposals from Countdown puzzles of {@code split} (levels 3, 4, 5 in turn,
     * index {@link ProblemStream#VALUE_STATES} on for the training split); deterministic in
     * {@code seed}.
     */
    public static List<Proposal> examples(Split split, int n, long seed) {
        Random rng = new Random(seed);
        Countdown countdown = new Countdown();
        long first = split == Split.TRAIN ? ProblemStream.VALUE_STATES.first() : 0;
        List<Proposal> out = new ArrayList<>(n);
        for (long i = 0; out.size() < n; i++) {
            Example e = countdown.example(split, 3 + (int) (i % 3), first + i / 3);
            Proposal p = draw(Countdown.Puzzle.parse(e.prompt()).orElseThrow(), rng);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    /** A random good path and next step in {@code puzzle}; null if there is none. */
    static Proposal draw(Countdown.Puzzle puzzle, Random rng) {
        Rational target = Rational.of(puzzle.target());
        int depth = rng.nextInt(puzzle.numbers().size() - 1);
        List<Step> path = new ArrayList<>();
        List<Rational> state = puzzle.state();
        while (true) {
            List<Step> good = new ArrayList<>();
            for (Step s : CountdownSearch.nextSteps(state, ValueData.RULES)) {
                if (CountdownSearch.canReach(s.left(), target, ValueData.RULES)) {
                    good.add(s);
                }
            }
            if (good.isEmpty()) {
                return null;
            }
            Step s = good.get(rng.nextInt(good.size()));
            if (path.size() == depth) {
                return new Proposal(puzzle, path, s);
            }
            path.add(s);
            state = s.left();
        }
    }

    /**
     * The proposal as a conversation with thinking on: the {@link ModelProposer} prompt, then
     * the next line and its newline, which alone carry the loss.
     */
    public static Conversation conversation(ChatTemplate chat, Tokenizer tokenizer,
            Proposal p) {
        int[] prompt = ModelProposer.prompt(chat, tokenizer, p.problem(), p.path());
        int[] line = tokenizer.encode(p.next() + "\n");
        int[] ids = Arrays.copyOf(prompt, prompt.length + line.length);
        System.arraycopy(line, 0, ids, prompt.length, line.length);
        boolean[] mask = new boolean[ids.length];
        Arrays.fill(mask, prompt.length, ids.length, true);
        return new Conversation(ids, mask, true);
    }

    /** Every proposal as a conversation. */
    public static List<Conversation> conversations(ChatTemplate chat, Tokenizer tokenizer,
            List<Proposal> proposals) {
        List<Conversation> out = new ArrayList<>(proposals.size());
        for (Proposal p : proposals) {
            out.add(conversation(chat, tokenizer, p));
        }
        return out;
    }
}
