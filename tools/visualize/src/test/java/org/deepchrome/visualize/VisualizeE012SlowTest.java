package org.deepchrome.visualize;

import org.apache.commons.csv.CSVRecord;
import org.deepchrome.core.testing.ToolRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The paper's biology on real data: a CNN trained on Roadmap E012 (6,601 training genes) must tie
 * more H3K4me3 around the TSS to high expression than to low. Slow (minutes of training): runs with
 * {@code mvn verify -Pslow}; skipped with a message when ../shared/data/remc-E012 is absent.
 */
@Tag("slow")
class VisualizeE012SlowTest {
    @TempDir
    Path out;

    @Test
    void highExpressionMapHasMoreH3K4me3AroundTheTss() throws Exception {
        Path data = TestData.shared("remc-E012");
        Path model = TestData.cnn(data, 10);
        ToolRun run = ToolRun.of(new Visualize(), "--model", model.toString(), "--output-dir", out.toString(), "--quiet",
                "--threads", "2");
        assertEquals(0, run.exitCode(), run.stderr());
        List<CSVRecord> rows = VisualizeTest.readTsv(out.resolve("class_optimization.tsv"));
        assertEquals(2 * 5 * 100, rows.size());
        for (String mark : List.of("H3K4me3", "H3K4me1", "H3K36me3", "H3K27me3", "H3K9me3")) {
            // printed for the record: what each mark does in the two maps
            System.out.printf(Locale.ROOT, "E012 %-8s TSS bins 45-56: high %+.4f low %+.4f | all bins: high %+.4f"
                    + " low %+.4f%n", mark, VisualizeTest.meanOver(rows, "high", mark, 45, 56),
                    VisualizeTest.meanOver(rows, "low", mark, 45, 56), VisualizeTest.meanOver(rows, "high", mark, 1, 100),
                    VisualizeTest.meanOver(rows, "low", mark, 1, 100));
        }
        double high = VisualizeTest.meanOver(rows, "high", "H3K4me3", 45, 56);
        double low = VisualizeTest.meanOver(rows, "low", "H3K4me3", 45, 56);
        assertTrue(high > low, "E012 H3K4me3 at TSS bins 45-56: high map " + high + ", low map " + low);
        Images.assertPng(out.resolve("class_optimization.png"), 1200, 720);
    }
}
