package org.deepchrome.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of the project checkout that tests read. A committed fixture (test-data/...) that is
 * missing is a broken checkout: the test fails, it is not skipped. Only data outside the
 * project (../shared/data) may be absent, and tests skip on that with a message of their own.
 */
public final class ProjectFiles {
    private ProjectFiles() {
    }

    /** The project root: the system property deepchrome.root, else two levels above the module. */
    public static Path root() {
        return Path.of(System.getProperty("deepchrome.root", "../..")).toAbsolutePath().normalize();
    }

    /** {@code relative} (a committed file or folder) under the root; fails the test when it is missing. */
    public static Path committed(String relative) {
        Path path = root().resolve(relative);
        if (!Files.exists(path)) {
            throw new AssertionError("committed fixture " + path + " is missing: the checkout is incomplete"
                    + " (test-data/regenerate.sh remakes test-data/)");
        }
        return path;
    }
}
