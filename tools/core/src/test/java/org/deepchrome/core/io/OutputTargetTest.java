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

    /** The checks create nothing: a run refused afterwards must leave nothing behind. */
    @Test
    void checksCreateNothing() throws IOException {
        OutputTarget.requireWritableFile(dir.resolve("a/b/out.tsv"));
        OutputTarget.requireWritableFile(dir.resolve("out.tsv"));
        OutputTarget.requireWritableDirectory(dir.resolve("figures"));
        OutputTarget.requireWritableDirectory(dir);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "no directory, no probe left");
        }
    }

    @Test
    void parentsAreCreatedWhenWriting() {
        Path target = dir.resolve("a/b/out.tsv");
        OutputTarget.createParentDirectories(target);
        assertTrue(Files.isDirectory(dir.resolve("a/b")));
    }

    @Test
    void refusals() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        BadInputException below = assertThrows(BadInputException.class,
                () -> OutputTarget.requireWritableFile(file.resolve("out.tsv")));
        assertEquals(file.resolve("out.tsv") + ": cannot write: " + file + " is not a directory", below.getMessage());
        BadInputException deeper = assertThrows(BadInputException.class,
                () -> OutputTarget.requireWritableDirectory(file.resolve("x/y")));
        assertEquals(file.resolve("x/y") + ": cannot write: " + file + " is not a directory", deeper.getMessage());
        BadInputException notADir = assertThrows(BadInputException.class,
                () -> OutputTarget.requireWritableDirectory(file));
        assertEquals(file + ": cannot write: it exists and is not a directory", notADir.getMessage());
        BadInputException isDir = assertThrows(BadInputException.class, () -> OutputTarget.requireWritableFile(dir));
        assertEquals(dir + ": cannot write: it is a directory", isDir.getMessage());
        // Permission bits do not stop root; /proc/sys refuses new files to everyone.
        BadInputException unwritable = assertThrows(BadInputException.class,
                () -> OutputTarget.requireWritableDirectory(Path.of("/proc/sys")));
        assertTrue(unwritable.getMessage().contains("/proc/sys is not writable"), unwritable.getMessage());
    }
}
