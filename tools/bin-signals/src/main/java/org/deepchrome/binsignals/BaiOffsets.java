package org.deepchrome.binsignals;

import org.deepchrome.core.BadInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the records of a contig piece start in a BAM, from its .bai index (SAM specification,
 * section 5.2): the linear index gives, per 16 kb window, the virtual offset of the first record
 * overlapping the window, so every record starting at or after a position lies at or after the
 * entry of that position's window. {@link BamPieceReader} reads on from there and stops at the
 * first record past the piece.
 *
 * <p>Why not htsjdk's BAMIndex: each of its queries parses the contig's whole bin tree into
 * objects; for a genome-wide index the 25 queries of one file took 0.1 s, as long as counting
 * a million reads. One pass over the index bytes gives every offset.
 */
final class BaiOffsets {
    private static final int WINDOW_SHIFT = 14; // 16 kb linear-index windows

    private final Path file;
    private final ByteBuffer bytes;
    /** Per reference: position of its linear index in {@link #bytes}, and its length. */
    private final int[] linearAt;
    private final int[] linearLength;

    private BaiOffsets(Path file, ByteBuffer bytes, int references) {
        this.file = file;
        this.bytes = bytes;
        this.linearAt = new int[references];
        this.linearLength = new int[references];
    }

    /** Reads a .bai file; a file that is not one, or is cut short, is bad input. */
    static BaiOffsets read(Path bai) {
        ByteBuffer b;
        try {
            b = ByteBuffer.wrap(Files.readAllBytes(bai)).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new BadInputException(bai + ": cannot read: " + e.getMessage(), e);
        }
        try {
            if (b.remaining() < 8 || b.getInt() != 0x01494142) { // "BAI\1"
                throw new BadInputException(bai + ": not a BAM index (no BAI magic); re-create it: samtools index");
            }
            int references = b.getInt();
            if (references < 0 || references > b.remaining() / 8) { // each needs at least its two counts
                throw new BadInputException(bai + ": claims " + references + " references, more than the file holds;"
                        + " re-create it: samtools index");
            }
            BaiOffsets index = new BaiOffsets(bai, b, references);
            for (int r = 0; r < references; r++) {
                int bins = b.getInt();
                for (int i = 0; i < bins; i++) { // the bins only lead to the linear index: stepped over
                    b.getInt(); // bin number
                    int chunks = b.getInt();
                    if (chunks < 0) {
                        throw new BadInputException(bai + ": reference " + r + " has a bin with " + chunks + " chunks");
                    }
                    if (chunks > b.remaining() / 16) { // checked before stepping: 16 x chunks can overflow an int
                        throw truncated(bai);
                    }
                    b.position(b.position() + 16 * chunks);
                }
                int windows = b.getInt();
                if (windows < 0 || windows > b.remaining() / 8) {
                    throw new BadInputException(bai + ": reference " + r + " claims " + windows
                            + " linear-index entries, more than the file holds");
                }
                index.linearAt[r] = b.position();
                index.linearLength[r] = windows;
                b.position(b.position() + 8 * windows);
            }
            return index;
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            throw truncated(bai);
        }
    }

    private static BadInputException truncated(Path bai) {
        return new BadInputException(bai + ": BAM index ends early (truncated?); re-create it: samtools index");
    }

    /** How many references the index describes (the BAM header's @SQ count, for a matching index). */
    int references() {
        return linearAt.length;
    }

    /**
     * A virtual offset at or before every record of reference {@code reference} that starts at
     * 0-based {@code from} or later, itself the start of a record; -1 when the index knows of no
     * such record. That is the linear-index entry of the window of {@code from}, or of the first
     * later window that has one: 0 marks a window no record reached (htsjdk writes 0s before a
     * contig's first record, htslib that record's offset), and a record starting in a later window
     * reaches that window, so no record of the piece lies before the entry found.
     */
    long firstOffset(int reference, int from) {
        if (reference >= linearAt.length) {
            throw new BadInputException(file + ": the index has " + linearAt.length + " references, the BAM more;"
                    + " an index of another file? Re-create it: samtools index");
        }
        for (int window = from >>> WINDOW_SHIFT; window < linearLength[reference]; window++) {
            long entry = bytes.getLong(linearAt[reference] + 8 * window);
            if (entry < 0) { // a virtual offset's file part is 48 bits
                throw new BadInputException(file + ": reference " + reference + " has a linear-index entry ("
                        + Long.toUnsignedString(entry) + ") that is no file offset; re-create it: samtools index");
            }
            if (entry != 0) {
                return entry;
            }
        }
        return -1; // no record on the contig, or none reaching this far
    }
}
