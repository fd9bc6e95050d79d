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
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void probesOfKilledRunsGoAndProbesOfLiveRunsStay() throws IOException {
        // A run killed between creating and deleting its probe leaves it; the next run removes it
        // however young it is, because its process is gone. A live run's probe is not touched.
        long deadPid = ProcessHandle.current().pid();
        do {
            deadPid++;
        } while (ProcessHandle.of(deadPid).isPresent());
        Path killed = Files.createFile(dir.resolve(".deepchrome-probe." + deadPid + ".123.tmp"));
        Path older = Files.createFile(dir.resolve(".deepchrome-probe.x456.tmp"));
        Path live = Files.createFile(dir.resolve(".deepchrome-probe." + ProcessHandle.current().pid() + ".789.tmp"));
        OutputTarget.requireWritableDirectory(dir.resolve("figures"));
        assertFalse(Files.exists(killed), "probe of a dead process removed");
        assertFalse(Files.exists(older), "probe without a process id (older suite) removed");
        assertTrue(Files.exists(live), "probe of a live process kept");
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
