package org.deepchrome.core.io;

import org.deepchrome.core.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before any long work, that an output can be written afterwards, so that a wrong
 * path fails in a second rather than after an hour of training. Missing parent directories
 * are created (as Nextflow and Galaxy expect of a tool given {@code out/sub/file}).
 */
public final class OutputTarget {
    private OutputTarget() {
    }

    /** A file will be written at {@code target}: creates its directory and probes it with a temporary file. */
    public static void requireWritableFile(Path target) {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new BadInputException(target + ": cannot write: it is a directory");
        }
        createDirectories(target, absolute.getParent());
        try (AtomicFile ignored = AtomicFile.create(target)) {
            // created and, never committed, deleted again
        } catch (IOException e) {
            throw new BadInputException(target + ": cannot write: " + e.getMessage());
        }
    }

    /** Files will be written into {@code dir}: creates it and probes it with a temporary file. */
    public static void requireWritableDirectory(Path dir) {
        createDirectories(dir, dir.toAbsolutePath());
        requireWritableFile(dir.resolve(".deepchrome-write-probe"));
    }

    private static void createDirectories(Path target, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadInputException(target + ": cannot write: cannot create directory " + dir
                    + (e instanceof java.nio.file.FileAlreadyExistsException ? " (a file has that name)" : ""));
        }
    }
}
