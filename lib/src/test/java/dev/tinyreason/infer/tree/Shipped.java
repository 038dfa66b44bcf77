package dev.tinyreason.infer.tree;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's shipped files, found from the test's working folder. */
final class Shipped {

    private Shipped() {}

    /** The folder with {@code ./tinyreason} and {@code lib/}. */
    static Path root() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("tinyreason")) && Files.isDirectory(d.resolve("lib"))) {
                return d;
            }
        }
        throw new IllegalStateException("cannot find the project folder (with ./tinyreason) from "
                + Path.of("").toAbsolutePath());
    }

    /** {@code data/checkpoints/<name>}. */
    static Path checkpoint(String name) {
        return root().resolve("data").resolve("checkpoints").resolve(name);
    }
}
