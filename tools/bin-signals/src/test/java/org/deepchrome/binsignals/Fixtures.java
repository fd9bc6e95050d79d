package org.deepchrome.binsignals;

import htsjdk.samtools.SAMFileHeader;
import htsjdk.samtools.SAMFileWriter;
import htsjdk.samtools.SAMFileWriterFactory;
import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SAMSequenceDictionary;
import htsjdk.samtools.SAMSequenceRecord;
import htsjdk.samtools.TextCigarCodec;
import org.deepchrome.core.testing.ProjectFiles;
import org.deepchrome.core.testing.ToolRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared helpers of the bin-signals tests: running the tool in-process, writing small BAMs, locating data. */
final class Fixtures {
    private Fixtures() {
    }

    /** Runs bin-signals in-process; arguments may be paths or numbers (turned into text). */
    static ToolRun run(Object... args) {
        String[] text = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            text[i] = String.valueOf(args[i]);
        }
        return ToolRun.of(new BinSignals(), text);
    }

    /** The checkout's root (surefire passes it), where test-data/ lives. */
    static Path root() {
        return ProjectFiles.root();
    }

    static Path testData() {
        return root().resolve("test-data");
    }

    /** ../shared/data beside the checkout, or null when absent. */
    static Path sharedData() {
        Path data = root().resolve("../shared/data").normalize();
        return Files.isDirectory(data) ? data : null;
    }

    static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text);
        return file;
    }

    /** A small coordinate-sorted BAM (or SAM) built record by record. */
    static final class Bam {
        private final Map<String, Integer> contigs = new LinkedHashMap<>();
        private final List<Object[]> records = new ArrayList<>();
        private boolean sequences;

        Bam contig(String name, int length) {
            contigs.put(name, length);
            return this;
        }

        /** A 50 bp forward read at 1-based {@code start}, MAPQ 60. */
        Bam read(String contig, int start) {
            return read(contig, start, "50M", 0, 60);
        }

        Bam read(String contig, int start, String cigar, int flags, int mapq) {
            return record(contig, start, cigar, flags, mapq, 0);
        }

        Bam record(String contig, int start, String cigar, int flags, int mapq, int templateLength) {
            records.add(new Object[] {contig, start, cigar, flags, mapq, templateLength});
            return this;
        }

        /** Records get bases and qualities as long as their CIGAR says (else none: "*"), for record sizes as in real files. */
        Bam withSequences() {
            sequences = true;
            return this;
        }

        /** Writes {@code file} (.bam gets a .bam.bai unless {@code index} is false; .sam is text). */
        Path write(Path file, boolean index) throws IOException {
            SAMSequenceDictionary dict = new SAMSequenceDictionary();
            contigs.forEach((name, length) -> dict.addSequence(new SAMSequenceRecord(name, length)));
            SAMFileHeader header = new SAMFileHeader(dict);
            header.setSortOrder(SAMFileHeader.SortOrder.coordinate);
            List<SAMRecord> sorted = new ArrayList<>();
            int n = 0;
            for (Object[] r : records) {
                SAMRecord rec = new SAMRecord(header);
                rec.setReadName("r" + (++n));
                rec.setReferenceName((String) r[0]);
                rec.setAlignmentStart((Integer) r[1]);
                rec.setCigar(TextCigarCodec.decode((String) r[2]));
                rec.setFlags((Integer) r[3]);
                rec.setMappingQuality((Integer) r[4]);
                int tlen = (Integer) r[5];
                if ((rec.getFlags() & 1) != 0) {
                    rec.setMateReferenceName((String) r[0]);
                    rec.setMateAlignmentStart((Integer) r[1] + Math.max(0, tlen - 50));
                    rec.setInferredInsertSize(tlen);
                }
                int length = sequences ? rec.getCigar().getReadLength() : 0;
                byte[] bases = new byte[length];
                byte[] qualities = new byte[length];
                for (int i = 0; i < length; i++) {
                    bases[i] = (byte) "ACGT".charAt(i % 4);
                    qualities[i] = 30;
                }
                rec.setReadBases(length == 0 ? SAMRecord.NULL_SEQUENCE : bases);
                rec.setBaseQualities(length == 0 ? SAMRecord.NULL_QUALS : qualities);
                sorted.add(rec);
            }
            sorted.sort(Comparator.comparingInt(SAMRecord::getReferenceIndex).thenComparingInt(SAMRecord::getAlignmentStart));
            boolean bam = file.getFileName().toString().endsWith(".bam");
            SAMFileWriterFactory factory = new SAMFileWriterFactory().setCreateIndex(bam && index);
            try (SAMFileWriter w = bam ? factory.makeBAMWriter(header, true, file) : factory.makeSAMWriter(header, true, file)) {
                sorted.forEach(w::addAlignment);
            }
            if (bam && index) {
                Path bai = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.bam$", ".bai"));
                Files.move(bai, file.resolveSibling(file.getFileName() + ".bai"), StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        }
    }

    /** Runs an external command, failing (not skipping) when it is missing or fails; returns its stdout. */
    static String exec(Path dir, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "exec", ".out");
        Path err = Files.createTempFile(dir, "exec", ".err");
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError(command[0] + " is not installed or not on PATH (CI installs it with apt-get): "
                    + e.getMessage(), e);
        }
        int exit = p.waitFor();
        String text = Files.readString(out);
        String errors = Files.readString(err);
        Files.delete(out);
        Files.delete(err);
        if (exit != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + exit + ": " + errors);
        }
        return text;
    }
}
