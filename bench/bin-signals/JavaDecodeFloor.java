import com.intel.gkl.compression.IntelInflaterFactory;
import htsjdk.samtools.util.BlockCompressedInputStream;
import htsjdk.samtools.util.BlockGunzipper;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Benchmark probe, not part of the tool: how fast can Java walk a BAM if it skips htsjdk's
 * SAMRecord and parses only what bin counting needs (flag, MAPQ, position, CIGAR span)?
 * Reads BGZF with htsjdk's BlockCompressedInputStream (java.util.zip inflate, or with a second
 * argument {@code gkl} Intel GKL's native inflater, as bin-signals does), counts the records
 * bin-signals would count (mapped, not duplicate, not QC-fail) and sums their spans.
 * Run: java -cp 'tools/bin-signals/target/lib/*' JavaDecodeFloor.java FILE.bam [gkl]
 */
public class JavaDecodeFloor {
    private static final java.util.logging.Logger GKL_LOG = java.util.logging.Logger.getLogger("com.intel.gkl");

    public static void main(String[] args) throws Exception {
        if (args.length > 1 && args[1].equals("gkl")) {
            GKL_LOG.setLevel(java.util.logging.Level.OFF); // its "Loading ... from jar" line
            IntelInflaterFactory gkl = new IntelInflaterFactory();
            if (!gkl.usingIntelInflater()) {
                throw new IllegalStateException("Intel GKL's native inflater does not load here");
            }
            BlockGunzipper.setDefaultInflaterFactory(gkl);
        }
        long counted = 0;
        long spanSum = 0;
        try (DataInputStream in = new DataInputStream(new BlockCompressedInputStream(new File(args[0])))) {
            ByteBuffer le = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            byte[] magic = new byte[4];
            in.readFully(magic);
            int textLength = readInt(in, le);
            in.skipNBytes(textLength);
            int references = readInt(in, le);
            for (int r = 0; r < references; r++) {
                in.skipNBytes(readInt(in, le) + 4L);
            }
            byte[] record = new byte[1 << 16];
            while (true) {
                int size;
                try {
                    size = readInt(in, le);
                } catch (EOFException e) {
                    break;
                }
                if (size > record.length) {
                    record = new byte[size];
                }
                in.readFully(record, 0, size);
                ByteBuffer b = ByteBuffer.wrap(record, 0, size).order(ByteOrder.LITTLE_ENDIAN);
                int nameLength = b.get(8) & 0xff;
                int mapq = b.get(9) & 0xff;
                int cigarOps = b.getShort(12) & 0xffff;
                int flag = b.getShort(14) & 0xffff;
                if ((flag & (0x4 | 0x200 | 0x400)) != 0 || mapq < 0) {
                    continue;
                }
                int span = 0;
                for (int c = 0; c < cigarOps; c++) {
                    int op = b.getInt(32 + nameLength + 4 * c);
                    int kind = op & 0xf;
                    if (kind == 0 || kind == 2 || kind == 3 || kind == 7 || kind == 8) { // M D N = X
                        span += op >>> 4;
                    }
                }
                counted++;
                spanSum += span;
            }
        }
        System.out.println(counted + " records counted, " + spanSum + " aligned bases");
    }

    private static int readInt(DataInputStream in, ByteBuffer le) throws java.io.IOException {
        le.clear();
        in.readFully(le.array(), 0, 4);
        return le.getInt(0);
    }
}
