package org.deepchrome.core.io;

import org.deepchrome.core.BadInputException;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens text inputs, gzip or plain (detected from the magic bytes, not the name). */
public final class Inputs {
    private Inputs() {
    }

    /** Fails with one clear line when the file is missing, a directory or unreadable. */
    public static void requireReadableFile(Path file, String what) {
        if (!Files.exists(file)) {
            throw new BadInputException(file + ": " + what + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": " + what + " is a directory, expected a file");
        }
        if (!Files.isReadable(file)) {
            throw new BadInputException(file + ": " + what + " is not readable");
        }
    }

    /**
     * A UTF-8 reader; bytes that are not UTF-8 and lines over a megabyte end the read with a
     * {@link BadInputException} naming the line.
     */
    public static BufferedReader openText(Path file, String what) throws IOException {
        requireReadableFile(file, what);
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new CheckedLineReader(file, new InputStreamReader(in, StandardCharsets.UTF_8)),
                1 << 16);
    }
}
