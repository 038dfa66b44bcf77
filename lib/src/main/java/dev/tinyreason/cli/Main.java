package dev.tinyreason.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Java side of {@code ./tinyreason}: the launcher script handles set-up (virtualenv, build,
 * kernel) and hands the Java commands to this class.
 *
 * <p>Each command is a {@link Command}: one line in {@link #COMMANDS}, its own class.
 */
public final class Main {

    /** A sub-command: takes its arguments, returns the process exit code. */
    @FunctionalInterface
    public interface Command {
        int run(String[] args) throws Exception;
    }

    private record Entry(String summary, Command command) {}

    private static final Map<String, Entry> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("doctor", new Entry("check Java, DJL natives, charts and tables", Doctor::run));
        COMMANDS.put("exercises", new Entry("list the graded exercises as JSON lines", ExerciseList::run));
        COMMANDS.put("data", new Entry("write data/<task>/*.jsonl and data/README.md", Data::run));
        COMMANDS.put("train", new Entry(
                "train a model: train pretrain|sft-nothink|sft-think|value|dpo|grpo|trm [--minutes M] ...", Main::train));
        COMMANDS.put("eval", new Entry("held-out accuracy of a checkpoint as JSON", Eval::run));
        COMMANDS.put("average", new Entry("average two checkpoints' weights (WiSE-FT)", Average::run));
        COMMANDS.put("eval-trm", new Entry("score a TRM checkpoint on Sudoku as JSON", EvalTrm::run));
        COMMANDS.put("export", new Entry(
                "write a checkpoint for llama.cpp: export gguf --checkpoint DIR [--type f32|f16|q8_0] --out FILE", Export::run));
        COMMANDS.put("bench", new Entry("benchmarks as JSON lines: [--quick] | tokenizer", Bench::run));
    }

    private Main() {}

    private static int train(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("trm")) {
            return TrainTrm.run(Arrays.copyOfRange(args, 1, args.length));
        }
        if (args.length > 0 && args[0].equals("dpo")) {
            return TrainDpo.run(Arrays.copyOfRange(args, 1, args.length));
        }
        if (args.length > 0 && args[0].equals("grpo")) {
            return TrainGrpo.run(Arrays.copyOfRange(args, 1, args.length));
        }
        return Train.run(args);
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    /**
     * Runs one command; returns its exit code. A mistake the user can fix (a bad flag, a missing
     * or broken file) ends as one {@code error: ...} line on stderr and exit code 2, never a
     * stack trace; only the library's own bugs keep theirs.
     */
    public static int run(String[] args) throws Exception {
        if (args.length == 0 || !COMMANDS.containsKey(args[0])) {
            if (args.length > 0) {
                System.err.println("error: unknown command '" + args[0] + "'. Commands:");
            } else {
                System.err.println("Commands:");
            }
            COMMANDS.forEach((name, e) -> System.err.printf("  %-10s %s%n", name, e.summary()));
            return 2;
        }
        try {
            return COMMANDS.get(args[0]).command().run(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException | IllegalStateException | java.io.IOException
                | java.io.UncheckedIOException e) {
            System.err.println("error: " + oneLine(e));
            return 2;
        }
    }

    /** The message of {@code e} (or of the I/O error inside it) on one line. */
    static String oneLine(Throwable e) {
        Throwable t = e instanceof java.io.UncheckedIOException && e.getCause() != null
                ? e.getCause() : e;
        String message = t.getMessage() == null ? "" : t.getMessage().strip();
        String text;
        if (t instanceof java.nio.file.NoSuchFileException) {
            text = "there is no file " + message + ". Check the path.";
        } else if (t instanceof java.nio.file.AccessDeniedException) {
            text = "cannot read or write " + message + ": permission denied.";
        } else if (t instanceof NumberFormatException) {
            text = "expected a number: " + message + ".";
        } else if (t instanceof java.io.IOException) {
            text = (message.isEmpty() ? t.getClass().getSimpleName() : message)
                    + " (an I/O error; check the file and the disk).";
        } else {
            text = message.isEmpty() ? t.getClass().getSimpleName() : message;
        }
        return text.replaceAll("\\s*\\R\\s*", " ");
    }
}
