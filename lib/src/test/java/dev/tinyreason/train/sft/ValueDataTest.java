package dev.tinyreason.train.sft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.cli.CliRun;
import dev.tinyreason.infer.tree.JudgeValuer;
import dev.tinyreason.infer.tree.Judgement;
import dev.tinyreason.model.Checkpoint;
import dev.tinyreason.tasks.CountdownSearch;
import dev.tinyreason.tasks.Rational;
import dev.tinyreason.tasks.Split;
import dev.tinyreason.tasks.Step;
import dev.tinyreason.tokenizer.BpeConfig;
import dev.tinyreason.tokenizer.ChatTemplate;
import dev.tinyreason.tokenizer.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The value stage's data and a two-step run of the stage on the nano model. */
class ValueDataTest {

    @TempDir
    Path dir;

    private static final List<ValueData.Labelled> STATES = ValueData.states(Split.TRAIN, 400,
            42);

    @Test
    void labelsAgreeWithExhaustiveSearch() {
        for (ValueData.Labelled l : STATES) {
            Rational target = Rational.of(l.target());
            boolean reachable = CountdownSearch.canReach(l.state(), target, ValueData.RULES);
            boolean oneStep = false;
            for (Step s : CountdownSearch.nextSteps(l.state(), ValueData.RULES)) {
                oneStep |= CountdownSearch.isSolved(s.left(), target, ValueData.RULES);
            }
            Judgement expected = !reachable ? Judgement.IMPOSSIBLE
                    : oneStep ? Judgement.SURE : Judgement.LIKELY;
            assertEquals(expected, l.label(), l.toString());
            assertNotEquals(24, l.target(), "24 is held out");
            assertTrue(l.state().size() >= 2, "one-number states are checked, never judged");
        }
    }

    @Test
    void fourEqualPartsSoSizeIsNoShortcut() {
        Map<String, Integer> parts = new HashMap<>();
        for (ValueData.Labelled l : STATES) {
            parts.merge((l.state().size() <= 2 ? "two " : "more ") + l.label(), 1,
                    Integer::sum);
        }
        assertEquals(Map.of("two SURE", 100, "two IMPOSSIBLE", 100, "more LIKELY", 100,
                "more IMPOSSIBLE", 100), parts);
        assertEquals(STATES, ValueData.states(Split.TRAIN, 400, 42), "deterministic");
        assertEquals(401, ValueData.states(Split.TRAIN, 401, 42).size());
    }

    @Test
    void theShippedTokenizerEncodesQuestionAndAnswerExactly() {
        Tokenizer tok = Tokenizer.load(projectRoot().resolve("data/tokenizer/tokenizer.json"));
        ChatTemplate chat = new ChatTemplate(tok);
        for (ValueData.Labelled l : STATES.subList(0, 40)) {
            String q = l.example().prompt();
            assertEquals(q, tok.decode(tok.encode(q)));
            Conversation c = ValueData.conversations(chat, List.of(l)).get(0);
            assertTrue(!c.thinking() && c.length() < StageRun.ROW_LENGTH);
            StringBuilder trained = new StringBuilder();
            for (int t = 0; t < c.length(); t++) {
                if (c.lossMask()[t]) {
                    trained.append(tok.decode(new int[] {c.ids()[t]}));
                }
            }
            assertEquals(l.label().word() + "<|im_end|>", trained.toString());
            // what the judge is asked at search time is exactly the training prompt
            int[] prompt = JudgeValuer.prompt(chat, l.state(), l.target());
            assertArrayEquals(prompt, java.util.Arrays.copyOf(c.ids(), prompt.length));
        }
    }

    @Test
    void theValueStageContinuesFromACheckpointAndSavesTot() throws Exception {
        Path tok = dir.resolve("tokenizer").resolve("tokenizer.json");
        Files.createDirectories(tok.getParent());
        Tokenizer.train(CourseTokenizer.corpus(Corpus.examples(StageRun.trainingTasks(), 30, 0)),
                new BpeConfig(300, 2)).save(tok);
        StageOptions o = StageOptions.defaults(dir).withPreset("nano")
                .withExamplesPerTask(40);
        StageRun.run(Stage.PRETRAIN, o.withSteps(1), null);
        Path from = dir.resolve("checkpoints").resolve("pretrain");
        StageRun.Result r = StageRun.run(Stage.VALUE, o.withSteps(2).withFrom(from), null);
        assertEquals(dir.resolve("checkpoints").resolve("tot"), r.checkpoint());
        assertEquals(2, r.lastStep());
        String state = Files.readString(r.checkpoint().resolve(StageRun.STATE_FILE));
        assertTrue(state.contains("\"stage\":\"value\"") && state.contains(from.toString()),
                state);
        assertTrue(Checkpoint.load(r.checkpoint()).tokenizer() != null);
        // a third judge (thinking off), a third propose one line, a third are full traces
        Tokenizer t = Tokenizer.load(tok);
        SftBatches data = (SftBatches) StageRun.valueData(Stage.VALUE, o, t);
        long judging = data.conversations().stream().filter(c -> !c.thinking()).count();
        long traces = data.conversations().stream().filter(c -> c.thinking()
                && java.util.Arrays.stream(c.ids()).anyMatch(id ->
                        id == dev.tinyreason.tokenizer.SpecialTokens.END_THINK)).count();
        assertEquals(40, judging);
        assertEquals(40, traces);
        assertEquals(120, data.conversations().size());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> StageRun.run(Stage.VALUE,
                        o.withSteps(1).withFrom(dir.resolve("nothing")), null));
        assertTrue(e.getMessage().contains("name a checkpoint folder with --from"),
                e.getMessage());
    }

    @Test
    void proposalsAreGoodStepsTrainedAloneAfterTheProposersPrompt() {
        Tokenizer tok = Tokenizer.load(projectRoot().resolve("data/tokenizer/tokenizer.json"));
        ChatTemplate chat = new ChatTemplate(tok);
        List<ProposeData.Proposal> ps = ProposeData.examples(Split.TRAIN, 60, 7);
        int[] depths = new int[5];
        for (ProposeData.Proposal p : ps) {
            Rational target = Rational.of(p.puzzle().target());
            List<Rational> state = p.puzzle().state();
            for (Step s : p.path()) {
                assertTrue(CountdownSearch.isValid(s, state, ValueData.RULES), s.toString());
                state = s.left();
                assertTrue(CountdownSearch.canReach(state, target, ValueData.RULES));
            }
            assertTrue(CountdownSearch.isValid(p.next(), state, ValueData.RULES));
            assertTrue(CountdownSearch.canReach(p.next().left(), target, ValueData.RULES),
                    "the trained step keeps the target reachable: " + p);
            depths[p.path().size()]++;

            Conversation c = ProposeData.conversation(chat, tok, p);
            int[] prompt = dev.tinyreason.infer.tree.ModelProposer.prompt(chat, tok,
                    p.problem(), p.path());
            assertArrayEquals(prompt, java.util.Arrays.copyOf(c.ids(), prompt.length));
            StringBuilder trained = new StringBuilder();
            for (int t = 0; t < c.length(); t++) {
                assertEquals(t >= prompt.length, c.lossMask()[t]);
                if (c.lossMask()[t]) {
                    trained.append(tok.decode(new int[] {c.ids()[t]}));
                }
            }
            assertEquals(p.next() + "\n", trained.toString());
        }
        assertTrue(depths[0] > 0 && depths[1] > 0 && depths[2] > 0, "paths of every depth");
    }

    @Test
    void fromIsOnlyForStagesThatStartFromACheckpoint() throws Exception {
        CliRun.Result c = StageRunTest.runCapturing(new String[] {"pretrain", "--from", "x"});
        assertEquals(2, c.code());
        assertTrue(c.err().contains("--from names the checkpoint an SFT stage starts from"),
                c.err());
    }

    private static Path projectRoot() {
        return dev.tinyreason.viz.Notebook.home();  // the library's own search
    }
}
