package org.deepchrome.binsignals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import htsjdk.samtools.util.BlockCompressedOutputStream;
import org.deepchrome.core.BadInputException;
import org.deepchrome.core.testing.FuzzInput;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Fuzz targets for the lean BAM path, which parses bytes itself: the BGZF blocks and BAM
 * records ({@link BamPieceReader}) and the .bai index ({@link BaiOffsets}). A read error
 * becomes one bad-input line naming the file, as {@code AlignmentCounting} reports it. Corpora
 * (BamPieceFuzzTestInputs): the first 37 records of test-data/H3K4me3.bam, as inflated records,
 * as a BAM file and as its index.
 */
class BamPieceFuzzTest {
    /** Any record bytes, packed into valid BGZF blocks: reaches the record parser. */
    @FuzzTest(maxDuration = "30s")
    @Timeout(10)
    void bamRecords(byte[] data) {
        FuzzInput.parsesOrRefuses(new byte[0], "reads.bam", file -> {
            try (BlockCompressedOutputStream out = new BlockCompressedOutputStream(file.toFile())) {
                out.write(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            scanAll(file);
        });
    }

    /** Any bytes as the BAM file itself: reaches the block parser and the inflater. */
    @FuzzTest(maxDuration = "30s")
    @Timeout(10)
    void bgzfBlocks(byte[] data) {
        FuzzInput.parsesOrRefuses(data, "reads.bam", BamPieceFuzzTest::scanAll);
    }

    /** Any bytes as a .bai: read, then asked for the start of pieces on its first contigs. */
    @FuzzTest(maxDuration = "30s")
    @Timeout(10)
    void baiIndex(byte[] data) {
        FuzzInput.parsesOrRefuses(data, "reads.bam.bai", file -> {
            BaiOffsets index = BaiOffsets.read(file);
            for (int reference = 0; reference < Math.min(3, index.references()); reference++) {
                for (int from : new int[] {0, 20_000, 1 << 30}) {
                    long offset = index.firstOffset(reference, from);
                    if (offset < -1) {
                        throw new AssertionError("offset " + offset + " for " + reference + ":" + from);
                    }
                }
            }
        });
    }

    /** Pieces as counting reads them: a whole contig, a later part of it, another contig. */
    private static void scanAll(Path file) {
        try (BamPieceReader reader = new BamPieceReader(file)) {
            BamPieceReader.Visitor check = (start, end, flags, mapq, templateLength) -> {
                if (end < start) {
                    throw new AssertionError("record ends at " + end + " before its start " + start);
                }
            };
            reader.scan(0, 0, 0, Integer.MAX_VALUE, check);
            reader.scan(0, 0, 1_000, 200_000, check);
            reader.scan(0, 1, 0, Integer.MAX_VALUE, check);
        } catch (IOException | htsjdk.samtools.SAMException e) {
            throw new BadInputException(file + ": cannot decode: " + e.getMessage(), e);
        }
    }
}
