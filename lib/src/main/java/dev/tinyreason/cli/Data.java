package dev.tinyreason.cli;

import dev.tinyreason.tasks.DataCard;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.Split;
import dev.tinyreason.tasks.Task;
import dev.tinyreason.tasks.TaskData;
import dev.tinyreason.tasks.Tasks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntUnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./tinyreason data}: writes {@code data/<task>/{train,val,test}.jsonl} for every task,
 * then the data card {@code data/README.md}, whose counts are read back from the files written.
 * Deterministic: two runs give byte-identical files, and validation and test sets do not depend
 * on {@code --train-size}, so a larger training set can be regenerated anywhere without touching
 * the shared scoreboard.
 */
@Command(name = "data", description = "Write data/<task>/*.jsonl and data/README.md.")
public final class Data implements Callable<Integer> {

    /** Training examples per task, spread evenly over its difficulty levels. */
    public static final int TRAIN_SIZE = 4000;
    /** Validation examples per difficulty level. */
    public static final int VAL_PER_LEVEL = 100;
    /** Test examples per difficulty level. */
    public static final int TEST_PER_LEVEL = 200;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write "
            + "<task>/{train,val,test}.jsonl and README.md (default data).")
    Path out = Cli.dataDir();

    @Option(names = "--train-size", paramLabel = "N", converter = Cli.NonNegative.class,
            description = "Training examples per task, spread over its levels (default "
                    + "${DEFAULT-VALUE}).")
    int trainSize = TRAIN_SIZE;

    @Option(names = "--val-size", paramLabel = "N", converter = Cli.NonNegative.class,
            description = "Validation examples per difficulty level (default ${DEFAULT-VALUE}).")
    int valSize = VAL_PER_LEVEL;

    @Option(names = "--test-size", paramLabel = "N", converter = Cli.NonNegative.class,
            description = "Test examples per difficulty level (default ${DEFAULT-VALUE}).")
    int testSize = TEST_PER_LEVEL;

    private List<Task> tasks;  // null: all

    /** {@code ./tinyreason data ARGS}. */
    public static int run(String[] args) {
        return Main.run(List.of("data"), args);
    }

    @Option(names = "--tasks", paramLabel = "A,B", description = "Only these tasks (default "
            + "all).")
    void tasks(String list) {
        tasks = new ArrayList<>();
        for (String name : list.split(",")) {
            tasks.add(Tasks.named(name.strip()));
        }
    }

    @Override
    public Integer call() throws Exception {
        for (Task task : tasks != null ? tasks : Tasks.all()) {
            for (Split split : task.splits()) {
                int perLevel = split == Split.VAL ? valSize : testSize;
                List<Example> examples = split == Split.TRAIN
                        ? TaskData.generate(task, split, spread(task, trainSize))
                        : TaskData.generate(task, split, d -> perLevel);
                Path file = out.resolve(task.name()).resolve(split.fileStem() + ".jsonl");
                TaskData.write(file, examples);
                System.out.printf("%-10s %-5s %6d examples  %9d bytes  %s%n", task.name(), split.fileStem(),
                        examples.size(), Files.size(file), file);
            }
        }
        Path card = out.resolve("README.md");
        Files.writeString(card, DataCard.render(out), StandardCharsets.UTF_8);
        System.out.println("data card  " + card);
        return 0;
    }

    /** {@code total} spread over the levels: the first {@code total % levels} levels get one more. */
    static IntUnaryOperator spread(Task task, int total) {
        int levels = task.maxDifficulty() - task.minDifficulty() + 1;
        return d -> total / levels + (d - task.minDifficulty() < total % levels ? 1 : 0);
    }
}
