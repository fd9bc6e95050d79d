package org.deepchrome.core.io;

import org.deepchrome.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputTargetTest {
    @TempDir
    Path dir;

    @Test
    void fileTargetGetsItsParentsAndNoLeftover() throws IOException {
        Path target = dir.resolve("a/b/out.tsv");
        OutputTarget.requireWritableFile(target);
        assertTrue(Files.isDirectory(dir.resolve("a/b")));
        try (Stream<Path> left = Files.list(dir.resolve("a/b"))) {
            assertEquals(List.of(), left.toList(), "the probe is removed");
        }
    }

    @Test
    void directoryTargetIsCreatedAndLeftEmpty() throws IOException {
        Path out = dir.resolve("figures");
        OutputTarget.requireWritableDirectory(out);
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void refusals() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        BadInputException below = assertThrows(BadInputException.class,
                () -> OutputTarget.requireWritableFile(file.resolve("out.tsv")));
        assertEquals(file.resolve("out.tsv") + ": cannot write: cannot create directory " + file
                + " (a file has that name)", below.getMessage());
        BadInputException isDir = assertThrows(BadInputException.class, () -> OutputTarget.requireWritableFile(dir));
        assertEquals(dir + ": cannot write: it is a directory", isDir.getMessage());
        // Permission bits do not stop root; /proc/sys refuses new files to everyone.
        BadInputException unwritable = assertThrows(BadInputException.class,
                () -> OutputTarget.requireWritableDirectory(Path.of("/proc/sys")));
        assertTrue(unwritable.getMessage().contains("/proc/sys is not writable"), unwritable.getMessage());
    }
}
