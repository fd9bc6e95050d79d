package org.deepchrome.core.io;

import org.deepchrome.core.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where outputs go. The checks run before any long work, so that a wrong path fails in a
 * second rather than after an hour of training, and create nothing, so that a run refused
 * later leaves nothing behind. Missing parent directories are created only when a file is
 * actually written ({@link AtomicFile#create} calls {@link #createParentDirectories}).
 */
public final class OutputTarget {
    private OutputTarget() {
    }

    /** A file will be written at {@code target}: its directory exists or can be created, and takes new files. */
    public static void requireWritableFile(Path target) {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new BadInputException(target + ": cannot write: it is a directory");
        }
        requireCreatableDirectory(target, absolute.getParent());
    }

    /** Files will be written into {@code dir}: it is a directory or can be created, and takes new files. */
    public static void requireWritableDirectory(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": cannot write: it exists and is not a directory");
        }
        requireCreatableDirectory(dir, dir.toAbsolutePath());
    }

    /** Creates the missing directories above {@code target}. */
    public static void createParentDirectories(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        if (Files.isDirectory(dir)) {
            return;
        }
        requireCreatableDirectory(target, dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadInputException(target + ": cannot write: cannot create directory " + dir);
        }
    }

    /**
     * The nearest existing directory at or above {@code dir} takes a new file (probed with a
     * temporary file: permission bits do not tell, e.g. for root or read-only mounts).
     */
    private static void requireCreatableDirectory(Path shown, Path dir) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new BadInputException(shown + ": cannot write: " + existing + " is not a directory");
        }
        try {
            Files.delete(Files.createTempFile(existing, ".deepchrome-probe.", ".tmp"));
        } catch (IOException e) {
            throw new BadInputException(shown + ": cannot write: directory " + existing + " is not writable");
        }
        removeStaleProbes(existing);
    }

    /**
     * A probe lives for microseconds; one older than a second was left by a run killed between
     * creating and deleting it (SIGKILL), and goes now.
     */
    private static void removeStaleProbes(Path dir) {
        long cutoff = System.currentTimeMillis() - 1000;
        try (java.nio.file.DirectoryStream<Path> probes = Files.newDirectoryStream(dir, ".deepchrome-probe.*.tmp")) {
            for (Path probe : probes) {
                if (Files.getLastModifiedTime(probe).toMillis() < cutoff) {
                    Files.deleteIfExists(probe);
                }
            }
        } catch (IOException ignored) {
            // best effort: a leftover probe harms nothing but tidiness
        }
    }
}
