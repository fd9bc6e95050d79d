package org.deepchrome.core.io;

import org.deepchrome.core.BadInputException;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;

/**
 * Sits under every text input's buffer and stops at the first character no parser should see:
 * bytes that are not UTF-8 (the decoder turns them into U+FFFD, which would otherwise end up
 * silently in gene ids) and a line longer than {@link #MAX_LINE} characters (a binary file or
 * a missing newline would otherwise be buffered whole). It counts lines itself, so the message
 * names the right line even though the reader above it reads ahead.
 */
final class CheckedLineReader extends FilterReader {
    /** Far above any real line (a GTF line with long attributes is a few kB). */
    static final int MAX_LINE = 1 << 20;

    private final Path file;
    private long line = 1;
    private int lineLength;

    CheckedLineReader(Path file, Reader in) {
        super(in);
        this.file = file;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            check((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = offset; i < offset + n; i++) {
            check(buffer[i]);
        }
        return n;
    }

    private void check(char c) {
        if (c == '\n') {
            line++;
            lineLength = 0;
            return;
        }
        if (c == '\uFFFD') {
            throw BadInputException.at(file, line, "bytes that are not UTF-8 text (binary file, or another encoding?)");
        }
        if (++lineLength > MAX_LINE) {
            throw BadInputException.at(file, line, "line longer than " + MAX_LINE + " characters (binary file, or"
                    + " missing line breaks?)");
        }
    }
}
