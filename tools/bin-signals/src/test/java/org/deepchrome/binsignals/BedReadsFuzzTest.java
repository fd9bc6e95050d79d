package org.deepchrome.binsignals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.deepchrome.core.cli.Progress;
import org.deepchrome.core.testing.FuzzInput;
import org.junit.jupiter.api.Timeout;

import java.util.List;

/**
 * Fuzz target for reads given as BED3+/tagAlign text, counted into the windows of a few genes
 * on chr1 and chr2 in every count mode (5'-end and fragment-centre counting need the strand).
 */
class BedReadsFuzzTest {
    private static final List<Gene> GENES = List.of(
            new Gene("G1", "chr1", 5_000, '+', 1), new Gene("G2", "chr1", 9_000, '-', 2),
            new Gene("G3", "chr2", 200, '+', 3));
    private static final BinLayout LAYOUT = new BinLayout(GENES, 1_000, 100);

    @FuzzTest(maxDuration = "30s")
    @Timeout(10)
    void bedReads(byte[] data) {
        for (CountMode mode : CountMode.values()) {
            FuzzInput.parsesOrRefuses(data, "reads.tagAlign", file -> {
                CountSettings settings = new CountSettings(mode, 200, 0, Normalization.NONE, false);
                MarkCounts counts = new MarkCounts(GENES.size(), LAYOUT.bins(), false);
                try (Progress progress = new Progress("counting", 1, true)) {
                    new BedReadsCounting(new MarkInput("H3K4me3", file), LAYOUT, settings, counts).run(progress);
                }
            });
        }
    }
}
