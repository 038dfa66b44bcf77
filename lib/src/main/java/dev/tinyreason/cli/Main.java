package dev.tinyreason.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The Java side of {@code ./tinyreason}: the launcher script handles set-up (virtualenv, build,
 * kernel) and hands the Java commands to this class.
 *
 * <p>Each command is its own class whose {@code @Option} fields and setters declare its flags
 * (picocli reads them); {@link #commandLine} lists the commands, {@link Cli} holds the rules
 * they share, such as how a mistake reads.
 */
@Command(name = "./tinyreason", synopsisSubcommandLabel = "COMMAND",
        description = "The Java commands of the course; each one's --help lists its options.",
        commandListHeading = "Commands:%n")
public final class Main implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT,
            description = "Print this command's usage and exit.")
    boolean help;

    /** The commands, in the order {@code --help} lists them. */
    static CommandLine commandLine() {
        CommandLine main = new CommandLine(new Main());
        main.addSubcommand(new Doctor());
        main.addSubcommand(new ExerciseList());
        main.addSubcommand(new Data());
        main.addSubcommand(Train.commandLine());
        main.addSubcommand(new Eval());
        main.addSubcommand(new Average());
        main.addSubcommand(new EvalTrm());
        main.addSubcommand(new Export());
        main.addSubcommand(new Bench());
        return Cli.configure(main);
    }

    @Override
    public Integer call() {
        throw Cli.missingSubcommand(spec);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs one command line, {@code eval --checkpoint DIR ...}; returns its exit code: 0, 2
     * for a mistake the user can fix (one {@code error: ...} line on stderr), else the
     * command's own.
     */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Runs the command at {@code path} ({@code train dpo}) with {@code args}. */
    static int run(List<String> path, String[] args) {
        List<String> all = new ArrayList<>(path);
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }
}
