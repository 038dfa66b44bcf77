/**
 * The Java commands behind {@code ./tinyreason}: {@link dev.tinyreason.cli.Main} lists them
 * (doctor, exercises, data, train, eval, average, eval-trm, export, bench). A command declares
 * its flags as picocli {@code @Option}s and calls the library; {@link dev.tinyreason.cli.Cli}
 * holds the rules they share: a mistake ends as one {@code error: ...} line and exit code 2.
 */
package dev.tinyreason.cli;
