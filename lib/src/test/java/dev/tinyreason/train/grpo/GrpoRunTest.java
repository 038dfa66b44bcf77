package dev.tinyreason.train.grpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.ModelConfig;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.Split;
import dev.tinyreason.tasks.Task;
import dev.tinyreason.tasks.Tasks;
import dev.tinyreason.tokenizer.BpeConfig;
import dev.tinyreason.tokenizer.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that selects its checkpoint on validation: the start counts, every eval is logged. */
class GrpoRunTest {

    @TempDir
    Path dir;

    @Test
    void aRunThatNeverBeatsItsStartKeepsTheStartAndLogsEveryEval() throws Exception {
        Task arith = Tasks.named("arith");
        StringBuilder corpus = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            Example e = arith.example(i);
            corpus.append(e.prompt()).append(e.thinkingCompletion()).append('\n');
        }
        Tokenizer tok = Tokenizer.train(corpus.toString(), new BpeConfig(300, 2));
        List<Example> val = List.of(arith.example(Split.VAL, 3, 0), arith.example(Split.VAL, 4, 0));
        List<String> lines = new ArrayList<>();
        Path out = dir.resolve("grpo");
        try (LlamaModel model = LlamaModel.init(ModelConfig.nano().withVocabSize(tok.vocabSize())
                        .withNumLayers(1), 7);
                GrpoTrainer trainer = new GrpoTrainer(model, tok, arith::example, arith::reward,
                        GrpoTrainer.Config.dapo(2).withShape(4, 2, 8))) {
            GrpoRun.Result r = GrpoRun.run(trainer, model, tok, arith, val, 1, 5, out,
                    lines::add);
            assertEquals(2, r.steps());
            assertEquals(2, r.valProblems());
            // a random model solves neither problem, so nothing beats the start
            assertEquals(0, r.bestStep());
            assertEquals(r.startAccuracy(), r.bestAccuracy());
            assertEquals(3, trainer.log().series("eval/accuracy").length);
            assertTrue(r.problemsDrawn() >= 4, "drawn " + r.problemsDrawn());
        }
        assertTrue(Files.exists(out.resolve("model.safetensors")));
        assertTrue(Files.readString(out.resolve("training_log.csv")).contains("eval/accuracy"));
        assertEquals(3, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("2 val problems, accuracy at start 0.000"), lines.get(0));
        assertTrue(lines.get(2).contains("val acc 0.000") && lines.get(2).startsWith("step 2"),
                lines.get(2));
    }

    @Test
    void noValidationProblemsIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> GrpoRun.run(null, null, null,
                Tasks.named("arith"), List.of(), 1, 1, dir, s -> { }));
        assertTrue(e.getMessage().contains("validation problems"), e.getMessage());
    }
}
