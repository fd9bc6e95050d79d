package org.deepchrome.model;

import org.deepchrome.core.BadInputException;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads a zip archive that came from someone else (a model file, or the DL4J archive inside it)
 * into memory, refusing what a well-made model file never holds: more than {@code maxEntries}
 * entries, more than {@code maxBytes} uncompressed, a compression ratio above {@code maxRatio}
 * (a zip bomb), entry names that are absolute or climb with {@code ..}, and a name given twice.
 * The bounds are checked while inflating, so a bomb is stopped before it fills memory.
 *
 * @param maxEntries most entries an archive may hold
 * @param maxBytes   most uncompressed bytes, all entries together
 * @param maxRatio   most uncompressed bytes per compressed byte, once past {@link #RATIO_FLOOR} bytes
 */
record ZipLimits(int maxEntries, long maxBytes, int maxRatio) {
    /** Generous for the largest real model (a forest of many deep trees is tens of MB) and far below a heap. */
    static final ZipLimits MODEL_FILE = new ZipLimits(64, 1L << 30, 100);

    /** Small archives may compress well (JSON, zeros); the ratio counts only past this size. */
    static final long RATIO_FLOOR = 1 << 20;

    /**
     * The entries of {@code in} by name, in archive order.
     *
     * @param what how the archive is named in messages, e.g. {@code m.zip} or {@code m.zip: cnn-dl4j.zip}
     * @throws BadInputException (one line naming {@code what}) for an archive outside the bounds
     * @throws IOException       for a damaged archive, left to the caller to word
     */
    Map<String, byte[]> read(String what, InputStream in) throws IOException {
        CountingStream counted = new CountingStream(in);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        long total = 0;
        byte[] buffer = new byte[1 << 16];
        try (ZipInputStream zip = new ZipInputStream(counted)) {
            ZipEntry entry;
            while ((entry = nextEntry(zip)) != null) {
                String name = entry.getName();
                if (entries.size() == maxEntries) {
                    throw new BadInputException(what + ": refused: more than " + maxEntries
                            + " entries in the archive (a model file holds a few)");
                }
                checkName(what, name);
                if (entries.containsKey(name)) {
                    throw new BadInputException(what + ": refused: entry '" + name + "' appears twice");
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                int n;
                while ((n = zip.read(buffer)) > 0) {
                    total += n;
                    if (total > maxBytes) {
                        throw new BadInputException(what + ": refused: more than " + maxBytes
                                + " bytes uncompressed (limit for a model file)");
                    }
                    if (total > RATIO_FLOOR && total > (long) maxRatio * Math.max(1, counted.count)) {
                        throw new BadInputException(what + ": refused: entry '" + name
                                + "' inflates more than " + maxRatio + "-fold (a zip bomb?)");
                    }
                    bytes.write(buffer, 0, n);
                }
                entries.put(name, bytes.toByteArray());
            }
        }
        return entries;
    }

    /** ZipInputStream answers an entry name that is not UTF-8 with IllegalArgumentException (found by fuzzing). */
    private static ZipEntry nextEntry(ZipInputStream zip) throws IOException {
        try {
            return zip.getNextEntry();
        } catch (IllegalArgumentException e) {
            throw new ZipException("an entry name is not valid UTF-8");
        }
    }

    /** Names are never used as paths here, but an archive that holds such names was not written by us. */
    private static void checkName(String what, String name) {
        String shown = name.replaceAll("\\p{Cntrl}", "?");
        if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
            throw new BadInputException(what + ": refused: entry '" + shown + "' has an absolute path");
        }
        for (String part : name.split("[/\\\\]")) {
            if (part.equals("..")) {
                throw new BadInputException(what + ": refused: entry '" + shown + "' climbs out with '..'");
            }
        }
    }

    /** Counts the compressed bytes the inflater has consumed, for the ratio check. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
