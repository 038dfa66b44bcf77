package dev.tinyreason.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs a command-line entry point in-process and captures its exit code, stdout and stderr. */
public final class CliRun {

    /** What a command did. */
    public record Result(int code, String out, String err) {}

    /** A call such as {@code () -> Eval.run(args)}. */
    @FunctionalInterface
    public interface Command {
        int run() throws Exception;
    }

    private CliRun() {}

    public static Result capture(Command c) throws Exception {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = c.run();
            return new Result(code, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
