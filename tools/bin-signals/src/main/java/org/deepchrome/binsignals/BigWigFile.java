package org.deepchrome.binsignals;

import org.deepchrome.core.BadInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A reader of the exact data of a bigWig file (UCSC's documented bbi format: Kent et al. 2010,
 * "BigWig and BigBed", Bioinformatics 26:2204, supplement; the layout of bbiFile.h/bwgQuery.c).
 * Only what bin-signals needs: the chromosome B+ tree, the R-tree index of the full-resolution
 * data and its bedGraph, varStep and fixedStep sections. Zoom levels are never read (their
 * values are summaries, not the data).
 *
 * <p>Why not a library: htsjdk has no bigWig reader, and org.jetbrains.bio:big 0.9.1 pulls
 * Kotlin's stdlib, Guava, Trove, logback (its own log lines on stderr), a native mmap library
 * and htsjdk 2.10.1 (the suite builds on 4.x) — about 9.7 MB of jars for ~300 lines of reading.
 *
 * <p>Thread-safe: reads are positional on one channel.
 */
public final class BigWigFile implements AutoCloseable {
    /** The first four bytes of a bigWig file, little-endian (big-endian files have them swapped). */
    public static final int MAGIC = 0x888FFC26;
    private static final int CHROM_TREE_MAGIC = 0x78CA8C91;
    private static final int R_TREE_MAGIC = 0x2468ACE0;

    private final Path path;
    private final FileChannel channel;
    private final ByteOrder order;
    private final long fileSize;
    private final long fullIndexOffset;
    private final int uncompressBufSize;
    private final Map<String, int[]> chroms = new LinkedHashMap<>(); // name -> {id, size}

    /** One interval of the data: [start, end) 0-based with its value. */
    public interface IntervalSink {
        void accept(int start, int end, float value);
    }

    private BigWigFile(Path path) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        boolean ok = false;
        try {
            fileSize = channel.size();
            ByteBuffer h = read(0, 64, "header");
            h.order(ByteOrder.LITTLE_ENDIAN);
            if (h.getInt(0) == MAGIC) {
                order = ByteOrder.LITTLE_ENDIAN;
            } else if (Integer.reverseBytes(h.getInt(0)) == MAGIC) {
                order = ByteOrder.BIG_ENDIAN;
            } else {
                throw bad("not a bigWig file (magic number missing)");
            }
            h.order(order);
            long chromTreeOffset = h.getLong(8);
            fullIndexOffset = h.getLong(24);
            uncompressBufSize = h.getInt(52);
            checkOffset(chromTreeOffset, "chromosome tree");
            checkOffset(fullIndexOffset, "data index");
            readChromTree(chromTreeOffset);
            ok = true;
        } finally {
            if (!ok) {
                channel.close();
            }
        }
    }

    /** Opens and checks the header and chromosome list; bad input is one line naming the file. */
    public static BigWigFile open(Path path) {
        try {
            return new BigWigFile(path);
        } catch (IOException e) {
            throw new BadInputException(path + ": cannot read bigWig: " + e.getMessage(), e);
        }
    }

    /** True when the file starts with the bigWig magic number (either byte order). */
    public static boolean hasMagic(byte[] head) {
        if (head.length < 4) {
            return false;
        }
        int le = (head[0] & 0xff) | (head[1] & 0xff) << 8 | (head[2] & 0xff) << 16 | (head[3] & 0xff) << 24;
        return le == MAGIC || Integer.reverseBytes(le) == MAGIC;
    }

    /** Chromosome names and lengths, in the file's order. */
    public Map<String, Integer> chromosomes() {
        Map<String, Integer> out = new LinkedHashMap<>();
        chroms.forEach((name, idSize) -> out.put(name, idSize[1]));
        return Collections.unmodifiableMap(out);
    }

    /**
     * Calls {@code sink} for every data interval of {@code chrom} overlapping [start, end), in
     * file order (sorted by start within a chromosome in files written by UCSC tools, deepTools
     * and pyBigWig). Unknown chromosome: no call.
     */
    public void query(String chrom, int start, int end, IntervalSink sink) {
        int[] idSize = chroms.get(chrom);
        if (idSize == null) {
            return;
        }
        int chromId = idSize[0];
        try {
            List<long[]> blocks = new ArrayList<>();
            ByteBuffer header = read(fullIndexOffset, 48, "data index header");
            if (header.getInt(0) != R_TREE_MAGIC) {
                throw bad("data index at byte " + fullIndexOffset + " lacks its magic number (corrupt file)");
            }
            findBlocks(fullIndexOffset + 48, chromId, start, end, blocks, 0, new java.util.HashSet<>());
            for (long[] block : blocks) {
                readBlock(block[0], block[1], chromId, start, end, sink);
            }
        } catch (IOException e) {
            throw new BadInputException(path + ": cannot read bigWig: " + e.getMessage(), e);
        }
    }

    private void findBlocks(long offset, int chromId, int start, int end, List<long[]> out, int depth,
                            java.util.Set<Long> visited) throws IOException {
        // a corrupt index may point back at a node: visit each once, or a loop could run forever
        if (depth > 64 || !visited.add(offset)) {
            throw bad("data index loops or is deeper than 64 levels (corrupt file)");
        }
        ByteBuffer nodeHead = read(offset, 4, "data index node");
        boolean leaf = nodeHead.get(0) != 0;
        int count = Short.toUnsignedInt(nodeHead.getShort(2));
        int itemSize = leaf ? 32 : 24;
        ByteBuffer items = read(offset + 4, (long) count * itemSize, "data index node");
        for (int i = 0; i < count; i++) {
            int p = i * itemSize;
            int startChrom = items.getInt(p);
            int startBase = items.getInt(p + 4);
            int endChrom = items.getInt(p + 8);
            int endBase = items.getInt(p + 12);
            boolean overlaps = cmp(startChrom, startBase, chromId, end) < 0 && cmp(endChrom, endBase, chromId, start) > 0;
            if (!overlaps) {
                continue;
            }
            long dataOffset = items.getLong(p + 16);
            if (leaf) {
                out.add(new long[] {dataOffset, items.getLong(p + 24)});
            } else {
                checkOffset(dataOffset, "data index node");
                findBlocks(dataOffset, chromId, start, end, out, depth + 1, visited);
            }
        }
    }

    private static int cmp(int chromA, int baseA, int chromB, int baseB) {
        int c = Integer.compareUnsigned(chromA, chromB);
        return c != 0 ? c : Integer.compareUnsigned(baseA, baseB);
    }

    private void readBlock(long offset, long size, int chromId, int start, int end, IntervalSink sink)
            throws IOException {
        if (size < 0 || size > Integer.MAX_VALUE) {
            throw bad("data block at byte " + offset + " has an impossible size " + size + " (corrupt file)");
        }
        ByteBuffer raw = read(offset, size, "data block");
        ByteBuffer data = uncompressBufSize > 0 ? inflate(raw, offset) : raw;
        data.order(order);
        while (data.remaining() >= 24) {
            int sectionChrom = data.getInt();
            int sectionStart = data.getInt();
            data.getInt(); // section end
            int step = data.getInt();
            int span = data.getInt();
            int type = data.get();
            data.get(); // reserved
            int count = Short.toUnsignedInt(data.getShort());
            int itemSize = type == 1 ? 12 : type == 2 ? 8 : type == 3 ? 4 : -1;
            if (itemSize < 0) {
                throw bad("data block at byte " + offset + " has section type " + type + " (corrupt file)");
            }
            if (data.remaining() < count * itemSize) {
                throw bad("data block at byte " + offset + " ends inside a section (corrupt file)");
            }
            boolean wanted = sectionChrom == chromId;
            for (int i = 0; i < count; i++) {
                int s;
                int e;
                if (type == 1) {
                    s = data.getInt();
                    e = data.getInt();
                } else if (type == 2) {
                    s = data.getInt();
                    e = s + span;
                } else {
                    s = sectionStart + i * step;
                    e = s + span;
                }
                float value = data.getFloat();
                if (wanted && s < end && e > start) {
                    sink.accept(s, e, value);
                }
            }
        }
    }

    private ByteBuffer inflate(ByteBuffer raw, long offset) throws IOException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(raw);
            // the header's buffer size is a hint only (a corrupt one must not allocate gigabytes);
            // zlib expands at most ~1032:1, so the output is bounded by the block's size
            long limit = Math.min(Integer.MAX_VALUE - 16, 1100L * raw.remaining() + 1024);
            byte[] out = new byte[(int) Math.min(limit, Math.min(Math.max(uncompressBufSize, 1024), 1 << 20))];
            int n = 0;
            while (!inflater.finished()) {
                if (n == out.length) {
                    if (out.length >= limit) {
                        throw bad("data block at byte " + offset + " decompresses beyond any real block (corrupt file)");
                    }
                    out = java.util.Arrays.copyOf(out, (int) Math.min(limit, 2L * out.length));
                }
                int got = inflater.inflate(out, n, out.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw bad("data block at byte " + offset + " is cut short (truncated or corrupt file)");
                }
                n += got;
            }
            return ByteBuffer.wrap(out, 0, n).slice();
        } catch (DataFormatException e) {
            throw bad("data block at byte " + offset + " does not decompress: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    private void readChromTree(long offset) throws IOException {
        ByteBuffer h = read(offset, 32, "chromosome tree header");
        if (h.getInt(0) != CHROM_TREE_MAGIC) {
            throw bad("chromosome tree at byte " + offset + " lacks its magic number (corrupt file)");
        }
        int keySize = h.getInt(8);
        if (keySize < 1 || keySize > 1024) {
            throw bad("chromosome tree key size " + keySize + " (corrupt file)");
        }
        readChromNode(offset + 32, keySize, 0, new java.util.HashSet<>());
    }

    private void readChromNode(long offset, int keySize, int depth, java.util.Set<Long> visited) throws IOException {
        if (depth > 64 || !visited.add(offset)) {
            throw bad("chromosome tree loops or is deeper than 64 levels (corrupt file)");
        }
        ByteBuffer nodeHead = read(offset, 4, "chromosome tree node");
        boolean leaf = nodeHead.get(0) != 0;
        int count = Short.toUnsignedInt(nodeHead.getShort(2));
        int itemSize = keySize + 8;
        ByteBuffer items = read(offset + 4, (long) count * itemSize, "chromosome tree node");
        byte[] key = new byte[keySize];
        for (int i = 0; i < count; i++) {
            items.position(i * itemSize);
            items.get(key);
            if (leaf) {
                int len = 0;
                while (len < keySize && key[len] != 0) {
                    len++;
                }
                String name = new String(key, 0, len, java.nio.charset.StandardCharsets.US_ASCII);
                int id = items.getInt();
                int size = items.getInt();
                chroms.put(name, new int[] {id, size});
            } else {
                long child = items.getLong();
                checkOffset(child, "chromosome tree node");
                readChromNode(child, keySize, depth + 1, visited);
            }
        }
    }

    private ByteBuffer read(long offset, long length, String what) throws IOException {
        if (offset < 0 || length < 0 || offset + length > fileSize) {
            throw bad(what + " at byte " + offset + " lies past the end of the file (" + fileSize
                    + " bytes; truncated file?)");
        }
        ByteBuffer b = ByteBuffer.allocate((int) length);
        long pos = offset;
        while (b.hasRemaining()) {
            int n = channel.read(b, pos);
            if (n < 0) {
                throw bad(what + " at byte " + offset + " lies past the end of the file (truncated file?)");
            }
            pos += n;
        }
        b.flip();
        b.order(order == null ? ByteOrder.LITTLE_ENDIAN : order);
        return b;
    }

    private void checkOffset(long offset, String what) {
        if (offset <= 0 || offset >= fileSize) {
            throw bad(what + " offset " + offset + " lies outside the file (" + fileSize
                    + " bytes; truncated or corrupt file)");
        }
    }

    private BadInputException bad(String what) {
        return new BadInputException(path + ": " + what);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
