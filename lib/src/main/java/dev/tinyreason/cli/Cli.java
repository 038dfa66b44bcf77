package dev.tinyreason.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The rules every {@code ./tinyreason} command shares. picocli reads the flags that each
 * command declares with {@code @Option}; this class says how a mistake reads.
 *
 * <p>A mistake the user can fix ends as one line {@code error: ...} on stderr and exit code 2,
 * never a stack trace; only the library's own bugs keep theirs. A mistake in the flags (an
 * unknown flag, a missing value, a bad number or choice) is followed by the command's usage; a
 * file the command cannot use (missing, truncated, not JSON) is not. The words come from, in
 * order: the {@link IllegalArgumentException} of a setter or converter that rejected the value
 * (the library's own lookups such as {@code SftLoss.named}, which list the choices); a number
 * converter below ({@code --k needs a whole number ≥ 1, got '0'.}); picocli itself
 * ({@code Unknown option: '--colour'}).
 */
final class Cli {

    private Cli() {}

    /** {@code root} and its sub-commands with the shared rules; call once the tree is built. */
    static CommandLine configure(CommandLine root) {
        root.registerConverter(Integer.class, new Whole());
        root.registerConverter(int.class, new Whole());
        root.registerConverter(Long.class, s -> whole(s, Long.MIN_VALUE));
        root.registerConverter(long.class, s -> whole(s, Long.MIN_VALUE));
        root.registerConverter(Double.class, Cli::number);
        root.registerConverter(double.class, Cli::number);
        return root.setSeparator(" ")  // --k 8, as the usage shows it
                .setOverwrittenOptionsAllowed(true)  // --k 4 --k 8: the last one counts
                .setExpandAtFiles(false)  // an argument "@x" is text, not a file of arguments
                .setParameterExceptionHandler(Cli::reportMistake)
                .setExecutionExceptionHandler(Cli::failure);
    }

    // ---- numbers: the converters name the flag's range --------------------------------------

    /** Any whole number; picocli's own says "is not an int". */
    static final class Whole implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String s) {
            return (int) whole(s, Integer.MIN_VALUE);
        }
    }

    /** A whole number ≥ 1: {@code --k}, {@code --steps}, {@code --limit}, ... */
    static final class Positive implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String s) {
            return (int) whole(s, 1);
        }
    }

    /** A whole number ≥ 0: {@code --seed}, {@code --eval-limit} (0: none), ... */
    static final class NonNegative implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String s) {
            return (int) whole(s, 0);
        }
    }

    /** {@code s} as a whole number ≥ {@code min} that fits an int (a long if min says so). */
    private static long whole(String s, long min) {
        try {
            long n = min == Long.MIN_VALUE ? Long.parseLong(s) : Integer.parseInt(s);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new TypeConversionException("needs a whole number"
                + (min <= Integer.MIN_VALUE ? "" : " ≥ " + min) + ", got '" + s + "'.");
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("needs a number, got '" + s + "'.");
        }
    }

    /** A training time budget in (0, max] minutes (the course's limit per run). */
    static double minutes(String flag, double m, int max) {
        if (!(m > 0 && m <= max)) {
            throw new IllegalArgumentException(flag + " must be in (0, " + max + "], got " + m
                    + ".");
        }
        return m;
    }

    /** The choices {@code values} as a learner reads them: "a, b, c or d". */
    static String choices(Object[] values) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            s.append(i == 0 ? "" : i == values.length - 1 ? " or " : ", ").append(values[i]);
        }
        return s.toString();
    }

    // ---- mistakes and failures ---------------------------------------------------------------

    /** A mistake in the flags that only the whole command line shows (usage follows). */
    static ParameterException mistake(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * {@code dir}, given as {@code flag}, when it is a checkpoint folder (one with
     * {@code config.json}); otherwise a mistake that names the folder and {@code fix}.
     */
    static Path requireCheckpoint(CommandSpec spec, String flag, Path dir, String fix) {
        if (dir == null || !Files.exists(dir.resolve("config.json"))) {
            throw mistake(spec, flag + " " + dir + " is not a checkpoint folder (no config.json). "
                    + "Fix: " + fix);
        }
        return dir;
    }

    /** A parent command run without one of its sub-commands: name them. */
    static ParameterException missingSubcommand(CommandSpec spec) {
        return mistake(spec, "Name a " + noun(spec) + " first: " + String.join(", ",
                spec.subcommands().keySet()) + ".");
    }

    private static int reportMistake(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        System.err.println("error: " + oneLine(message(e)));
        System.err.print(usage(command));
        return 2;
    }

    /** The one line that says what is wrong with the flags. */
    private static String message(ParameterException e) {
        Throwable cause = e.getCause();
        ArgSpec arg = e.getArgSpec();
        if (cause instanceof IllegalArgumentException) {
            return cause.getMessage();
        }
        if (cause instanceof TypeConversionException && arg != null) {
            return (arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel()) + " "
                    + cause.getMessage();
        }
        if (e instanceof UnmatchedArgumentException u && u.isUnknownOption()) {
            List<String> close = u.getSuggestions();  // picocli's guesses at a typo
            return "Unknown option '" + u.getUnmatched().get(0) + "'" + (close.isEmpty() ? "."
                    : "; did you mean " + close.get(0) + "?");
        }
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        if (e instanceof UnmatchedArgumentException u && !spec.subcommands().isEmpty()
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            String noun = noun(spec);
            return "unknown " + noun + " '" + u.getUnmatched().get(0) + "'; the " + noun
                    + "s are " + String.join(", ", spec.subcommands().keySet()) + ".";
        }
        return e.getMessage();
    }

    /** What a parent's sub-commands are: its synopsis label, "STAGE" for train. */
    private static String noun(CommandSpec spec) {
        return spec.usageMessage().synopsisSubcommandLabel().replaceAll("[\\[\\]]", "")
                .toLowerCase(Locale.ROOT);
    }

    /** The synopsis, and a parent's list of sub-commands. */
    static String usage(CommandLine command) {
        CommandLine.Help help = command.getHelp();
        String usage = help.fullSynopsis();
        if (!command.getSubcommands().isEmpty()) {
            usage += help.commandListHeading() + help.commandList();
        }
        return usage + "(" + command.getCommandSpec().qualifiedName() + " --help describes "
                + (command.getSubcommands().isEmpty() ? "each option" : "each one") + ")"
                + System.lineSeparator();
    }

    /**
     * A command that failed on its input: a missing or broken file, a checkpoint that does not
     * match, a line that is not a problem. Anything else is a bug and keeps its stack trace.
     */
    private static int failure(Exception e, CommandLine command, ParseResult parsed)
            throws Exception {
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof IOException || e instanceof UncheckedIOException) {
            System.err.println("error: " + oneLine(e));
            return 2;
        }
        throw e;
    }

    /** The message of {@code e} (or of the I/O error inside it) on one line. */
    static String oneLine(Throwable e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null
                ? e.getCause() : e;
        String message = t.getMessage() == null ? "" : t.getMessage().strip();
        String text;
        if (t instanceof NoSuchFileException) {
            text = "there is no file " + message + ". Check the path.";
        } else if (t instanceof AccessDeniedException) {
            text = "cannot read or write " + message + ": permission denied.";
        } else if (t instanceof NumberFormatException) {
            text = "expected a number: " + message + ".";
        } else if (t instanceof IOException) {
            text = (message.isEmpty() ? t.getClass().getSimpleName() : message)
                    + " (an I/O error; check the file and the disk).";
        } else {
            text = message.isEmpty() ? t.getClass().getSimpleName() : message;
        }
        return oneLine(text);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    // ---- shared places ---------------------------------------------------------------------

    /** The course's data folder: {@code -Dtinyreason.home}/data, else ./data. */
    static Path dataDir() {
        String home = System.getProperty("tinyreason.home");
        return home == null || home.isBlank() ? Path.of("data") : Path.of(home, "data");
    }
}
