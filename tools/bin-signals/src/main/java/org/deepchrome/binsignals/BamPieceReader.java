package org.deepchrome.binsignals;

import htsjdk.samtools.BAMFileSpan;
import htsjdk.samtools.BAMIndex;
import htsjdk.samtools.Chunk;
import htsjdk.samtools.util.BlockCompressedInputStream;

import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Walks the BAM records that start in one piece of a contig and hands each one's counting
 * fields (position, aligned span, flags, MAPQ, template length) to a visitor.
 *
 * <p>Why not htsjdk's SAMRecord: building a SAMRecord per read (name, CIGAR objects, lazy
 * fields) costs about four times more CPU than inflating the BGZF blocks, and bin counting
 * needs none of it (docs/benchmarks.md). htsjdk still does the file work: the index gives
 * the chunks to read, BlockCompressedInputStream inflates and seeks. Only the fixed-size
 * part of each record and its CIGAR are parsed, as the SAM specification lays them out; a
 * CIGAR moved to the CG tag leaves the placeholder {@code kSmN}, whose N is the same
 * reference span. SAM and CRAM are read with htsjdk's records.
 */
final class BamPieceReader implements AutoCloseable {
    private static final int FIXED = 32; // bytes before the read name
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int REFERENCE_CONSUMING = (1 << 0) | (1 << 2) | (1 << 3) | (1 << 7) | (1 << 8); // M D N = X

    /** Receives each record that starts in the piece. */
    interface Visitor {
        void record(int start, int end, int flags, int mapq, int templateLength);
    }

    private final Path file;
    private final BlockCompressedInputStream in;
    private final byte[] sizeBytes = new byte[4];
    private byte[] record = new byte[1 << 12];
    private long records;

    BamPieceReader(Path file) throws IOException {
        this.file = file;
        this.in = new BlockCompressedInputStream(file.toFile());
    }

    /**
     * Visits the records of reference {@code referenceIndex} whose 0-based start lies in
     * [from, to) ({@code to} = Integer.MAX_VALUE: to the contig end), found through the index.
     */
    void scan(BAMIndex index, int referenceIndex, int from, int to, int contigLength, Visitor visitor) throws IOException {
        BAMFileSpan span = index.getSpanOverlapping(referenceIndex, from + 1, Math.min(to, contigLength));
        if (span == null) {
            return; // nothing indexed on this contig
        }
        long done = 0; // virtual offset up to which records were read: chunks never read twice
        for (Chunk chunk : span.getChunks()) {
            if (chunk.getChunkEnd() <= done) {
                continue;
            }
            in.seek(Math.max(chunk.getChunkStart(), done));
            while (in.getFilePointer() < chunk.getChunkEnd()) {
                int size = readRecord();
                if (size < 0) {
                    return;
                }
                byte[] b = record;
                int reference = (int) INT.get(b, 0);
                int start = (int) INT.get(b, 4);
                if (reference != referenceIndex || start >= to) {
                    if (reference > referenceIndex || reference < 0 || (reference == referenceIndex && start >= to)) {
                        return; // sorted: nothing of this piece follows
                    }
                    continue;
                }
                done = in.getFilePointer();
                if (start < from) {
                    continue; // starts in the previous piece, counted there
                }
                int nameLength = b[8] & 0xff;
                int cigarOps = (short) SHORT.get(b, 12) & 0xffff;
                if (FIXED + nameLength + 4L * cigarOps > size) {
                    throw new IOException("record " + (records + 1) + " of this piece is shorter than its name and CIGAR");
                }
                int aligned = 0;
                for (int c = 0; c < cigarOps; c++) {
                    int op = (int) INT.get(b, FIXED + nameLength + 4 * c);
                    if ((REFERENCE_CONSUMING & (1 << (op & 0xf))) != 0) {
                        aligned += op >>> 4;
                    }
                }
                visitor.record(start, start + aligned, (short) SHORT.get(b, 14) & 0xffff, b[9] & 0xff, (int) INT.get(b, 28));
            }
            done = Math.max(done, in.getFilePointer());
        }
    }

    /** Reads the next record into {@link #record}; returns its length, or -1 at the end of the file. */
    private int readRecord() throws IOException {
        int got = in.readNBytes(sizeBytes, 0, 4);
        if (got == 0) {
            return -1;
        }
        if (got < 4) {
            throw new EOFException("file ends inside a record");
        }
        int size = (int) INT.get(sizeBytes, 0);
        if (size < FIXED) {
            throw new IOException("record length " + size + " is shorter than the fixed BAM fields");
        }
        if (size > record.length) {
            record = new byte[Integer.highestOneBit(size) << 1];
        }
        if (in.readNBytes(record, 0, size) < size) {
            throw new EOFException("file ends inside a record");
        }
        records++;
        return size;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
