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
    /** Name prefix of the write probes; the creating process id follows it. */
    private static final String PROBE_PREFIX = ".deepchrome-probe.";

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
            Files.delete(ScratchFile.create(existing, PROBE_PREFIX + ProcessHandle.current().pid() + ".", ".tmp"));
        } catch (IOException e) {
            throw new BadInputException(shown + ": cannot write: directory " + existing + " is not writable");
        }
        removeStaleProbes(existing);
    }

    /**
     * A probe lives for microseconds; one whose process (named in the probe) no longer runs was
     * left by a run killed between creating and deleting it (SIGKILL), and goes now. A probe of
     * a live process, e.g. a concurrent run writing to the same folder, is left alone.
     */
    private static void removeStaleProbes(Path dir) {
        try (java.nio.file.DirectoryStream<Path> probes = Files.newDirectoryStream(dir, PROBE_PREFIX + "*.tmp")) {
            for (Path probe : probes) {
                if (!writerAlive(probe.getFileName().toString())) {
                    Files.deleteIfExists(probe);
                }
            }
        } catch (IOException ignored) {
            // best effort: a leftover probe harms nothing but tidiness
        }
    }

    /** Whether the process id in {@code .deepchrome-probe.<pid>.<random>.tmp} still runs (true if unreadable). */
    static boolean writerAlive(String probeName) {
        String rest = probeName.substring(PROBE_PREFIX.length());
        int dot = rest.indexOf('.');
        try {
            long pid = Long.parseLong(rest.substring(0, Math.max(dot, 0)));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false; // an older suite's probe (no pid): no run keeps one for long
        }
    }
}
