package org.deepchrome.binsignals;

import htsjdk.samtools.util.BlockGunzipper;

import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Walks the BAM records that start in one piece of a contig and hands each one's counting
 * fields (position, aligned span, flags, MAPQ, template length) to a visitor.
 *
 * <p>Why not htsjdk's SAMRecord: building a SAMRecord per read (name, CIGAR objects, lazy
 * fields) costs about four times more CPU than inflating the BGZF blocks, and bin counting
 * needs none of it (docs/benchmarks.md). Why not htsjdk's BlockCompressedInputStream either:
 * it reads the file one block at a time and copies every record out through a stream call;
 * here the compressed bytes come in 1 MiB reads and each block is inflated (with the inflater
 * {@link Inflaters} chose for htsjdk) straight behind the previous one, so records are parsed
 * where they lie. Only the fixed-size part of each record
 * and its CIGAR are parsed, as the SAM specification lays them out; a CIGAR moved to the CG tag
 * leaves the placeholder {@code kSmN}, whose N is the same reference span. SAM and CRAM are
 * read with htsjdk's records.
 */
final class BamPieceReader implements AutoCloseable {
    private static final int FIXED = 32; // bytes before the read name
    private static final int BLOCK_HEADER = 18; // BGZF header with its one BC extra subfield
    private static final int MAX_BLOCK = 1 << 16; // a BGZF block holds at most 64 KiB, packed or not
    private static final int MAX_RECORD = 1 << 28; // 256 MiB: a longer length is corruption, not a read
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int REFERENCE_CONSUMING = (1 << 0) | (1 << 2) | (1 << 3) | (1 << 7) | (1 << 8); // M D N = X

    /** Receives each record that starts in the piece. */
    interface Visitor {
        void record(int start, int end, int flags, int mapq, int templateLength);

        /**
         * After each block's records: the start of the last record of the piece so far, for
         * progress (once per block, so that the per-record path has no rarely taken branch).
         */
        default void reached(int start) {
        }
    }

    private final Path file;
    private final FileChannel channel;
    /** htsjdk's inflater of choice ({@link Inflaters}: Intel GKL where it loads, else the JDK's). */
    private final Inflater inflater = BlockGunzipper.getDefaultInflaterFactory().makeInflater(true);

    /**
     * The two windows of each worker thread, kept for its next piece: a genome has dozens of
     * pieces per file, and fresh 1 MiB arrays for each would be most of the garbage of a run.
     */
    private static final ThreadLocal<byte[][]> WINDOWS = ThreadLocal.withInitial(
            () -> new byte[][] {new byte[1 << 20], new byte[1 << 20]});

    /** Compressed bytes: packed[packedStart, packedEnd) is the file from offset packedFileOffset + packedStart. */
    private final byte[] packed;
    private int packedStart;
    private int packedEnd;
    private long packedFileOffset;

    /** Inflated bytes: data[pos, end) not yet parsed, whole blocks appended at end. */
    private byte[] data;
    private int pos;
    private int end;
    private long records;

    BamPieceReader(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        byte[][] windows = WINDOWS.get();
        this.packed = windows[0];
        this.data = windows[1];
    }

    /**
     * Visits the records of reference {@code referenceIndex} whose 0-based start lies in
     * [from, to) ({@code to} = Integer.MAX_VALUE: to the contig end), reading from the virtual
     * offset the index gives for {@code from} up to the first record past the piece (the file is
     * sorted, so none of the piece follows it).
     */
    void scan(long virtualOffset, int referenceIndex, int from, int to, Visitor visitor) throws IOException {
        packedFileOffset = virtualOffset >>> 16;
        packedStart = packedEnd = 0;
        pos = end = 0;
        if (!inflateNextBlock()) {
            return;
        }
        pos = (int) (virtualOffset & 0xFFFF);
        if (pos > end) {
            throw new IOException("the index points to byte " + pos + " of a block of " + end + " bytes");
        }
        long first = ((long) referenceIndex << 32) + from; // records are keyed (reference << 32) + start
        long span = (long) to - from;
        while (parseRecords(first, span, visitor) == 0) {
            if (!inflateNextBlock()) {
                if (pos != end) {
                    throw new EOFException("file ends inside a record");
                }
                return;
            }
        }
    }

    /**
     * Parses the whole records in data[pos, end), visiting those whose key lies in
     * [first, first + span); returns 1 at the first record past that (a later start or contig, or
     * an unmapped read, which sort last), else 0 when the bytes run out. Why the stop is computed
     * rather than branched on: a branch taken only at a piece's end would be compiled as never
     * taken, and every piece's end would then throw the compiled loop away ("unstable_if" traps
     * in -XX:+LogCompilation, and a recompile each time). Here it goes out through the loop's own
     * exit, which every block's end takes too.
     */
    private int parseRecords(long first, long span, Visitor visitor) throws IOException {
        byte[] b = data;
        int p = pos;
        int limit = end;
        int past = 0;
        int lastStart = (int) (first & 0xFFFFFFFFL); // the piece's start until a record of it is seen
        while (limit - p >= 4) {
            int size = (int) INT.get(b, p);
            if (size < FIXED || size > MAX_RECORD) {
                throw new IOException("record " + (records + 1) + " of this piece has length " + size
                        + (size < FIXED ? ", shorter than the fixed BAM fields" : ", more than any read's record"));
            }
            if (limit - p - 4 < size) {
                break; // the rest of it is in the next block
            }
            int r = p + 4;
            p = r + size;
            records++;
            int reference = (int) INT.get(b, r);
            int start = (int) INT.get(b, r + 4);
            long offset = ((long) reference << 32) + start - first;
            if (offset + Long.MIN_VALUE >= span + Long.MIN_VALUE) { // unsigned: outside [0, span)
                // before the piece (the first block's earlier records): skipped; past it: stop
                past = (int) (~offset >>> 63) | (reference >>> 31);
                limit &= past - 1; // 0 when past: the loop ends
                continue;
            }
            int nameLength = b[r + 8] & 0xff;
            int cigarOps = (short) SHORT.get(b, r + 12) & 0xffff;
            if (FIXED + nameLength + 4L * cigarOps > size) {
                throw new IOException("record " + records + " of this piece is shorter than its name and CIGAR");
            }
            int cigar = r + FIXED + nameLength;
            long aligned = 0;
            for (int c = 0; c < cigarOps; c++) {
                int op = (int) INT.get(b, cigar + 4 * c);
                if ((REFERENCE_CONSUMING & (1 << (op & 0xf))) != 0) {
                    aligned += op >>> 4;
                }
            }
            if (start + aligned > Integer.MAX_VALUE) {
                throw new IOException("record " + records + " of this piece spans past the largest BAM position (start " + start
                        + ", " + aligned + " aligned bases)");
            }
            visitor.record(start, start + (int) aligned, (short) SHORT.get(b, r + 14) & 0xffff, b[r + 9] & 0xff,
                    (int) INT.get(b, r + 28));
            lastStart = start;
        }
        pos = p;
        visitor.reached(lastStart);
        return past;
    }

    /** Appends the next non-empty block's bytes to the window; false when the file has no more. */
    private boolean inflateNextBlock() throws IOException {
        while (true) {
            if (data.length - end < MAX_BLOCK) {
                makeRoom();
            }
            if (!packedAvailable(BLOCK_HEADER)) {
                if (packedEnd > packedStart) {
                    throw new EOFException("file ends inside a BGZF block header");
                }
                return false;
            }
            long blockOffset = packedFileOffset + packedStart;
            byte[] p = packed;
            int h = packedStart;
            if (p[h] != 31 || (p[h + 1] & 0xff) != 139 || p[h + 2] != 8 || (p[h + 3] & 4) == 0
                    || p[h + 12] != 'B' || p[h + 13] != 'C') {
                throw new IOException("no BGZF block header at byte " + blockOffset);
            }
            int blockSize = ((short) SHORT.get(p, h + 16) & 0xffff) + 1;
            if (blockSize < BLOCK_HEADER + 8) {
                throw new IOException("BGZF block at byte " + blockOffset + " is " + blockSize + " bytes, too short");
            }
            if (!packedAvailable(blockSize)) {
                throw new EOFException("file ends inside the BGZF block at byte " + blockOffset);
            }
            int inflated = inflate(packed, packedStart, blockSize, blockOffset); // the block may have moved
            packedStart += blockSize;
            end += inflated;
            if (inflated > 0) {
                return true;
            }
            // an empty block (the end-of-file marker, or an empty block inside): go on to the next
        }
    }

    /**
     * Inflates the block at packed[h, h + blockSize) to the end of the window; returns its
     * length. The block's own length field (ISIZE) must agree, as htsjdk checks it too.
     */
    private int inflate(byte[] p, int h, int blockSize, long blockOffset) throws IOException {
        int expected = (int) INT.get(p, h + blockSize - 4);
        if (expected < 0 || expected > MAX_BLOCK) {
            throw new IOException("BGZF block at byte " + blockOffset + " claims " + expected + " inflated bytes");
        }
        try {
            inflater.reset();
            inflater.setInput(p, h + BLOCK_HEADER, blockSize - BLOCK_HEADER - 8);
            int inflated = expected == 0 ? 0 : inflater.inflate(data, end, expected);
            if (inflated != expected) {
                throw new IOException("BGZF block at byte " + blockOffset + " does not inflate to the "
                        + expected + " bytes it claims");
            }
            return inflated;
        } catch (DataFormatException e) {
            throw new IOException("BGZF block at byte " + blockOffset + " does not inflate: " + e.getMessage(), e);
        }
    }

    /** Moves the unparsed bytes to the front, growing the window when one record needs more. */
    private void makeRoom() {
        int live = end - pos;
        if (live + MAX_BLOCK > data.length) {
            data = Arrays.copyOfRange(data, pos, pos + (Integer.highestOneBit(live + MAX_BLOCK) << 1));
        } else {
            System.arraycopy(data, pos, data, 0, live);
        }
        pos = 0;
        end = live;
    }

    /** Reads more of the file until {@code n} compressed bytes are at hand; false at its end. */
    private boolean packedAvailable(int n) throws IOException {
        if (packedEnd - packedStart >= n) {
            return true;
        }
        int live = packedEnd - packedStart;
        System.arraycopy(packed, packedStart, packed, 0, live);
        packedFileOffset += packedStart;
        packedStart = 0;
        packedEnd = live;
        while (packedEnd < n) {
            int got = channel.read(ByteBuffer.wrap(packed, packedEnd, packed.length - packedEnd),
                    packedFileOffset + packedEnd);
            if (got < 0) {
                return false;
            }
            packedEnd += got;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        WINDOWS.get()[1] = data; // grown for a long record: keep the larger window
        channel.close();
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
