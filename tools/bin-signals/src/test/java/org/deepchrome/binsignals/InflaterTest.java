package org.deepchrome.binsignals;

import org.deepchrome.core.testing.ToolRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Intel GKL's native inflater (used where it loads) and the JDK's give byte-identical
 * matrices, and the tool falls back to the JDK's where the native library cannot load.
 */
class InflaterTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearChoice() {
        System.clearProperty(Inflaters.PROPERTY);
        Inflaters.install();
    }

    /** GKL ships its library for Linux x86-64 only; elsewhere the JDK inflater is all there is. */
    private static void assumeGklPlatform() {
        Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux")
                        && List.of("amd64", "x86_64").contains(System.getProperty("os.arch")),
                "skipped: Intel GKL has no native library for " + System.getProperty("os.name") + " "
                        + System.getProperty("os.arch"));
    }

    private byte[] matrix(String inflater, String name, String... extra) throws IOException {
        System.setProperty(Inflaters.PROPERTY, inflater);
        Path data = Fixtures.testData();
        List<Object> args = new ArrayList<>(List.of("--genes", data.resolve("genes.bed"), "--output", dir.resolve(name),
                "--quiet", "--expression", data.resolve("expression.tsv")));
        for (String mark : List.of("H3K4me3", "H3K4me1", "H3K36me3", "H3K9me3", "H3K27me3")) {
            args.add("--mark");
            args.add(mark + "=" + data.resolve(mark + ".bam"));
        }
        args.addAll(List.of(extra));
        ToolRun run = Fixtures.run(args.toArray());
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("", run.stderr());
        return Files.readAllBytes(dir.resolve(name));
    }

    @Test
    void gklLoadsHereAndGivesTheSameMatricesAsTheJdk() throws IOException {
        assumeGklPlatform();
        System.setProperty(Inflaters.PROPERTY, "auto");
        assertEquals(Inflaters.Kind.INTEL_GKL, Inflaters.install(), "GKL's native inflater did not load on Linux x86-64");
        System.setProperty(Inflaters.PROPERTY, "java");
        assertEquals(Inflaters.Kind.JAVA, Inflaters.install());

        assertArrayEquals(matrix("java", "java.csv", "--threads", "2"), matrix("auto", "gkl.csv", "--threads", "2"));
        assertArrayEquals(matrix("java", "java5.csv.gz", "--count", "five-prime", "--min-mapq", "5"),
                matrix("auto", "gkl5.csv.gz", "--count", "five-prime", "--min-mapq", "5"));
    }

    @Test
    void unknownChoiceIsBadInput() {
        System.setProperty(Inflaters.PROPERTY, "zlib-ng");
        Path data = Fixtures.testData();
        ToolRun run = Fixtures.run("--genes", data.resolve("genes.bed"), "--mark", "A=" + data.resolve("H3K4me3.bam"),
                "--output", dir.resolve("x.csv"));
        assertEquals(2, run.exitCode());
        assertEquals("deepchrome-bin-signals: DEEPCHROME_INFLATER=zlib-ng: must be auto or java",
                run.stderr().strip());
    }

    /** Runs {@link InflaterProbe} or the tool in a fresh JVM, where GKL has not been loaded yet. */
    private Process fresh(Map<String, String> environment, List<String> jvmOptions, String mainClass, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove(Inflaters.ENVIRONMENT);
        builder.environment().putAll(environment);
        return builder.start();
    }

    private String probe(Map<String, String> environment, String... jvmOptions) throws Exception {
        Process p = fresh(environment, List.of(jvmOptions), InflaterProbe.class.getName());
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void fallsBackToTheJdkWhereTheNativeLibraryCannotLoadOrIsRefused() throws Exception {
        assumeGklPlatform();
        Path noTmp = dir.resolve("no-such-tmpdir"); // GKL unpacks its .so there: it cannot, so it cannot load
        assertEquals("INTEL_GKL", probe(Map.of()));
        assertEquals("JAVA", probe(Map.of(), "-Djava.io.tmpdir=" + noTmp));
        assertEquals("JAVA", probe(Map.of(Inflaters.ENVIRONMENT, "java")));

        // The whole tool in that JVM: same matrix, nothing on stderr, exit 0.
        byte[] expected = matrix("java", "expected.csv");
        Path data = Fixtures.testData();
        List<String> args = new ArrayList<>(List.of("--genes", data.resolve("genes.bed").toString(), "--output",
                dir.resolve("fallback.csv").toString(), "--quiet", "--expression", data.resolve("expression.tsv").toString()));
        for (String mark : List.of("H3K4me3", "H3K4me1", "H3K36me3", "H3K9me3", "H3K27me3")) {
            args.add("--mark");
            args.add(mark + "=" + data.resolve(mark + ".bam"));
        }
        Process tool = fresh(Map.of(), List.of("-Djava.io.tmpdir=" + noTmp), BinSignals.class.getName(),
                args.toArray(String[]::new));
        String output = new String(tool.getInputStream().readAllBytes());
        assertEquals(0, tool.waitFor(), output);
        assertEquals("", output);
        assertArrayEquals(expected, Files.readAllBytes(dir.resolve("fallback.csv")));
    }
}
