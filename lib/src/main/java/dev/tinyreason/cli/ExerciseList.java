package dev.tinyreason.cli;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.tinyreason.grade.Exercise;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/**
 * {@code exercises}: one JSON line per exercise ({@code exercise}, {@code notebook},
 * {@code tests}). {@code ./tinyreason grade} reads it to give 0 to exercises a crashed notebook
 * never reached.
 */
@Command(name = "exercises", description = "List the graded exercises as JSON lines.")
final class ExerciseList implements Callable<Integer> {

    @Override
    public Integer call() {
        Gson gson = new Gson();
        for (Exercise<?> e : Exercise.all()) {
            JsonObject o = new JsonObject();
            o.addProperty("exercise", e.name());
            o.addProperty("notebook", e.notebook());
            o.addProperty("tests", testCount(e.tests()));
            System.out.println(gson.toJson(o));
        }
        return 0;
    }

    static long testCount(Class<?> tests) {
        return Arrays.stream(tests.getDeclaredMethods())
                .filter((Method m) -> m.isAnnotationPresent(Test.class)).count();
    }
}
