package org.deepchrome.binsignals;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class BinLayoutTest {
    private static final Gene PLUS = new Gene("p", "chr1", 2_000, '+', 1);
    private static final Gene MINUS = new Gene("m", "chr1", 5_999, '-', 2);

    @Test
    void plusStrandBinOneStartsWindowUpstreamAndTheTssOpensTheMiddleBin() {
        BinLayout layout = new BinLayout(List.of(PLUS), 5_000, 100);
        assertEquals(100, layout.bins());
        assertEquals(-3_000, layout.binStart(PLUS, 0));
        assertEquals(2_000, layout.binStart(PLUS, 50)); // bin 51 (1-based) holds the TSS base
        assertEquals(6_900, layout.binStart(PLUS, 99));
    }

    @Test
    void minusStrandIsMirroredAroundTheTssBase() {
        BinLayout layout = new BinLayout(List.of(MINUS), 500, 100);
        assertEquals(10, layout.bins());
        assertEquals(6_400, layout.binStart(MINUS, 0)); // most upstream = highest coordinates
        assertEquals(5_900, layout.binStart(MINUS, 5)); // bin 6 (1-based) [5900,6000) holds the TSS base 5999
        assertEquals(5_500, layout.binStart(MINUS, 9));
    }

    @Test
    void aReadCountsOnceInEveryBinItTouchesByOneBaseAndNotInTouchingBins() {
        BinLayout layout = new BinLayout(List.of(PLUS, MINUS), 500, 100);
        int[] counts = new int[2 * 10];
        BinLayout.Contig chr1 = layout.contig("chr1");
        chr1.add(1_550, 1_600, counts); // PLUS bin 0 only: ends where bin 1 starts
        chr1.add(1_599, 1_601, counts); // 1 bp in bin 0 and 1 bp in bin 1
        chr1.add(1_400, 1_500, counts); // ends where the window starts: nothing
        chr1.add(6_450, 6_500, counts); // MINUS bin 0
        chr1.add(5_500, 5_501, counts); // MINUS bin 9
        chr1.add(2_300, 2_450, counts); // PLUS bins 8 and 9
        int[] expected = new int[20];
        expected[0] = 2;
        expected[1] = 1;
        expected[8] = 1;
        expected[9] = 1;
        expected[10] = 1;
        expected[19] = 1;
        assertArrayEquals(expected, counts);
    }

    @Test
    void binarySearchAgreesWithCheckingEveryBinOnRandomGenesAndReads() {
        Random random = new Random(7);
        List<Gene> genes = new ArrayList<>();
        for (int i = 0; i < 300; i++) { // overlapping windows, equal TSSs and both strands on purpose
            genes.add(new Gene("g" + i, "c", random.nextInt(200_000), random.nextBoolean() ? '+' : '-', i));
        }
        genes.add(new Gene("same1", "c", 50_000, '+', 301));
        genes.add(new Gene("same2", "c", 50_000, '+', 302));
        BinLayout layout = new BinLayout(genes, 1_000, 50);
        int bins = layout.bins();
        int[] fast = new int[genes.size() * bins];
        int[] cursor = new int[genes.size() * bins];
        BinLayout.Contig.Cursor walker = layout.contig("c").cursor();
        int[] slow = new int[genes.size() * bins];
        int sortedStart = -2_000;
        for (int r = 0; r < 20_000; r++) {
            // mostly increasing starts, as in a sorted BAM, with a jump back now and then
            sortedStart += random.nextInt(25);
            int start = r % 500 == 0 ? random.nextInt(205_000) - 2_000 : sortedStart;
            int end = start + 1 + random.nextInt(r % 10 == 0 ? 3_000 : 150);
            layout.contig("c").add(start, end, fast);
            walker.add(start, end, cursor);
            for (int g = 0; g < genes.size(); g++) {
                for (int b = 0; b < bins; b++) {
                    int s = layout.binStart(genes.get(g), b);
                    if (start < s + 50 && end > s) {
                        slow[g * bins + b]++;
                    }
                }
            }
        }
        assertArrayEquals(slow, fast);
        assertArrayEquals(slow, cursor);
    }

    @Test
    void contigsMatchByNameThenByTheOtherSpellingWithoutFeedingOneContigTwice() {
        Gene a = new Gene("a", "chr1", 10_000, '+', 1);
        Gene b = new Gene("b", "2", 10_000, '+', 2);
        BinLayout layout = new BinLayout(List.of(a, b), 500, 100);
        var matched = layout.match(List.of("1", "chr2", "chrX"));
        assertSame(layout.contig("chr1"), matched.get("1"));
        assertSame(layout.contig("2"), matched.get("chr2"));
        assertNull(matched.get("chrX"));
        var both = layout.match(List.of("1", "chr1"));
        assertSame(layout.contig("chr1"), both.get("chr1")); // exact name wins
        assertNull(both.get("1"));
        assertEquals("MT", ContigNames.alias("chrM"));
        assertEquals("chrM", ContigNames.alias("MT"));
        assertEquals("X", ContigNames.alias("chrX"));
    }
}
