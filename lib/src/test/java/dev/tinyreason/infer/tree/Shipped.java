package dev.tinyreason.infer.tree;

import java.nio.file.Path;

/** The project's shipped files, found from the test's working folder. */
final class Shipped {

    private Shipped() {}

    /** The folder with {@code ./tinyreason} and {@code lib/}. */
    static Path root() {
        return dev.tinyreason.viz.Notebook.home();  // the library's own search
    }

    /** {@code data/checkpoints/<name>}. */
    static Path checkpoint(String name) {
        return root().resolve("data").resolve("checkpoints").resolve(name);
    }
}
