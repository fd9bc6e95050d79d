package org.deepchrome.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScratchFileTest {
    @TempDir
    Path dir;

    /** Each call makes a new empty file named prefix, digits, suffix (AtomicFile's stale-file clean-up relies on the digits). */
    @Test
    void everyCallCreatesANewEmptyFileWithDigitsBetweenPrefixAndSuffix() throws IOException {
        Set<Path> made = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            Path p = ScratchFile.create(dir, ".m.csv.", ".tmp");
            assertTrue(made.add(p), "made twice: " + p);
            assertEquals(0, Files.size(p));
            String name = p.getFileName().toString();
            assertTrue(name.matches("\\.m\\.csv\\.\\d+\\.tmp"), name);
        }
        try (var listed = Files.list(dir)) {
            assertEquals(500, listed.count());
        }
    }

    /** Two threads at once never get the same file. */
    @Test
    void concurrentCallsGetDistinctFiles() throws Exception {
        Set<Path> made = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Runnable make = () -> {
            for (int i = 0; i < 300; i++) {
                try {
                    made.add(ScratchFile.create(dir, "p.", ".tmp"));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        Thread a = new Thread(make);
        Thread b = new Thread(make);
        a.start();
        b.start();
        a.join();
        b.join();
        assertEquals(600, made.size());
    }
}
