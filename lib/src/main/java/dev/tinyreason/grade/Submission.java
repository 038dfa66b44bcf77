package dev.tinyreason.grade;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands the implementation under test to an exercise's test methods.
 *
 * <p>The {@link Grader} registers the implementation under a fresh key and passes the key to the
 * JUnit launcher as a configuration parameter; this resolver looks it up for any test parameter
 * whose type the implementation satisfies. Exercise test classes declare
 * {@code @ExtendWith(Submission.class)}.
 */
public final class Submission implements ParameterResolver {

    static final String KEY = "tinyreason.submission";

    private static final Map<String, Object> OPEN = new ConcurrentHashMap<>();

    static String register(Object implementation) {
        String key = UUID.randomUUID().toString();
        OPEN.put(key, implementation);
        return key;
    }

    static void release(String key) {
        OPEN.remove(key);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return lookup(context).map(impl -> parameter.getParameter().getType().isInstance(impl))
                .orElse(false);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return lookup(context).orElseThrow(() -> new ParameterResolutionException(
                "No submission registered: run exercise tests through Grader.check(...)."));
    }

    private static java.util.Optional<Object> lookup(ExtensionContext context) {
        return context.getConfigurationParameter(KEY).map(OPEN::get);
    }
}
