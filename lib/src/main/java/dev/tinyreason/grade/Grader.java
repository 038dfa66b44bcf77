package dev.tinyreason.grade;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs an exercise's JUnit 5 tests against a learner's implementation and reports, per test,
 * pass or fail with a one-line hint.
 *
 * <pre>{@code
 * int argmax(float[] logits) { ... }               // the learner's cell
 * Grader.check(Exercise.ARGMAX, x -> argmax(x));  // the next cell: a ✓/✗ table and a score
 * }</pre>
 *
 * <p>Each test runs in its own thread under a time limit ({@link #TIME_LIMIT}), so an infinite
 * loop or a thrown exception in a learner's code fails that test and never hangs the kernel.
 * When the environment variable {@value #LOG_ENV} names a file, every report is also appended
 * to it as one JSON line: that is how {@code ./tinyreason grade} collects scores.
 */
public final class Grader {

    /** Time limit of one exercise test, in JUnit's duration syntax. */
    public static final String TIME_LIMIT = "3 s";

    /** Environment variable naming the JSON-lines file that reports are appended to. */
    public static final String LOG_ENV = "TINYREASON_GRADE_LOG";

    private Grader() {}

    /** Grades {@code implementation}; appends to the grade log when {@value #LOG_ENV} is set. */
    public static <T> GradeReport check(Exercise<T> exercise, T implementation) {
        Objects.requireNonNull(exercise, "exercise");
        if (implementation == null) {
            throw new IllegalArgumentException("Grader.check(" + exercise + ", null): pass your "
                    + "implementation, e.g. Grader.check(" + exercise + ", x -> myMethod(x)).");
        }
        GradeReport report = run(exercise, implementation);
        String log = System.getenv(LOG_ENV);
        if (log != null && !log.isBlank()) {
            appendLine(Path.of(log), report.toJson());
        }
        return report;
    }

    /** Grades without touching the grade log (the library's own tests use this). */
    static <T> GradeReport run(Exercise<T> exercise, T implementation) {
        String key = Submission.register(implementation);
        Collector collector = new Collector(exercise.tests());
        try {
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(exercise.tests()))
                    .configurationParameter(Submission.KEY, key)
                    .configurationParameter("junit.jupiter.execution.timeout.default", TIME_LIMIT)
                    .configurationParameter("junit.jupiter.execution.timeout.mode", "enabled")
                    .configurationParameter(
                            "junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
                    .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                    .build();
            Launcher launcher = LauncherFactory.create();
            launcher.execute(request, collector);
        } finally {
            Submission.release(key);
            stopRunaways(exercise.tests());
        }
        return new GradeReport(exercise.name(), exercise.notebook(), collector.results());
    }

    /**
     * A learner's infinite loop ignores the interrupt JUnit sends at the time limit and would
     * spin on a core for the rest of the session. Thread.stop is deprecated for good reasons
     * (it can leave shared state broken), but these threads run only the learner's own code.
     */
    @SuppressWarnings({"deprecation", "removal"})
    private static void stopRunaways(Class<?> tests) {
        for (Thread t : runaways(tests)) {
            try {
                t.stop();
            } catch (UnsupportedOperationException newerJdk) {
                t.interrupt();
            }
        }
    }

    /** Threads still inside a test method of {@code tests} although the run is over. */
    static List<Thread> runaways(Class<?> tests) {
        List<Thread> found = new ArrayList<>();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread != Thread.currentThread() && thread.isAlive()
                    && java.util.Arrays.stream(stack)
                            .anyMatch(f -> f.getClassName().equals(tests.getName()))) {
                found.add(thread);
            }
        });
        return found;
    }

    private static void appendLine(Path file, String line) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("Could not append the grade to " + file + " ("
                    + e.getMessage() + "). Check that " + LOG_ENV + " names a writable file.", e);
        }
    }

    /** Records one {@link GradeReport.Result} per finished test, in execution order. */
    private static final class Collector implements TestExecutionListener {
        private final Class<?> tests;
        private final List<GradeReport.Result> results = Collections.synchronizedList(new ArrayList<>());

        Collector(Class<?> tests) {
            this.tests = tests;
        }

        List<GradeReport.Result> results() {
            return List.copyOf(results);
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (id.isTest()) {
                results.add(new GradeReport.Result(id.getDisplayName(), false,
                        "skipped: " + reason, hint(id)));
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (id.isTest()) {
                boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
                String message = passed ? "" : result.getThrowable().map(Grader::describe)
                        .orElse(result.getStatus().toString());
                results.add(new GradeReport.Result(name(id), passed, message, passed ? "" : hint(id)));
            } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL
                    && id.getSource().isPresent() && results.isEmpty()) {
                // A class-level failure (e.g. the submission could not be resolved).
                results.add(new GradeReport.Result(id.getDisplayName(), false,
                        result.getThrowable().map(Grader::describe).orElse("failed"), ""));
            }
        }

        private String name(TestIdentifier id) {
            return methodSource(id).map(MethodSource::getMethodName).orElse(id.getDisplayName());
        }

        private String hint(TestIdentifier id) {
            return methodSource(id).flatMap(this::method)
                    .map(m -> m.getAnnotation(Hint.class)).map(Hint::value).orElse("");
        }

        private Optional<Method> method(MethodSource source) {
            for (Method m : tests.getDeclaredMethods()) {
                if (m.getName().equals(source.getMethodName())) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }

        private static Optional<MethodSource> methodSource(TestIdentifier id) {
            return id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast);
        }
    }

    /** One line that says what went wrong, whether an assertion or the learner's own exception. */
    static String describe(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage().strip();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        if (t instanceof AssertionError) {
            return message.isEmpty() ? "assertion failed" : message;
        }
        String type = t.getClass().getSimpleName();
        return message.isEmpty() ? "threw " + type : "threw " + type + ": " + message;
    }
}
