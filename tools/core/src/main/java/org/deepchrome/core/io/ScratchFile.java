package org.deepchrome.core.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * New empty files with unique names, created only if absent (O_EXCL) as
 * {@link Files#createTempFile} creates them, but named from the clock, the process id and a
 * counter rather than from {@code SecureRandom}: seeding that costs every tool ~35 ms of
 * start-up (docs/benchmarks.md), and the names only need to differ, not to be unguessable,
 * since an existing file (another process's, a symbolic link) is never opened.
 */
final class ScratchFile {
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final int ATTEMPTS = 1000;

    private ScratchFile() {
    }

    /** Creates {@code dir/prefix<digits>suffix}; the digits are new in each call. */
    static Path create(Path dir, String prefix, String suffix) throws IOException {
        String pid = Long.toString(ProcessHandle.current().pid());
        for (int attempt = 0; ; attempt++) {
            String digits = Long.toUnsignedString(System.nanoTime()) + pid + COUNTER.incrementAndGet();
            try {
                return Files.createFile(dir.resolve(prefix + digits + suffix));
            } catch (FileAlreadyExistsException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
