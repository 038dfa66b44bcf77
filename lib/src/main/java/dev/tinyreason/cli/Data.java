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
import java.util.function.IntUnaryOperator;

/**
 * {@code ./tinyreason data}: writes {@code data/<task>/{train,val,test}.jsonl} for every task,
 * then the data card {@code data/README.md}, whose counts are read back from the files written.
 * Deterministic: two runs give byte-identical files, and validation and test sets do not depend
 * on {@code --train-size}, so a larger training set can be regenerated anywhere without touching
 * the shared scoreboard.
 */
public final class Data {

    /** Training examples per task, spread evenly over its difficulty levels. */
    public static final int TRAIN_SIZE = 4000;
    /** Validation examples per difficulty level. */
    public static final int VAL_PER_LEVEL = 100;
    /** Test examples per difficulty level. */
    public static final int TEST_PER_LEVEL = 200;

    private static final String USAGE = """
            Usage: ./tinyreason data [options]
              --out DIR          where to write <task>/{train,val,test}.jsonl and README.md (default data)
              --train-size N     training examples per task, spread over its levels (default %d)
              --val-size N       validation examples per difficulty level (default %d)
              --test-size N      test examples per difficulty level (default %d)
              --tasks A,B        only these tasks (default all: %s)
            """.formatted(TRAIN_SIZE, VAL_PER_LEVEL, TEST_PER_LEVEL, String.join(",", Tasks.names()));

    private Data() {}

    public static int run(String[] args) throws Exception {
        Path out = defaultOut();
        int trainSize = TRAIN_SIZE;
        int valSize = VAL_PER_LEVEL;
        int testSize = TEST_PER_LEVEL;
        List<Task> tasks = Tasks.all();
        try {
            for (int i = 0; i < args.length; i++) {
                String opt = args[i];
                if (opt.equals("-h") || opt.equals("--help")) {
                    System.out.print(USAGE);
                    return 0;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("Option " + opt + " needs a value.");
                }
                String value = args[++i];
                switch (opt) {
                    case "--out" -> out = Path.of(value);
                    case "--train-size" -> trainSize = count(opt, value);
                    case "--val-size" -> valSize = count(opt, value);
                    case "--test-size" -> testSize = count(opt, value);
                    case "--tasks" -> tasks = tasks(value);
                    default -> throw new IllegalArgumentException("Unknown option '" + opt + "'.");
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        }

        for (Task task : tasks) {
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

    /** {@code data/} under the project folder when started by {@code ./tinyreason}, else under the working folder. */
    private static Path defaultOut() {
        String home = System.getProperty("tinyreason.home");
        return home == null || home.isBlank() ? Path.of("data") : Path.of(home, "data");
    }

    private static int count(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("Option " + option + " needs a whole number >= 0, got '" + value + "'.");
    }

    private static List<Task> tasks(String list) {
        List<Task> out = new ArrayList<>();
        for (String name : list.split(",")) {
            out.add(Tasks.named(name.strip()));
        }
        return out;
    }
}
