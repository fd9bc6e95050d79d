package org.deepchrome.core.matrix;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.deepchrome.core.testing.FuzzInput;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets for the matrix reader. Plain {@code mvn verify} runs each target on its committed
 * corpus (src/test/resources/.../MatrixReaderFuzzTestInputs/&lt;target&gt;: headed and headless
 * matrices cut from test-data, a gzip one, and every input a fuzzing run once failed on);
 * {@code tools/fuzz.sh} fuzzes each for a bounded time.
 */
class MatrixReaderFuzzTest {
    /** Raw bytes as the file: plain CSV, gzip (valid or damaged), or anything else. */
    @FuzzTest(maxDuration = "30s")
    @Timeout(10)
    void matrixCsv(byte[] data) {
        FuzzInput.parsesOrRefuses(data, "matrix.csv", MatrixReader::read);
    }

    /** The bytes gzip-compressed first, so mutations reach the CSV parser through the gzip path. */
    @FuzzTest(maxDuration = "30s")
    @Timeout(10)
    void matrixCsvGz(byte[] data) {
        FuzzInput.parsesOrRefuses(FuzzInput.gzip(data), "matrix.csv.gz", MatrixReader::read);
    }
}
