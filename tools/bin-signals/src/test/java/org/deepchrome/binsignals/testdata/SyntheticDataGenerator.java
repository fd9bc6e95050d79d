package org.deepchrome.binsignals.testdata;

import htsjdk.samtools.Cigar;
import htsjdk.samtools.SAMFileHeader;
import htsjdk.samtools.SAMFileWriter;
import htsjdk.samtools.SAMFileWriterFactory;
import htsjdk.samtools.SAMProgramRecord;
import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SAMSequenceDictionary;
import htsjdk.samtools.SAMSequenceRecord;
import htsjdk.samtools.TextCigarCodec;
import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Writes the suite's synthetic test data: a three-chromosome genome, genes (BED6), five
 * histone-mark BAMs (+ .bai) and an expression table, all from one seed, byte for byte
 * reproducible.
 *
 * <p>The signal: each gene has a hidden activity {@code a ~ N(0,1)}. The more active a gene,
 * the more H3K4me3 reads around its TSS, H3K36me3 over its body downstream of the TSS and
 * H3K4me1 on both flanks; the less active, the more broad H3K27me3 (half of the genes,
 * "polycomb") or H3K9me3 (the other half) over the whole window. Its log2 expression is
 * {@code 2.5 a + N(0,1)}, so the marks predict high/low expression well but not perfectly.
 * Every mark also has uniform background reads. A few records in every BAM must be ignored
 * by a bedtools-multicov-like counter (duplicates, QC-fail, unmapped reads placed at a
 * position) or are counted only without a MAPQ filter (MAPQ below 10); some have soft
 * clips or deletions in their CIGAR. See test-data/README.md.
 *
 * <p>Usage: {@code SyntheticDataGenerator [--out DIR] [--seed N] [--scale X] [--sequences]
 * [--genome test|human] [--genes N] [--reads-per-mark N]}
 * ({@code --scale} multiplies read numbers, for benchmarks; {@code --sequences} writes
 * random bases and qualities instead of '*'). {@code --genome human} lays {@code --genes}
 * genes (default 20,000) on the GRCh38 chromosome lengths (chr1–chr22, chrX), in proportion
 * to length, for genome-scale benchmarks (bench/study); {@code --reads-per-mark} then sets
 * each mark's scale so that it gets about that many reads. The default, {@code test}, is the
 * small three-chromosome genome of test-data/, unchanged.
 */
public final class SyntheticDataGenerator {
    /** The marks written, one BAM each. */
    public static final List<String> MARKS = List.of("H3K4me3", "H3K4me1", "H3K36me3", "H3K9me3", "H3K27me3");
    static final String[] CHROMS = {"chr1", "chr2", "chr3"};
    static final int[] CHROM_LENGTHS = {2_500_000, 1_400_000, 1_400_000};
    /** GRCh38 primary assembly lengths (UCSC hg38.chrom.sizes), for {@code --genome human}. */
    static final String[] HUMAN_CHROMS = {"chr1", "chr2", "chr3", "chr4", "chr5", "chr6", "chr7", "chr8",
        "chr9", "chr10", "chr11", "chr12", "chr13", "chr14", "chr15", "chr16", "chr17", "chr18", "chr19",
        "chr20", "chr21", "chr22", "chrX"};
    static final int[] HUMAN_LENGTHS = {248_956_422, 242_193_529, 198_295_559, 190_214_555, 181_538_259,
        170_805_979, 159_345_973, 145_138_636, 138_394_717, 133_797_422, 135_086_622, 133_275_309,
        114_364_328, 107_043_718, 101_991_189, 90_338_345, 83_257_441, 80_373_285, 58_617_616,
        64_444_167, 46_709_983, 50_818_468, 156_040_895};
    static final int READ_LENGTH = 50;
    /** Outermost TSSs: close to the chromosome ends, so their windows run off the ends. */
    static final int FIRST_TSS = 1_500;
    static final int LAST_TSS_FROM_END = 800;
    static final int TSS_SPACING = 13_500;

    private final RandomDataGenerator random;
    private final boolean sequences;
    private final String[] chroms;
    private final int[] chromLengths;
    /** Genes to lay out; 0: one every ~TSS_SPACING bases (the test genome). */
    private final int geneCount;
    /** Reads wanted per mark; 0: use {@link #scale} as given. */
    private final long readsPerMark;
    /** Multiplies every read number of the mark being written. */
    private double scale;

    record Gene(String id, int chrom, int start, int end, char strand, double activity, boolean polycomb) {
        int tss() {
            return strand == '+' ? start : end - 1;
        }

        int direction() {
            return strand == '+' ? 1 : -1;
        }
    }

    /** One alignment to write; unmapped reads without a position have chrom -1. */
    private record Read(int chrom, int start, int flags, int mapq, String cigar) {
    }

    SyntheticDataGenerator(long seed, double scale, boolean sequences) {
        this(seed, scale, sequences, CHROMS, CHROM_LENGTHS, 0, 0);
    }

    SyntheticDataGenerator(long seed, double scale, boolean sequences, String[] chroms, int[] chromLengths,
                           int geneCount, long readsPerMark) {
        this.random = new RandomDataGenerator(new Well19937c(seed));
        this.scale = scale;
        this.sequences = sequences;
        this.chroms = chroms;
        this.chromLengths = chromLengths;
        this.geneCount = geneCount;
        this.readsPerMark = readsPerMark;
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of("test-data");
        long seed = 1;
        double scale = 1;
        boolean sequences = false;
        boolean human = false;
        int geneCount = 20_000;
        long readsPerMark = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--scale" -> scale = Double.parseDouble(args[++i]);
                case "--sequences" -> sequences = true;
                case "--genome" -> human = switch (args[++i]) {
                    case "test" -> false;
                    case "human" -> true;
                    default -> throw new IllegalArgumentException("--genome is test or human, not " + args[i]);
                };
                case "--genes" -> geneCount = Integer.parseInt(args[++i]);
                case "--reads-per-mark" -> readsPerMark = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: [--out DIR] [--seed N]"
                        + " [--scale X] [--sequences] [--genome test|human] [--genes N] [--reads-per-mark N]");
            }
        }
        Files.createDirectories(out);
        SyntheticDataGenerator generator = human
                ? new SyntheticDataGenerator(seed, scale, sequences, HUMAN_CHROMS, HUMAN_LENGTHS, geneCount, readsPerMark)
                : new SyntheticDataGenerator(seed, scale, sequences, CHROMS, CHROM_LENGTHS, 0, readsPerMark);
        generator.write(out);
    }

    void write(Path out) throws IOException {
        List<Gene> genes = genes();
        writeChromSizes(out.resolve("chrom.sizes"));
        writeGenes(genes, out.resolve("genes.bed"));
        writeExpression(genes, out.resolve("expression.tsv"));
        for (String mark : MARKS) {
            if (readsPerMark > 0) {
                scale = readsPerMark / expectedReads(mark, genes);
            }
            writeBam(mark, reads(mark, genes), out.resolve(mark + ".bam"));
        }
        writeGtf(genes, out.resolve("genes.gtf"));
    }

    /** GENCODE's gene types in a fixed rotation (no random draw, so the other files stay as they were). */
    static final String[] GENE_TYPES = {"protein_coding", "protein_coding", "protein_coding", "lncRNA", "processed_pseudogene"};

    /**
     * A small GENCODE-like GTF of the same genes (for --gene-types and --tss transcript): gene
     * i (0-based) has type GENE_TYPES[i % 5]; transcript .1 starts at the gene's TSS; every
     * third gene has a transcript .2 starting 300 bp downstream; every fourth a transcript .3
     * sharing the TSS of .1 (a duplicate TSS: no row of its own). One exon line per transcript.
     */
    private void writeGtf(List<Gene> genes, Path file) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.print("##description: synthetic GENCODE-like annotation of test-data/genes.bed (SyntheticDataGenerator)\n");
            for (int i = 0; i < genes.size(); i++) {
                Gene g = genes.get(i);
                String type = GENE_TYPES[i % GENE_TYPES.length];
                String chrom = chroms[g.chrom()];
                String geneAttrs = "gene_id \"" + g.id() + "\"; gene_type \"" + type + "\"; gene_name \"" + g.id() + "\";";
                gtfLine(w, chrom, "gene", g.start(), g.end(), g.strand(), geneAttrs);
                List<int[]> transcripts = new ArrayList<>();
                transcripts.add(new int[] {g.start(), g.end(), 1});
                if (i % 3 == 0) { // an alternative TSS 300 bp downstream
                    transcripts.add(g.strand() == '+' ? new int[] {g.start() + 300, g.end(), 2} : new int[] {g.start(), g.end() - 300, 2});
                }
                if (i % 4 == 0) { // same TSS as .1, shorter
                    transcripts.add(g.strand() == '+' ? new int[] {g.start(), g.end() - 200, 3} : new int[] {g.start() + 200, g.end(), 3});
                }
                for (int[] t : transcripts) {
                    String attrs = geneAttrs + " transcript_id \"" + g.id() + "." + t[2] + "\"; transcript_type \"" + type + "\";";
                    gtfLine(w, chrom, "transcript", t[0], t[1], g.strand(), attrs);
                    gtfLine(w, chrom, "exon", t[0], t[1], g.strand(), attrs + " exon_number 1;");
                }
            }
        }
    }

    /** A GTF line from 0-based half-open coordinates (GTF is 1-based inclusive). */
    private static void gtfLine(PrintWriter w, String chrom, String type, int start, int end, char strand, String attrs) {
        w.print(chrom + "\tSYNTHETIC\t" + type + "\t" + (start + 1) + "\t" + end + "\t.\t" + strand + "\t.\t" + attrs + "\n");
    }

    /** TSSs spread evenly along each chromosome with jitter (spacing > 12 kb), random strands. */
    List<Gene> genes() {
        List<Gene> genes = new ArrayList<>();
        long genomeLength = Arrays.stream(chromLengths).asLongStream().sum();
        int placed = 0;
        for (int c = 0; c < chroms.length; c++) {
            int length = chromLengths[c];
            int lastTss = length - LAST_TSS_FROM_END;
            int n = (lastTss - FIRST_TSS) / TSS_SPACING + 1;
            if (geneCount > 0) { // in proportion to length; the last contig takes the rounding rest
                n = c == chroms.length - 1 ? geneCount - placed : (int) Math.round((double) geneCount * length / genomeLength);
                placed += n;
            }
            double spacing = (lastTss - FIRST_TSS) / (double) (n - 1);
            for (int i = 0; i < n; i++) {
                boolean outermost = i == 0 || i == n - 1;
                int tss = (int) Math.round(FIRST_TSS + i * spacing) + (outermost ? 0 : random.nextInt(-500, 500));
                char strand = random.nextUniform(0, 1) < 0.5 ? '+' : '-';
                int bodyLength = (int) Math.round(Math.exp(random.nextUniform(Math.log(2_000), Math.log(40_000))));
                int start;
                int end;
                if (strand == '+') {
                    start = tss;
                    end = Math.min(length, tss + bodyLength);
                } else {
                    start = Math.max(0, tss + 1 - bodyLength);
                    end = tss + 1;
                }
                double activity = random.nextGaussian(0, 1);
                boolean polycomb = random.nextUniform(0, 1) < 0.5;
                String id = String.format(Locale.ROOT, "GENE%04d", genes.size() + 1);
                genes.add(new Gene(id, c, start, end, strand, activity, polycomb));
            }
        }
        return genes;
    }

    private List<Read> reads(String mark, List<Gene> genes) {
        List<Read> reads = new ArrayList<>();
        double background = switch (mark) {
            case "H3K4me3" -> 0.6;
            case "H3K27me3" -> 1.2;
            case "H3K9me3" -> 1.5;
            default -> 1.0;
        }; // reads per kb
        for (int c = 0; c < chroms.length; c++) {
            long n = poisson(background * chromLengths[c] / 1000.0);
            for (long i = 0; i < n; i++) {
                addRead(reads, c, random.nextUniform(0, chromLengths[c]));
            }
        }
        for (Gene g : genes) {
            double active = sigmoid(2.5 * g.activity());
            double silent = sigmoid(-2.5 * g.activity());
            double geneFactor = Math.exp(random.nextGaussian(0, 0.5)); // gene-to-gene variation of each mark
            int tss = g.tss();
            int dir = g.direction();
            switch (mark) {
                case "H3K4me3" -> {
                    long n = poisson(150 * active * geneFactor);
                    for (long i = 0; i < n; i++) {
                        addRead(reads, g.chrom(), tss + dir * random.nextGaussian(150, 400));
                    }
                }
                case "H3K4me1" -> {
                    long n = poisson(50 * sigmoid(1.5 * g.activity() + 0.5) * geneFactor);
                    for (long i = 0; i < n; i++) {
                        double offset = i % 2 == 0 ? -random.nextGaussian(2_000, 600) : random.nextGaussian(2_500, 700);
                        addRead(reads, g.chrom(), tss + dir * offset);
                    }
                }
                case "H3K36me3" -> {
                    int from = tss + dir * 1_000;
                    int to = dir > 0 ? g.end() : g.start();
                    int bodyLength = (to - from) * dir;
                    if (bodyLength > 0) {
                        long n = poisson(10 * sigmoid(2.5 * g.activity() - 0.5) * geneFactor * bodyLength / 1000.0);
                        for (long i = 0; i < n; i++) {
                            addRead(reads, g.chrom(), from + dir * random.nextUniform(0, bodyLength));
                        }
                    }
                }
                case "H3K27me3", "H3K9me3" -> {
                    if (g.polycomb() == mark.equals("H3K27me3")) {
                        long n = poisson(8 * silent * geneFactor * 12);
                        for (long i = 0; i < n; i++) {
                            addRead(reads, g.chrom(), tss + random.nextUniform(-6_000, 6_000));
                        }
                    }
                }
                default -> throw new IllegalStateException(mark);
            }
        }
        for (int i = 0; i < 25; i++) {
            reads.add(new Read(-1, 0, Flags.UNMAPPED, 0, "*"));
        }
        reads.sort(Comparator.comparingInt((Read r) -> r.chrom() < 0 ? Integer.MAX_VALUE : r.chrom())
                .thenComparingInt(Read::start));
        return reads;
    }

    /** Adds a read centred at {@code centre} (clamped to the chromosome) and, rarely, records to be filtered. */
    private void addRead(List<Read> reads, int chrom, double centre) {
        int start = (int) Math.round(centre) - READ_LENGTH / 2;
        start = Math.max(1, Math.min(chromLengths[chrom] - READ_LENGTH + 1, start + 1)); // 1-based
        int strandFlag = random.nextUniform(0, 1) < 0.5 ? Flags.REVERSE : 0;
        double u = random.nextUniform(0, 1);
        int mapq = u < 0.04 ? random.nextInt(0, 9) : 60;
        double c = random.nextUniform(0, 1);
        String cigar = c < 0.005 ? "5S45M" : c < 0.01 ? "20M2D30M" : READ_LENGTH + "M";
        reads.add(new Read(chrom, start, strandFlag, mapq, cigar));
        double extra = random.nextUniform(0, 1);
        if (extra < 0.02) {
            reads.add(new Read(chrom, start, strandFlag | Flags.DUPLICATE, 60, READ_LENGTH + "M"));
        } else if (extra < 0.03) {
            reads.add(new Read(chrom, start, strandFlag | Flags.QC_FAIL, 60, READ_LENGTH + "M"));
        } else if (extra < 0.035) {
            reads.add(new Read(chrom, start, Flags.UNMAPPED, 0, "*"));
        }
    }

    private void writeBam(String mark, List<Read> reads, Path bam) throws IOException {
        SAMFileHeader header = new SAMFileHeader(dictionary());
        header.setSortOrder(SAMFileHeader.SortOrder.coordinate);
        SAMProgramRecord program = new SAMProgramRecord("SyntheticDataGenerator");
        program.setProgramName("deepchrome SyntheticDataGenerator");
        program.setAttribute("DS", "synthetic " + mark + " ChIP-seq reads, see test-data/README.md");
        header.addProgramRecord(program);
        SAMFileWriterFactory factory = new SAMFileWriterFactory().setCreateIndex(true);
        try (SAMFileWriter writer = factory.makeBAMWriter(header, true, bam)) {
            long n = 0;
            for (Read r : reads) {
                SAMRecord rec = new SAMRecord(header);
                rec.setReadName(mark + "." + (++n));
                rec.setFlags(r.flags());
                if (r.chrom() >= 0) {
                    rec.setReferenceIndex(r.chrom());
                    rec.setAlignmentStart(r.start());
                }
                rec.setMappingQuality(r.mapq());
                Cigar cigar = TextCigarCodec.decode(r.cigar());
                rec.setCigar(cigar);
                int bases = r.cigar().equals("*") ? READ_LENGTH : cigar.getReadLength();
                if (sequences) {
                    rec.setReadBases(randomBases(bases));
                    byte[] quals = new byte[bases];
                    Arrays.fill(quals, (byte) 35);
                    rec.setBaseQualities(quals);
                } else {
                    rec.setReadBases(SAMRecord.NULL_SEQUENCE);
                    rec.setBaseQualities(SAMRecord.NULL_QUALS);
                }
                writer.addAlignment(rec);
            }
        }
        // htsjdk names the index X.bai; samtools and bedtools look for X.bam.bai first.
        Path bai = bam.resolveSibling(bam.getFileName().toString().replaceFirst("\\.bam$", ".bai"));
        Files.move(bai, bam.resolveSibling(bam.getFileName() + ".bai"), StandardCopyOption.REPLACE_EXISTING);
    }

    private byte[] randomBases(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) "ACGT".charAt(random.nextInt(0, 3));
        }
        return b;
    }

    SAMSequenceDictionary dictionary() {
        SAMSequenceDictionary dict = new SAMSequenceDictionary();
        for (int c = 0; c < chroms.length; c++) {
            dict.addSequence(new SAMSequenceRecord(chroms[c], chromLengths[c]));
        }
        return dict;
    }

    private void writeChromSizes(Path file) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            for (int c = 0; c < chroms.length; c++) {
                w.print(chroms[c] + "\t" + chromLengths[c] + "\n");
            }
        }
    }

    private void writeGenes(List<Gene> genes, Path file) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            for (Gene g : genes) {
                w.print(chroms[g.chrom()] + "\t" + g.start() + "\t" + g.end() + "\t" + g.id() + "\t0\t" + g.strand() + "\n");
            }
        }
    }

    /** Expression in arbitrary RPKM-like units: 2^(2.5 a + noise). */
    private void writeExpression(List<Gene> genes, Path file) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.print("gene_id\texpression\n");
            for (Gene g : genes) {
                double log2 = 2.5 * g.activity() + random.nextGaussian(0, 1);
                w.print(g.id() + "\t" + String.format(Locale.ROOT, "%.4f", Math.pow(2, log2)) + "\n");
            }
        }
    }

    /**
     * The mean read number of a mark at scale 1 (before the few filtered extras), as
     * {@link #reads} draws them; each gene's random factor exp(N(0, 0.5)) has mean exp(0.125).
     * Used only to choose the scale for {@code --reads-per-mark}.
     */
    private double expectedReads(String mark, List<Gene> genes) {
        double background = switch (mark) {
            case "H3K4me3" -> 0.6;
            case "H3K27me3" -> 1.2;
            case "H3K9me3" -> 1.5;
            default -> 1.0;
        };
        double sum = background * Arrays.stream(chromLengths).asLongStream().sum() / 1000.0;
        double geneFactor = Math.exp(0.125);
        for (Gene g : genes) {
            double a = g.activity();
            int from = g.tss() + g.direction() * 1_000;
            int bodyLength = ((g.direction() > 0 ? g.end() : g.start()) - from) * g.direction();
            sum += geneFactor * switch (mark) {
                case "H3K4me3" -> 150 * sigmoid(2.5 * a);
                case "H3K4me1" -> 50 * sigmoid(1.5 * a + 0.5);
                case "H3K36me3" -> bodyLength > 0 ? 10 * sigmoid(2.5 * a - 0.5) * bodyLength / 1000.0 : 0;
                default -> g.polycomb() == mark.equals("H3K27me3") ? 96 * sigmoid(-2.5 * a) : 0;
            };
        }
        return sum;
    }

    private long poisson(double mean) {
        double m = mean * scale;
        return m <= 0 ? 0 : random.nextPoisson(m);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** SAM flag bits used here (htsjdk's SAMFlag enum holds them as objects). */
    private static final class Flags {
        static final int REVERSE = htsjdk.samtools.SAMFlag.READ_REVERSE_STRAND.intValue();
        static final int UNMAPPED = htsjdk.samtools.SAMFlag.READ_UNMAPPED.intValue();
        static final int DUPLICATE = htsjdk.samtools.SAMFlag.DUPLICATE_READ.intValue();
        static final int QC_FAIL = htsjdk.samtools.SAMFlag.READ_FAILS_VENDOR_QUALITY_CHECK.intValue();
    }
}
