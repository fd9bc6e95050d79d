package org.deepchrome.binsignals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.deepchrome.core.testing.FuzzInput;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets for the gene readers; the file name picks the format, as it does for users.
 * Corpora (GeneReaderFuzzTestInputs/&lt;target&gt;) are cut from test-data/genes.bed and its GTF
 * and GFF3 equivalents; {@code tools/fuzz.sh} fuzzes each target for a bounded time.
 */
class GeneReaderFuzzTest {
    @FuzzTest(maxDuration = "30s")
    @Timeout(10)
    void genesBed(byte[] data) {
        FuzzInput.parsesOrRefuses(data, "genes.bed", GeneReader::read);
    }

    @FuzzTest(maxDuration = "30s")
    @Timeout(10)
    void genesGtf(byte[] data) {
        FuzzInput.parsesOrRefuses(data, "genes.gtf", GeneReader::read);
    }

    @FuzzTest(maxDuration = "30s")
    @Timeout(10)
    void genesGff3(byte[] data) {
        FuzzInput.parsesOrRefuses(data, "genes.gff3", GeneReader::read);
    }
}
