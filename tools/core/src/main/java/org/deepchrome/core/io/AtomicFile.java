package org.deepchrome.core.io;

import org.deepchrome.core.BadInputException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * An output file that appears only when complete: bytes go to a hidden temporary sibling,
 * {@link #commit()} renames it over the target, and closing without commit deletes it.
 * A target ending in {@code .gz} is gzip-compressed.
 */
public final class AtomicFile implements AutoCloseable {
    private final Path target;
    private final Path temporary;
    private OutputStream stream;
    private boolean committed;

    private AtomicFile(Path target, Path temporary) {
        this.target = target;
        this.temporary = temporary;
    }

    /**
     * Creates the temporary file, and the target's missing parent directories; a directory
     * that cannot be created or written is bad input.
     */
    public static AtomicFile create(Path target) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new BadInputException(target + ": cannot write: it is a directory");
        }
        OutputTarget.createParentDirectories(target);
        try {
            Path tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
            makeReadableByOthers(tmp);
            return new AtomicFile(target, tmp);
        } catch (IOException e) {
            throw new BadInputException(target + ": cannot write: directory " + dir + " is not writable");
        }
    }

    /** Raw bytes as they will land in the target (compressed when the target ends in .gz). */
    public OutputStream outputStream() throws IOException {
        if (stream == null) {
            OutputStream raw = Files.newOutputStream(temporary);
            stream = isGzip(target) ? new GZIPOutputStream(raw, 1 << 16) : new java.io.BufferedOutputStream(raw, 1 << 16);
        }
        return stream;
    }

    /** A UTF-8 writer over {@link #outputStream()}; close it or call commit to flush. */
    public Writer writer() throws IOException {
        return new BufferedWriter(new OutputStreamWriter(outputStream(), StandardCharsets.UTF_8), 1 << 16);
    }

    /** Path of the temporary file, for libraries that insist on writing a path themselves. */
    public Path temporaryPath() {
        return temporary;
    }

    /** Flushes, closes and renames the temporary file over the target. */
    public void commit() throws IOException {
        if (stream != null) {
            stream.close();
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                if (stream != null) {
                    stream.close();
                }
            } catch (IOException ignored) {
                // the partial file is deleted below; its close failing does not matter
            }
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Temporary files are created owner-only (0600); a finished output should carry the usual
     * rw-r--r-- so Galaxy, Nextflow and colleagues can read it.
     */
    private static void makeReadableByOthers(Path tmp) throws IOException {
        if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    public static boolean isGzip(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /** Writes a whole text file atomically. */
    public static void writeString(Path target, String text) throws IOException {
        try (AtomicFile f = create(target)) {
            Writer w = f.writer();
            w.write(text);
            w.flush();
            f.commit();
        }
    }
}
