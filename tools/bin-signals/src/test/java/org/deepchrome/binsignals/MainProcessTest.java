package org.deepchrome.binsignals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real main(): a separate JVM, so exit codes are the process's, as the launcher sees them. */
class MainProcessTest {
    @TempDir
    Path dir;

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private Result main(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BinSignals.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int exit = p.waitFor();
        return new Result(exit, Files.readString(out), Files.readString(err));
    }

    @Test
    void versionHelpSuccessAndBadUsageExitCodes() throws Exception {
        Result version = main("--version");
        assertEquals(0, version.exitCode(), version.stderr());
        assertTrue(version.stdout().startsWith("deepchrome-bin-signals "), version.stdout());

        Result help = main("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.stdout().contains("--bins-bed") && help.stdout().contains("Example ("), help.stdout());

        Path data = Fixtures.testData();
        Path matrix = dir.resolve("m.csv.gz");
        Result ok = main("--genes", data.resolve("genes.bed").toString(), "--mark",
                "H3K4me3=" + data.resolve("H3K4me3.bam"), "--output", matrix.toString(), "--quiet");
        assertEquals(0, ok.exitCode(), ok.stderr());
        assertEquals("", ok.stderr());
        assertTrue(Files.size(matrix) > 1_000);

        Result bad = main("--genes", data.resolve("genes.bed").toString(), "--mark", "H3K4me3",
                "--output", dir.resolve("bad.csv").toString());
        assertEquals(2, bad.exitCode());
        assertEquals(1, bad.stderr().lines().count(), bad.stderr());
        assertFalse(Files.exists(dir.resolve("bad.csv")));
    }
    /** An index older than its BAM: one warning in the suite's format, not htsjdk's line per piece read. */
    @Test
    void anOldIndexIsOneWarningLine() throws Exception {
        Path data = Fixtures.testData();
        Path bam = dir.resolve("reads.bam");
        Path bai = dir.resolve("reads.bam.bai");
        Files.copy(data.resolve("H3K4me3.bam"), bam);
        Files.copy(data.resolve("H3K4me3.bam.bai"), bai);
        Files.setLastModifiedTime(bai, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        Files.setLastModifiedTime(bam, java.nio.file.attribute.FileTime.fromMillis(1_500_000_000_000L));
        Path matrix = dir.resolve("m.csv");
        Result run = main("--genes", data.resolve("genes.bed").toString(), "--mark", "H3K4me3=" + bam,
                "--output", matrix.toString(), "--threads", "2", "--quiet");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of("deepchrome-bin-signals: warning: " + bai + " is older than " + bam + "; if the data "
                + "changed since, re-create it: samtools index " + bam), run.stderr().lines().toList());
        assertTrue(Files.size(matrix) > 1_000);
    }
}
