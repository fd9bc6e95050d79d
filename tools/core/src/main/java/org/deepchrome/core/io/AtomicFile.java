package org.deepchrome.core.io;

import org.deepchrome.core.BadInputException;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
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
    private final long createdMillis = System.currentTimeMillis();
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
            Path tmp = ScratchFile.create(dir, "." + absolute.getFileName() + ".", ".tmp");
            makeReadableByOthers(tmp);
            return new AtomicFile(target, tmp);
        } catch (IOException e) {
            throw new BadInputException(target + ": cannot write: directory " + dir + " is not writable");
        }
    }

    /** Raw bytes as they will land in the target (compressed when the target ends in .gz). */
    public OutputStream outputStream() throws IOException {
        if (stream == null) {
            OutputStream raw = new ReportingOutputStream(Files.newOutputStream(temporary));
            stream = isGzip(target) ? new GZIPOutputStream(raw, 1 << 16) : new java.io.BufferedOutputStream(raw, 1 << 16);
        }
        return stream;
    }

    /** Raw bytes written as they are, never compressed, whatever the target's name (e.g. a zip). */
    public OutputStream plainOutputStream() throws IOException {
        if (stream == null) {
            stream = new java.io.BufferedOutputStream(new ReportingOutputStream(Files.newOutputStream(temporary)), 1 << 16);
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

    /**
     * Flushes, closes and renames the temporary file over the target; then removes temporaries
     * of the same target that runs killed earlier left behind.
     */
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
        removeStaleTemporaries();
    }

    /**
     * A run killed with SIGKILL cannot delete its temporary file. The next successful write of
     * the same target removes such files: siblings named like ours ({@code .NAME.<digits>.tmp})
     * and not modified since this file was created, so that a run still writing concurrently
     * keeps its own.
     */
    private void removeStaleTemporaries() {
        Path dir = target.toAbsolutePath().getParent();
        String prefix = "." + target.getFileName() + ".";
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(dir, p -> {
            String name = p.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(".tmp")
                    && name.substring(prefix.length(), name.length() - 4).matches("\\d+");
        })) {
            for (Path stale : siblings) {
                if (Files.getLastModifiedTime(stale).toMillis() <= createdMillis) {
                    Files.deleteIfExists(stale);
                }
            }
        } catch (IOException ignored) {
            // best effort: the target is complete whether or not old temporaries could be removed
        }
    }

    /** Write failures (a full disk, a lost mount) become one line naming the target; exit 2. */
    private final class ReportingOutputStream extends FilterOutputStream {
        ReportingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } catch (IOException e) {
                throw failed(e);
            }
        }

        private BadInputException failed(IOException e) {
            return new BadInputException(target + ": cannot write: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                if (stream != null) {
                    stream.close();
                }
            } catch (IOException | RuntimeException ignored) {
                // the partial file is deleted below; its close failing (e.g. the disk is full) does not matter
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
