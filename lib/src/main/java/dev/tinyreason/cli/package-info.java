/**
 * The Java commands behind {@code ./tinyreason}: {@link dev.tinyreason.cli.Main} dispatches
 * (data, train, eval, average, eval-trm, bench, doctor, exercises). A command parses its flags
 * and calls the library; a mistake ends as one {@code error: ...} line and exit code 2.
 */
package dev.tinyreason.cli;
