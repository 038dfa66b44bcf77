package dev.tinyreason.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes a new user makes, driven through the command line: each must end as one
 * {@code error: ...} line that names the problem (exit code 2), never a Java stack trace.
 */
class BadInputTest {

    @TempDir
    static Path tmp;

    static Path good;
    static Path truncated;
    static Path mismatched;
    static Path foreignTokenizer;
    static Path noConfig;
    static Path empty;
    static Path garbage;
    static Path wrongFields;

    static Path copy(Path from, String name) throws IOException {
        Path to = tmp.resolve(name);
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return to;
    }

    @BeforeAll
    static void files() throws IOException {
        good = dev.tinyreason.viz.Notebook.home().resolve("data/checkpoints/sft-think");
        truncated = copy(good, "truncated");
        byte[] st = Files.readAllBytes(truncated.resolve("model.safetensors"));
        Files.write(truncated.resolve("model.safetensors"), java.util.Arrays.copyOf(st, st.length / 2));
        mismatched = copy(good, "mismatched");
        Path config = mismatched.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"hidden_size\": 256",
                "\"hidden_size\": 128"));
        foreignTokenizer = copy(good, "foreign-tokenizer");
        Files.writeString(foreignTokenizer.resolve("tokenizer.json"),
                "{\"model\": {\"type\": \"WordPiece\", \"vocab\": {\"[UNK]\": 0}}}");
        noConfig = copy(good, "no-config");
        Files.delete(noConfig.resolve("config.json"));
        empty = Files.writeString(tmp.resolve("empty.jsonl"), "");
        garbage = Files.writeString(tmp.resolve("garbage.jsonl"), "this is not json\n");
        wrongFields = Files.writeString(tmp.resolve("wrong-fields.jsonl"), "{\"x\": 1}\n");
    }

    record Case(String what, String... args) {}

    /** {@code eval --checkpoint CHECKPOINT --task arith} followed by {@code rest}. */
    static Case arith(String what, Path checkpoint, String... rest) {
        List<String> args = new ArrayList<>(List.of("eval", "--checkpoint", checkpoint.toString(),
                "--task", "arith"));
        args.addAll(List.of(rest));
        return new Case(what, args.toArray(String[]::new));
    }

    static List<Case> cases() {
        String g = good.toString();
        List<Case> c = new ArrayList<>();
        c.add(new Case("an unknown command", "frobnicate"));
        c.add(new Case("eval without arguments", "eval"));
        c.add(arith("eval: a checkpoint folder that is not there", tmp.resolve("nowhere"),
                "--split", "test", "--method", "cot"));
        c.add(arith("eval: a truncated model.safetensors", truncated, "--split", "test",
                "--method", "cot", "--limit", "1"));
        c.add(arith("eval: config.json disagrees with the weights", mismatched, "--split", "test",
                "--method", "cot", "--limit", "1"));
        c.add(arith("eval: a foreign tokenizer.json", foreignTokenizer, "--split", "test",
                "--method", "cot", "--limit", "1"));
        c.add(arith("eval: a folder without config.json", noConfig, "--split", "test", "--method",
                "cot", "--limit", "1"));
        c.add(new Case("eval: an unknown task", "eval", "--checkpoint", g, "--task", "chess", "--split",
                "test", "--method", "cot"));
        c.add(arith("eval: an unknown method", good, "--split", "test", "--method", "magic"));
        c.add(arith("eval: tellings of a task that cannot be retold", good, "--split", "test",
                "--method", "tellings", "--k", "3", "--limit", "1"));
        c.add(arith("eval: k is not a number", good, "--split", "test", "--method", "sc", "--k",
                "many"));
        c.add(arith("eval: k = 0", good, "--split", "test", "--method", "sc", "--k", "0"));
        c.add(arith("eval: a negative temperature for sampling", good, "--split", "test",
                "--method", "sc", "--temperature", "-1"));
        c.add(arith("eval: a negative limit", good, "--split", "test", "--method", "cot",
                "--limit", "-3"));
        c.add(arith("eval: a level the task does not have", good, "--split", "test", "--method",
                "cot", "--difficulty", "99"));
        c.add(arith("eval: an unknown split", good, "--split", "holdout", "--method", "cot"));
        c.add(arith("eval: an input file that is not there", good, "--input",
                tmp.resolve("missing.jsonl").toString(), "--method", "cot"));
        c.add(arith("eval: an empty input file", good, "--input", empty.toString(), "--method",
                "cot"));
        c.add(arith("eval: an input file that is not JSON lines", good, "--input",
                garbage.toString(), "--method", "cot"));
        c.add(arith("eval: JSON lines without prompt and answer", good, "--input",
                wrongFields.toString(), "--method", "cot"));
        c.add(arith("eval: a flag without its value", good, "--split", "test", "--method"));
        c.add(new Case("eval: an unknown flag", "eval", "--checkpoint", g, "--colour", "blue"));
        c.add(new Case("train without a stage", "train"));
        c.add(new Case("train: an unknown stage", "train", "sft-maybe"));
        c.add(new Case("train: minutes are not a number", "train", "sft-think", "--minutes", "abc"));
        c.add(new Case("train: too many minutes", "train", "sft-think", "--minutes", "999"));
        c.add(new Case("train: zero steps", "train", "sft-think", "--steps", "0"));
        c.add(new Case("train: an unknown preset", "train", "pretrain", "--preset", "huge"));
        c.add(new Case("train: an unknown loss", "train", "sft-think", "--loss", "mse"));
        c.add(new Case("train: an unknown precision", "train", "sft-think", "--precision", "fp8"));
        c.add(new Case("train: pretraining from a checkpoint", "train", "pretrain", "--from", g));
        c.add(new Case("train: a learning rate that is not a number", "train", "sft-think", "--lr", "fast"));
        c.add(new Case("train: a learning rate above 1", "train", "sft-think", "--lr", "3"));
        c.add(new Case("train: an unknown trace mix", "train", "sft-think", "--traces", "some"));
        c.add(new Case("train: a trace share above 1", "train", "sft-think", "--traces", "0.5,2,0"));
        c.add(new Case("train trm: minutes are not a number", "train", "trm", "--minutes", "abc"));
        c.add(new Case("train trm: an unknown flag", "train", "trm", "--epochs", "3"));
        c.add(new Case("train trm: an unknown preset", "train", "trm", "--preset", "sudoku9"));
        c.add(new Case("train dpo: beta is not a number", "train", "dpo", "--beta", "high"));
        c.add(new Case("train dpo: an unknown loss", "train", "dpo", "--loss", "kto"));
        c.add(new Case("train dpo: an unknown pair mix", "train", "dpo", "--pairs", "all"));
        c.add(new Case("train grpo: an unknown flag", "train", "grpo", "--reward", "vibes"));
        c.add(new Case("train grpo: lr is not a number", "train", "grpo", "--lr", "fast"));
        c.add(new Case("average: a checkpoint that is not there", "average", "--from", g, "--to",
                tmp.resolve("nowhere").toString(), "--out", tmp.resolve("avg").toString()));
        c.add(new Case("average: alpha is not a number", "average", "--from", g, "--to", g, "--out",
                tmp.resolve("avg").toString(), "--alpha", "half"));
        c.add(new Case("eval-trm: a checkpoint that is not there", "eval-trm", "--checkpoint",
                tmp.resolve("nowhere").toString()));
        c.add(new Case("data: an unknown task", "data", "--tasks", "chess"));
        c.add(new Case("data: a size that is not a number", "data", "--train-size", "lots"));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> eachMistakeEndsAsOneErrorLine() {
        List<Case> all = cases();
        assertTrue(all.size() >= 30, "at least 30 mistakes are tried");
        return all.stream().map(c -> DynamicTest.dynamicTest(c.what(), () -> {
            CliRun.Result r = CliRun.capture(() -> Main.run(c.args()));
            String err = r.err().strip();
            assertEquals(2, r.code(), c.what() + ": exit code; stderr was:\n" + err);
            assertTrue(err.startsWith("error: "), c.what() + ": the first line names the error:\n" + err);
            assertFalse(err.contains("\tat "), c.what() + ": no stack trace:\n" + err);
            String first = err.lines().findFirst().orElse("");
            assertFalse(first.matches(".*\\b[A-Z]\\w*(Exception|Error)\\b.*"),
                    c.what() + ": the message is in words, not an exception's name:\n" + first);
            assertTrue(first.length() > "error: ".length() + 10, c.what() + ": says what is wrong: " + first);
        }));
    }
}
