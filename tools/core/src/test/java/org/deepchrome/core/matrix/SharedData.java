package org.deepchrome.core.matrix;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared/data next to the checkout (the real data tests read), or null. */
final class SharedData {
    static Path dir() {
        Path root = Path.of(System.getProperty("deepchrome.root", "."));
        Path data = root.resolve("../shared/data").normalize();
        return Files.isDirectory(data) ? data : null;
    }
}
