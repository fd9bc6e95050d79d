package org.deepchrome.binsignals;

import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SAMSequenceRecord;
import htsjdk.samtools.SamReader;
import htsjdk.samtools.SamReaderFactory;
import org.deepchrome.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lean BAM path: {@link BaiOffsets} finds where a piece's records start, and
 * {@link BamPieceReader} visits exactly the records htsjdk's own reader gives for that piece.
 * (htsjdk's first chunk may start earlier than our offset: it drops chunks that end before the
 * linear-index entry but does not trim the others; both are valid starts, the records must agree.)
 */
class BamPieceReaderTest {
    @TempDir
    Path dir;

    /** Start positions htsjdk reports for the records of a contig starting in [from, to), MAPQ and flags ignored. */
    private static List<Integer> htsjdkStarts(Path bam, String contig, int from, int to) throws IOException {
        List<Integer> starts = new ArrayList<>();
        try (SamReader reader = SamReaderFactory.makeDefault().open(bam)) {
            for (SAMRecord r : (Iterable<SAMRecord>) () -> reader.query(contig, from + 1, to, false)) {
                int start = r.getAlignmentStart() - 1;
                if (start >= from && start < to) {
                    starts.add(start);
                }
            }
        }
        return starts;
    }

    private static List<Integer> leanStarts(Path bam, long offset, int reference, int from, int to) throws IOException {
        List<Integer> starts = new ArrayList<>();
        if (offset < 0) {
            return starts;
        }
        try (BamPieceReader reader = new BamPieceReader(bam)) {
            reader.scan(offset, reference, from, to, (start, end, flags, mapq, templateLength) -> starts.add(start));
        }
        return starts;
    }

    @Test
    void everyPieceOfTheTestDataGivesHtsjdksRecords() throws IOException {
        for (String mark : List.of("H3K4me3", "H3K27me3")) {
            Path bam = Fixtures.testData().resolve(mark + ".bam");
            BaiOffsets index = BaiOffsets.read(Path.of(bam + ".bai"));
            try (SamReader reader = SamReaderFactory.makeDefault().open(bam)) {
                int pieces = 0;
                for (SAMSequenceRecord contig : reader.getFileHeader().getSequenceDictionary().getSequences()) {
                    int length = contig.getSequenceLength();
                    for (int from = 0; from < length; from += 137_000) { // pieces starting mid-window too
                        int to = Math.min(length, from + 211_000);
                        long ours = index.firstOffset(contig.getSequenceIndex(), from);
                        List<Integer> expected = htsjdkStarts(bam, contig.getSequenceName(), from, to);
                        assertEquals(expected, leanStarts(bam, ours, contig.getSequenceIndex(), from, to),
                                mark + " " + contig.getSequenceName() + ":" + from + "-" + to);
                        pieces += expected.isEmpty() ? 0 : 1;
                    }
                }
                assertTrue(pieces > 20, "too few pieces with reads to mean anything: " + pieces);
            }
        }
    }

    @Test
    void aRecordLargerThanTheReadWindowIsRead() throws IOException {
        // 600,000 bases of sequence and qualities: one record of ~900 KB, nearly the 1 MiB window
        // plus the block behind it, so the window must grow to hold it
        Path bam = new Fixtures.Bam().contig("chr1", 2_000_000)
                .read("chr1", 100).read("chr1", 200, "600000M", 0, 60).read("chr1", 700_000)
                .withSequences().write(dir.resolve("long.bam"), true);
        BaiOffsets index = BaiOffsets.read(Path.of(bam + ".bai"));
        List<int[]> seen = new ArrayList<>();
        try (BamPieceReader reader = new BamPieceReader(bam)) {
            reader.scan(index.firstOffset(0, 0), 0, 0, Integer.MAX_VALUE,
                    (start, end, flags, mapq, templateLength) -> seen.add(new int[] {start, end}));
        }
        assertEquals(3, seen.size());
        assertEquals(199, seen.get(1)[0]);
        assertEquals(199 + 600_000, seen.get(1)[1]);
        assertEquals(699_999, seen.get(2)[0]);
    }

    @Test
    void piecesPastTheLastReadAreEmpty() throws IOException {
        Path bam = new Fixtures.Bam().contig("chr1", 5_000_000).contig("chr2", 1000)
                .read("chr1", 1000).read("chr1", 20_000).write(dir.resolve("sparse.bam"), true);
        BaiOffsets index = BaiOffsets.read(Path.of(bam + ".bai"));
        assertEquals(-1, index.firstOffset(0, 4_000_000), "no read reaches window 244 of chr1");
        assertEquals(-1, index.firstOffset(1, 0), "chr2 has no reads");
        assertEquals(List.of(19_999), leanStarts(bam, index.firstOffset(0, 10_000), 0, 10_000, Integer.MAX_VALUE));
    }

    @Test
    void aCsiIndexCountsAsTheBaiDoes() throws IOException, InterruptedException {
        Path data = Fixtures.testData();
        Path copy = Files.copy(data.resolve("H3K4me3.bam"), dir.resolve("H3K4me3.bam"));
        Fixtures.exec(dir, "samtools", "index", "-c", copy.toString()); // pieces found through htsjdk's CSI queries
        assertTrue(Files.exists(dir.resolve("H3K4me3.bam.csi")));
        String[] common = {"--genes", data.resolve("genes.bed").toString(), "--threads", "2", "--quiet", "--output"};
        for (Path bam : List.of(copy, data.resolve("H3K4me3.bam"))) {
            List<Object> args = new ArrayList<>(List.of((Object[]) common));
            args.add(dir.resolve(bam == copy ? "csi.csv" : "bai.csv"));
            args.addAll(List.of("--mark", "H3K4me3=" + bam));
            assertEquals(0, Fixtures.run(args.toArray()).exitCode());
        }
        assertEquals(Files.readString(dir.resolve("bai.csv")), Files.readString(dir.resolve("csi.csv")));
    }

    @Test
    void aFileThatIsNotAnIndexIsOneLineOfBadInput() throws IOException {
        Path notIndex = Files.writeString(dir.resolve("x.bam.bai"), "chr1\t0\t100\n");
        BadInputException e = assertThrows(BadInputException.class, () -> BaiOffsets.read(notIndex));
        assertTrue(e.getMessage().startsWith(notIndex + ": not a BAM index"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));

        Path bam = Fixtures.testData().resolve("H3K4me3.bam");
        byte[] whole = Files.readAllBytes(Path.of(bam + ".bai"));
        Path cut = Files.write(dir.resolve("cut.bam.bai"), java.util.Arrays.copyOf(whole, whole.length / 2));
        e = assertThrows(BadInputException.class, () -> BaiOffsets.read(cut));
        assertTrue(e.getMessage().contains("ends early") || e.getMessage().contains("more than the file holds"),
                e.getMessage());
    }
}
