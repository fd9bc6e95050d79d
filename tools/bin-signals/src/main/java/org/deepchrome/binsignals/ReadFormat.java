package org.deepchrome.binsignals;

import org.deepchrome.core.BadInputException;
import org.deepchrome.core.io.Inputs;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * The kinds of read file a mark can come from, told apart by their first bytes (so Galaxy's
 * {@code .dat} names work), with a clear error when the name promises another kind.
 */
public enum ReadFormat {
    BAM, CRAM, SAM,
    /** A bigWig signal track (values, not reads): bins are the track's mean over their bases. */
    BIGWIG,
    /** BED3+ or tagAlign (BED6: chrom, start, end, name, score, strand), plain or gzip. */
    BED;

    /** As users write it: BAM, CRAM, SAM, BED, bigWig. */
    @Override
    public String toString() {
        return this == BIGWIG ? "bigWig" : name();
    }

    public static ReadFormat detect(Path file) {
        Inputs.requireReadableFile(file, "read file");
        ReadFormat found;
        try {
            found = sniff(file);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        ReadFormat named = fromName(file);
        if (named != null && named != found) {
            throw new BadInputException(file + ": named like a " + named + " file but its content is "
                    + (found == BED ? "not " + named + " (text or unknown bytes)" : found));
        }
        return found;
    }

    static ReadFormat fromName(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".bam")) {
            return BAM;
        }
        if (n.endsWith(".cram")) {
            return CRAM;
        }
        if (n.endsWith(".sam")) {
            return SAM;
        }
        if (n.endsWith(".bw") || n.endsWith(".bigwig")) {
            return BIGWIG;
        }
        return null;
    }

    private static ReadFormat sniff(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(4);
            byte[] head = raw.readNBytes(4);
            raw.reset();
            if (BigWigFile.hasMagic(head)) {
                return BIGWIG;
            }
            if (Arrays.equals(head, "CRAM".getBytes(StandardCharsets.US_ASCII))) {
                return CRAM;
            }
            if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                byte[] inner;
                try (InputStream gz = new GZIPInputStream(raw)) {
                    inner = gz.readNBytes(4);
                } catch (IOException e) {
                    inner = new byte[0]; // truncated gzip: reported when read as text
                }
                if (Arrays.equals(inner, new byte[] {'B', 'A', 'M', 1})) {
                    return BAM;
                }
                return inner.length > 0 && inner[0] == '@' ? SAM : BED;
            }
            return head.length > 0 && head[0] == '@' ? SAM : BED;
        }
    }
}
