package org.deepchrome.core.io;

import org.deepchrome.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class AtomicFileTest {
    @TempDir
    Path dir;

    private long filesIn(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }

    @Test
    void targetAppearsOnlyOnCommit() throws IOException {
        Path target = dir.resolve("out.txt");
        try (AtomicFile f = AtomicFile.create(target)) {
            Writer w = f.writer();
            w.write("hello");
            w.flush();
            assertFalse(Files.exists(target));
            f.commit();
        }
        assertEquals("hello", Files.readString(target));
        assertEquals(1, filesIn(dir));
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(target)));
    }

    @Test
    void failureLeavesNothingBehindAndKeepsOldTarget() throws IOException {
        Path target = dir.resolve("out.txt");
        Files.writeString(target, "old");
        assertThrows(IllegalStateException.class, () -> {
            try (AtomicFile f = AtomicFile.create(target)) {
                f.writer().write("half");
                throw new IllegalStateException("failed midway");
            }
        });
        assertEquals("old", Files.readString(target));
        assertEquals(1, filesIn(dir));
    }

    @Test
    void gzipTargetIsCompressed() throws IOException {
        Path target = dir.resolve("out.txt.gz");
        AtomicFile.writeString(target, "abc\n");
        byte[] b = Files.readAllBytes(target);
        assertEquals((byte) 0x1f, b[0]);
        assertEquals((byte) 0x8b, b[1]);
        try (var r = Inputs.openText(target, "test")) {
            assertEquals("abc", r.readLine());
        }
    }

    @Test
    void missingDirectoriesAreCreated() throws IOException {
        Path target = dir.resolve("no/such/dir/out.csv");
        AtomicFile.writeString(target, "abc\n");
        assertEquals("abc\n", Files.readString(target));
    }

    @Test
    void directoryBelowAFileIsBadInput() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        BadInputException e = assertThrows(BadInputException.class, () -> AtomicFile.create(file.resolve("d/out.csv")));
        assertEquals(file.resolve("d/out.csv") + ": cannot write: " + file + " is not a directory", e.getMessage());
    }

    @Test
    void unwritableDirectoryIsBadInput() {
        // Permission bits do not stop root (CI runs as root); /proc refuses new files to everyone.
        BadInputException e = assertThrows(BadInputException.class,
                () -> AtomicFile.create(Path.of("/proc/deepchrome-out.csv")));
        assertEquals("/proc/deepchrome-out.csv: cannot write: directory /proc is not writable", e.getMessage());
    }
}
