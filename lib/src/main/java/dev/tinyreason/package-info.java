/**
 * tinyreason: how tiny models learn to reason, in Java.
 *
 * <p>Packages, in the order a learner meets them: {@code grade} (exercises and the JUnit grader),
 * {@code viz} (charts, tables and live progress in notebooks), {@code cli} (the commands behind
 * {@code ./tinyreason}).
 */
package dev.tinyreason;
