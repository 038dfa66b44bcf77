package dev.tinyreason.grade;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A one-line nudge shown beside a failed exercise test: what to look at, not the answer.
 *
 * <pre>{@code
 * @Test @Hint("Ties go to the first index: compare with >, not >=.")
 * void tiesPickFirstIndex(Argmax argmax) { ... }
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Hint {
    String value();
}
