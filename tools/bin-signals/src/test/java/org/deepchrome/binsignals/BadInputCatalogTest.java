package org.deepchrome.binsignals;

import htsjdk.samtools.SAMFileHeader;
import htsjdk.samtools.SAMFileWriter;
import htsjdk.samtools.SAMFileWriterFactory;
import htsjdk.samtools.SAMSequenceDictionary;
import htsjdk.samtools.SAMSequenceRecord;
import org.deepchrome.core.testing.BadInputCatalog;
import org.deepchrome.core.testing.BadInputCatalog.Case;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** The deepchrome-bin-signals rows of docs/bad-inputs.md; corrupt BAMs are made here from test-data. */
class BadInputCatalogTest {
    private static final Path DATA = Fixtures.testData();
    private static final Path GENES = DATA.resolve("genes.bed");
    private static final Path BAM = DATA.resolve("H3K4me3.bam");

    @TestFactory
    Stream<DynamicTest> catalogue() {
        Map<String, Case> cases = new LinkedHashMap<>();
        cases.put("bs-genes-3-columns", d -> withGenes(d, "genes.bed", "chr1\t100\t200\n"));
        cases.put("bs-gtf-without-genes", d -> withGenes(d, "genes.gtf",
                "chr1\tsrc\texon\t100\t200\t.\t+\t.\tgene_id \"A\";\n"));
        cases.put("bs-duplicate-gene-id", d -> withGenes(d, "genes.bed",
                "chr1\t100\t200\tA\t0\t+\nchr1\t300\t400\tA\t0\t+\n"));
        cases.put("bs-gene-strand", d -> withGenes(d, "genes.bed", "chr1\t100\t200\tA\t0\t.\n"));
        cases.put("bs-gene-interval", d -> withGenes(d, "genes.bed", "chr1\t300\t200\tA\t0\t+\n"));
        cases.put("bs-genes-empty", d -> withGenes(d, "genes.bed", "# nothing but a comment\n"));
        cases.put("bs-genes-not-utf8", d -> {
            Path genes = d.resolve("in/genes.bed");
            Files.write(genes, new byte[] {'c', 'h', 'r', '1', '\t', '1', '0', '\t', '2', '0', '\t', 'G', (byte) 0xff,
                (byte) 0xfe, '\t', '0', '\t', '+', '\n'});
            return args(d, genes, BAM);
        });
        cases.put("bs-genes-huge-line", d -> withGenes(d, "genes.bed",
                "chr1\t100\t200\tA\t0\t+\nchr1\t300\t400\t" + "B".repeat(2_000_000) + "\t0\t+\n"));
        cases.put("bs-genes-directory", d -> args(d, Files.createDirectories(d.resolve("in/genes")), BAM));
        cases.put("bs-read-file-missing", d -> args(d, GENES, d.resolve("in/missing.bam")));
        cases.put("bs-read-file-directory", d -> args(d, GENES, Files.createDirectories(d.resolve("in/reads.bam"))));
        cases.put("bs-empty-bam-file", d -> args(d, GENES, Files.write(d.resolve("in/empty.bam"), new byte[0])));
        cases.put("bs-bam-truncated", d -> {
            byte[] whole = Files.readAllBytes(BAM);
            Path cut = Files.write(d.resolve("in/cut.bam"), Arrays.copyOf(whole, whole.length / 2));
            Files.copy(Path.of(BAM + ".bai"), d.resolve("in/cut.bam.bai"));
            return args(d, GENES, cut);
        });
        cases.put("bs-bam-corrupt-block", d -> {
            byte[] bytes = Files.readAllBytes(BAM);
            for (int i = bytes.length / 2; i < bytes.length / 2 + 64; i++) {
                bytes[i] ^= 0x5a; // garble a BGZF block in the middle; the end-of-file block stays intact
            }
            Path corrupt = Files.write(d.resolve("in/corrupt.bam"), bytes);
            Files.copy(Path.of(BAM + ".bai"), d.resolve("in/corrupt.bam.bai"));
            return args(d, GENES, corrupt, "--threads", "1");
        });
        cases.put("bs-bam-without-index", d -> args(d, GENES, Files.copy(BAM, d.resolve("in/reads.bam"))));
        cases.put("bs-index-of-another-bam", d -> {
            Path bam = Files.copy(BAM, d.resolve("in/reads.bam"));
            Files.copy(DATA.resolve("H3K9me3.bam.bai"), d.resolve("in/reads.bam.bai"));
            return args(d, GENES, bam, "--threads", "1");
        });
        cases.put("bs-bam-sorted-by-name", d -> {
            Path bam = d.resolve("in/byname.bam");
            SAMSequenceDictionary dict = new SAMSequenceDictionary();
            dict.addSequence(new SAMSequenceRecord("chr1", 2_500_000));
            SAMFileHeader header = new SAMFileHeader(dict);
            header.setSortOrder(SAMFileHeader.SortOrder.queryname);
            try (SAMFileWriter w = new SAMFileWriterFactory().makeBAMWriter(header, true, bam)) {
                // the header is what tells the order; no records needed
            }
            Files.copy(Path.of(BAM + ".bai"), d.resolve("in/byname.bam.bai"));
            return args(d, GENES, bam);
        });
        cases.put("bs-cram-without-reference", d -> args(d, GENES, Files.writeString(d.resolve("in/x.cram"), "CRAM\3\0")));
        cases.put("bs-cram-wrong-reference", d -> {
            Path in = d.resolve("in");
            Path right = fasta(in.resolve("right.fa"), 3);
            Path wrong = fasta(in.resolve("wrong.fa"), 4); // same name and length, other bases
            Path bam = CountingTest.story("chr1").write(in.resolve("r.bam"), true);
            Path cram = in.resolve("r.cram");
            Fixtures.exec(in, "samtools", "view", "-C", "-T", right.toString(), "-o", cram.toString(), bam.toString());
            Fixtures.exec(in, "samtools", "index", cram.toString());
            Fixtures.exec(in, "samtools", "faidx", wrong.toString());
            Path genes = Files.writeString(in.resolve("genes.bed"), CountingTest.GENES);
            return args(d, genes, cram, "--reference", wrong.toString(), "--window", "500");
        });
        cases.put("bs-reads-bed-2-columns", d -> args(d, GENES, Files.writeString(d.resolve("in/reads.bed"),
                "chr1\t10\t60\nchr1\t10\n")));
        cases.put("bs-contigs-match-no-gene", d -> args(d, Files.writeString(d.resolve("in/genes.bed"),
                "chrX\t100000\t101000\tA\t0\t+\nchr1\t300000\t301000\tB\t0\t+\n"), localBam(d)));
        cases.put("bs-contig-names-match-no-gene", d -> args(d, Files.writeString(d.resolve("in/genes.bed"),
                "NC_000001\t100000\t101000\tA\t0\t+\nNC_000002\t300000\t301000\tB\t0\t+\n"), localBam(d)));
        cases.put("bs-tss-at-contig-edge", d -> withGenes(d, "genes.bed",
                "chr1\t10\t2000\tA\t0\t+\nchr1\t2498000\t2500000\tB\t0\t-\n"));
        cases.put("bs-header-only-bam", d -> args(d, Files.writeString(d.resolve("in/genes.bed"),
                "chr1\t100000\t101000\tA\t0\t+\nchr2\t300000\t301000\tB\t0\t+\n"),
                new Fixtures.Bam().contig("chr1", 2_500_000).contig("chr2", 1_400_000).write(d.resolve("in/empty.bam"), true)));
        cases.put("bs-index-older-than-bam", d -> {
            Path bam = Files.copy(BAM, d.resolve("in/reads.bam"));
            Path bai = Files.copy(DATA.resolve("H3K4me3.bam.bai"), d.resolve("in/reads.bam.bai"));
            Files.setLastModifiedTime(bai, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
            Files.setLastModifiedTime(bam, java.nio.file.attribute.FileTime.fromMillis(1_500_000_000_000L));
            return args(d, GENES, bam);
        });
        cases.put("bs-output-is-directory", d -> {
            Files.createDirectories(d.resolve("out/m.csv"));
            return new String[] {"--genes", GENES.toString(), "--mark", "A=" + BAM, "--output", d.resolve("out/m.csv").toString(),
                "--quiet"};
        });
        cases.put("bs-output-below-a-file", d -> {
            Files.writeString(d.resolve("in/a-file"), "");
            return new String[] {"--genes", GENES.toString(), "--mark", "A=" + BAM, "--output",
                d.resolve("in/a-file/m.csv").toString(), "--quiet"};
        });
        cases.put("bs-disk-full", d -> {
            Path out = Files.createDirectories(d.resolve("out"));
            BadInputCatalog.assumeMade(Tmpfs.mount(out, "16k"), "cannot mount a tmpfs here (needs root): full-disk row not run");
            BadInputCatalog.afterRun(d, () -> Tmpfs.unmount(out));
            return args(d, GENES, BAM);
        });
        cases.put("bs-expression-not-a-number", d -> args(d, GENES, BAM, "--expression",
                Files.writeString(d.resolve("in/e.tsv"), "gene_id\texpression\nGENE0001\t1.5\nGENE0002\tlots\n").toString()));
        cases.put("bs-expression-ids-differ", d -> args(d, Files.copy(GENES, d.resolve("in/genes.bed")), BAM, "--expression",
                Files.writeString(d.resolve("in/e.tsv"), "gene_id\texpression\nENSG1\t1.5\nENSG2\t2\n").toString()));
        cases.put("bs-mark-given-twice", d -> new String[] {"--genes", GENES.toString(), "--mark", "A=" + BAM, "--mark",
            "A=" + BAM, "--output", d.resolve("out/m.csv").toString()});
        cases.put("bs-window-not-multiple-of-bin", d -> args(d, GENES, BAM, "--bin-size", "300"));
        cases.put("bs-bigwig-truncated", d -> {
            Path bw = bigWig(d.resolve("in/full.bw"), "chr1");
            return args(d, GENES, Files.write(d.resolve("in/cut.bw"), Arrays.copyOf(Files.readAllBytes(bw), 40)));
        });
        cases.put("bs-bigwig-named-but-text", d -> args(d, GENES, Files.writeString(d.resolve("in/track.bw"),
                "chr1\t0\t100\t1.5\n")));
        cases.put("bs-bigwig-other-contigs", d -> args(d, GENES, bigWig(d.resolve("in/other.bw"), "chrX")));
        cases.put("bs-control-of-no-mark", d -> {
            Path bam = localBam(d);
            return args(d, GENES, bam, "--control", "B=" + bam);
        });
        cases.put("bs-control-matches-no-contig", d -> args(d, GENES, BAM, "--control", "A=" + new Fixtures.Bam()
                .contig("NC_000001", 10_000).read("NC_000001", 100).write(d.resolve("in/control.bam"), true)));
        cases.put("bs-blacklist-not-bed", d -> args(d, GENES, BAM, "--blacklist",
                Files.writeString(d.resolve("in/blacklist.txt"), "regions to avoid: see the lab wiki\n").toString()));
        cases.put("bs-gene-types-with-bed", d -> args(d, Files.copy(GENES, d.resolve("in/genes.bed")), BAM,
                "--gene-types", "protein_coding"));
        return BadInputCatalog.tests("deepchrome-bin-signals", BinSignals::new, cases);
    }

    /** A small bigWig (pyBigWig; CI installs it) with 1.0 over [0, 1000) of one contig. */
    private static Path bigWig(Path file, String contig) throws IOException {
        try {
            BigWigTest.pyBigWig(file, "bw.addHeader([('" + contig + "', 2500000)])\n"
                    + "bw.addEntries(['" + contig + "'], [0], ends=[1000], values=[1.0])");
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
        return file;
    }

    /** A one-contig reference (chr1, 10 kb) of seeded random bases. */
    private static Path fasta(Path file, long seed) throws IOException {
        StringBuilder fasta = new StringBuilder(">chr1\n");
        java.util.Random random = new java.util.Random(seed);
        for (int i = 1; i <= 10_000; i++) {
            fasta.append("ACGT".charAt(random.nextInt(4)));
            if (i % 60 == 0) {
                fasta.append('\n');
            }
        }
        return Files.writeString(file, fasta.append('\n'));
    }

    /** The test BAM and its index copied into the row's input directory (so messages name {dir}). */
    private static Path localBam(Path dir) throws IOException {
        Path bam = Files.copy(BAM, dir.resolve("in/reads.bam"));
        Files.copy(Path.of(BAM + ".bai"), dir.resolve("in/reads.bam.bai")); // after the BAM: an index newer than its data
        return bam;
    }

    private static String[] withGenes(Path dir, String name, String text) throws IOException {
        return args(dir, Files.writeString(dir.resolve("in").resolve(name), text), BAM);
    }

    private static String[] args(Path dir, Path genes, Path reads, String... extra) {
        String[] base = {"--genes", genes.toString(), "--mark", "A=" + reads, "--output", dir.resolve("out/m.csv").toString(),
            "--quiet"};
        String[] all = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    /** A tiny tmpfs stands in for a full disk (root only; tests run as root in CI). */
    static final class Tmpfs {
        static boolean mount(Path dir, String size) {
            return exec("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
        }

        static void unmount(Path dir) {
            exec("umount", dir.toString());
        }

        private static boolean exec(String... command) {
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                return p.waitFor() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
