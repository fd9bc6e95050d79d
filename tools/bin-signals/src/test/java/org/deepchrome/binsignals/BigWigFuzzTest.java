package org.deepchrome.binsignals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.deepchrome.core.testing.FuzzInput;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for the bigWig reader: open (header, chromosome tree) and read every
 * chromosome's data (R-tree, zlib blocks, sections). The corpus (BigWigFuzzTestInputs/bigWig)
 * is a small track pyBigWig wrote with all three section kinds; {@code tools/fuzz.sh} fuzzes it.
 */
class BigWigFuzzTest {
    @FuzzTest(maxDuration = "30s")
    @Timeout(10)
    void bigWig(byte[] data) {
        FuzzInput.parsesOrRefuses(data, "track.bw", file -> {
            try (BigWigFile bw = BigWigFile.open(file)) {
                for (String chrom : bw.chromosomes().keySet()) {
                    bw.query(chrom, 0, Integer.MAX_VALUE, (start, end, value) -> { });
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
