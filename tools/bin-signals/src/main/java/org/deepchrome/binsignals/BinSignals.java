package org.deepchrome.binsignals;

import org.deepchrome.core.BadInputException;
import org.deepchrome.core.cli.CommonOptions;
import org.deepchrome.core.cli.Reporter;
import org.deepchrome.core.cli.ToolRunner;
import org.deepchrome.core.cli.VersionProvider;
import org.deepchrome.core.concurrent.Futures;
import org.deepchrome.core.io.Inputs;
import org.deepchrome.core.io.OutputTarget;
import org.deepchrome.core.matrix.ExpressionLabels;
import org.deepchrome.core.matrix.ExpressionTable;
import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixWriter;
import org.deepchrome.core.matrix.Threshold;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * deepchrome-bin-signals: counts each histone mark's reads in bins around every gene's TSS and
 * writes the DeepChrome matrix, optionally labelled from expression and split for training.
 * Shape: parse → validate every input before work → count (each file streamed once,
 * contigs and files in parallel) → label → write atomically.
 */
@Command(name = "deepchrome-bin-signals", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Counts histone-mark reads in bins around each gene's transcription start site (TSS) and writes "
                + "the DeepChrome matrix: one row per gene and bin, GeneID,BinID,<one column per mark>[,label].",
            "",
            "Default counting equals `bedtools multicov` on the same bins: every alignment overlapping a bin by "
                + ">= 1 bp counts once in that bin; unmapped, duplicate (0x400) and QC-fail (0x200) records are "
                + "skipped, and records with MAPQ below --min-mapq. Bin 1 is the most upstream bin: for a '-' "
                + "gene it lies at the highest coordinates. A window running off a chromosome end gets zeros there; "
                + "genes on a contig that an alignment file lacks get zeros (one warning per contig). Contig names "
                + "chr1 and 1 (chrM and MT) match each other.",
            "",
            "Each read file is read once; BAM and CRAM must be indexed and are read in pieces of contigs in "
                + "parallel (--threads). Memory grows with genes x bins, not with reads.",
            ""},
        footerHeading = "%nOutput:%n",
        footer = {
            "  A matrix .csv or .csv.gz, genes in the order of GENES. No header line when",
            "  the marks are exactly the paper's five (written in its column order",
            "  H3K27me3,H3K36me3,H3K4me1,H3K4me3,H3K9me3 whatever the --mark order); else",
            "  a header gene_id,bin,<marks...>[,expression][,label]. With --split, OUT is a directory",
            "  holding train.csv, valid.csv, test.csv (.csv.gz with --compress).",
            "  Exit status: 0 done; 2 bad input or usage (one line on stderr naming the",
            "  file, line or record and the problem; no output file is left behind);",
            "  1 internal error.",
            "",
            "Example (the suite's test-data/):",
            "  deepchrome-bin-signals --genes genes.bed \\",
            "    --mark H3K27me3=H3K27me3.bam --mark H3K36me3=H3K36me3.bam \\",
            "    --mark H3K4me1=H3K4me1.bam --mark H3K4me3=H3K4me3.bam \\",
            "    --mark H3K9me3=H3K9me3.bam --expression expression.tsv \\",
            "    --split chrom:chr3:chr2 --output matrix/",
            "Check the counts with bedtools:",
            "  deepchrome-bin-signals --genes genes.bed --mark K4=H3K4me3.bam \\",
            "    --output m.csv --bins-bed bins.bed",
            "  samtools view -b -F 4 -o f.bam H3K4me3.bam && samtools index f.bam",
            "  bedtools multicov -bams f.bam -bed bins.bed"})
public final class BinSignals implements Callable<Integer> {
    @Option(names = "--genes", required = true, paramLabel = "GENES",
            description = {"Genes, in the order the matrix keeps: BED6 (name = gene id; TSS = start for +, end-1 for -) "
                + "or GTF/GFF3 (.gtf/.gff/.gff3[.gz]; TSS of each 'gene' record, id from gene_id or ID). Plain or gzip."})
    Path genes;

    @Option(names = "--gene-types", paramLabel = "TYPE[,TYPE...]", split = ",",
            description = {"GTF/GFF3 only: keep genes of these types (GENCODE gene_type, Ensembl gene_biotype or "
                + "GFF3 biotype), e.g. protein_coding,lncRNA. Default: all."})
    java.util.Set<String> geneTypes;

    @Option(names = "--tss", paramLabel = "SOURCE", defaultValue = "gene",
            description = {"${COMPLETION-CANDIDATES}. GTF/GFF3: the TSS of each gene record (gene, the default), or one row per distinct TSS of "
                + "a gene's transcripts (transcript), id gene_id:transcript_id after the first transcript starting "
                + "there. Expression values are looked up by the gene id."})
    TssSource tss;

    @Option(names = "--blacklist", paramLabel = "BED",
            description = {"Regions to leave out (e.g. the ENCODE blacklist), as deepTools' --blackListFileName: reads "
                + "overlapping one by >= 1 bp are not counted; bigWig bases inside one count as missing (0)."})
    Path blacklist;

    @Option(names = "--mark", required = true, paramLabel = "NAME=FILE", converter = MarkInput.Converter.class,
            description = {"A mark's column name and its reads; repeat for each mark. FILE: BAM or CRAM (indexed), SAM, "
                + "or BED/tagAlign reads (plain or gzip), or a bigWig track (bin = mean of the track over the bin's bases, "
                + "bases without data = 0, as computeMatrix --averageTypeBins mean --missingDataAsZero). The kind is "
                + "read from the file's first bytes."})
    List<MarkInput> marks;

    @Option(names = "--control", paramLabel = "NAME=FILE", converter = MarkInput.Converter.class,
            description = {"Input control of mark NAME (BAM/CRAM/SAM/BED reads or bigWig); repeat per mark. The mark's "
                + "column then holds --control-operation of mark and control bins, as deepTools bamCompare computes."})
    List<MarkInput> controls = List.of();

    @Option(names = "--control-operation", paramLabel = "OP", defaultValue = "log2",
            description = {"${COMPLETION-CANDIDATES}: log2((mark + p) / (control + p)), (mark + p) / (control + p), or "
                + "mark - control, p = --pseudocount (default: ${DEFAULT-VALUE}). log2 and subtract write a signed "
                + "matrix (first line '# deepchrome-matrix values=signed')."})
    ControlOperation controlOperation;

    @Option(names = "--scale-factors-method", paramLabel = "METHOD", defaultValue = "readcount",
            description = {"${COMPLETION-CANDIDATES}: readcount scales the larger of mark and control libraries down to "
                + "the smaller (reads passing the filters; deepTools' readCount); none compares them as counted "
                + "(default: ${DEFAULT-VALUE}). A bigWig has no read count: its pair stays unscaled."})
    ScaleFactors scaleFactorsMethod;

    @Option(names = "--pseudocount", paramLabel = "P", defaultValue = "1",
            description = "Added to mark and control bins before log2 or ratio (default: ${DEFAULT-VALUE}).")
    double pseudocount;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "Matrix file (.csv or .csv.gz), or with --split a directory (created if missing).")
    Path output;

    @Option(names = "--expression", paramLabel = "TABLE",
            description = {"Expression table with a header (TSV or CSV; first column the gene id). Adds the label "
                + "column: 1 when the value is above --threshold, else 0. Genes without a value are left out "
                + "(counted in the log)."})
    Path expression;

    @Option(names = "--expression-column", paramLabel = "NAME",
            description = "Value column of the expression table (default: the first numeric column after the id).")
    String expressionColumn;

    @Option(names = "--write-expression",
            description = {"With --expression: also write each gene's value (as read, stored as a float) in a column "
                + "'expression' before the label, the same on every bin row of the gene; the matrix then has a header "
                + "gene_id,bin,<marks...>,expression,label. deepchrome-train --task regression learns it without "
                + "--expression."})
    boolean writeExpression;

    @Option(names = "--threshold", paramLabel = "median|quantile:Q|NUMBER", defaultValue = "median",
            description = "High/low split of expression: the median of the genes' values (the paper's), a quantile, "
                + "or a fixed value (default: ${DEFAULT-VALUE}).")
    String threshold;

    @Option(names = "--split", paramLabel = "none|paper|chrom:TEST[:VALID]", defaultValue = "none",
            description = {"Write train/valid/test matrices into the OUT directory. paper: file order, 6,601 train, "
                + "6,601 valid, rest test (as the paper). chrom:chr1,chr2[:chr3]: genes on chr1,chr2 are the test "
                + "set, on chr3 the validation set (without it: every fifth remaining gene). Default: ${DEFAULT-VALUE}."})
    String split;

    @Option(names = "--output-format", paramLabel = "FORMAT", defaultValue = "deepchrome",
            description = {"${COMPLETION-CANDIDATES}. deepchrome: the CSV matrix (default). deeptools: computeMatrix's gzipped matrix (reference "
                + "point TSS, one sample per mark, regions = the TSS base, names = gene ids), which plotHeatmap and "
                + "plotProfile read, and train/predict/visualize too; no labels, no --split."})
    OutputFormat outputFormat;

    @Option(names = "--compress", description = "With --split: write .csv.gz files.")
    boolean compress;

    @Option(names = "--window", paramLabel = "BP", defaultValue = "5000",
            description = "Bases counted on each side of the TSS (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--bin-size", paramLabel = "BP", defaultValue = "100",
            description = "Bin width; 2 x window must be a multiple of it (default: ${DEFAULT-VALUE}, i.e. 100 bins).")
    int binSize;

    @Option(names = "--min-mapq", paramLabel = "Q", defaultValue = "0",
            description = "Skip alignments with mapping quality below Q, like bedtools multicov -q (default: ${DEFAULT-VALUE}).")
    int minMapq;

    @Option(names = "--count", paramLabel = "MODE", defaultValue = "overlap",
            description = {"What of a read is counted (${COMPLETION-CANDIDATES}): overlap = every bin its aligned span touches (bedtools multicov, "
                + "the default); five-prime = the bin of its 5' end; fragment-center = the bin of its fragment's "
                + "middle (proper pairs: from the template length, counted once; single reads: 5' end shifted by "
                + "half of --fragment-length)."})
    CountMode count;

    @Option(names = "--fragment-length", paramLabel = "BP", defaultValue = "200",
            description = "Fragment length assumed for single-end reads with --count fragment-center (default: ${DEFAULT-VALUE}).")
    int fragmentLength;

    @Option(names = "--normalize", paramLabel = "NAME", defaultValue = "none",
            description = {"${COMPLETION-CANDIDATES}: none = raw counts (the paper's); cpm = counts per million reads that passed the filters "
                + "in the whole file (default: ${DEFAULT-VALUE})."})
    Normalization normalize;

    @Option(names = "--reference", paramLabel = "REF.fa",
            description = "Reference FASTA (with .fai) for CRAM input.")
    Path reference;

    @Option(names = "--bins-bed", paramLabel = "BINS.bed",
            description = "Also write the counted bins as BED6 (chrom, start, end, gene_id:bin, 0, strand).")
    Path binsBed;

    @Option(names = "--htsjdk-records", hidden = true,
            description = "Decode BAM records with htsjdk's SAMRecord (slower, same counts; for tests and benchmarks).")
    boolean htsjdkRecords;

    @Mixin
    CommonOptions common;

    /** The inflater's loading when main began it (null when run in-process: call begins it). */
    private static java.util.concurrent.CompletableFuture<Inflaters.Kind> inflaterLoading;

    public static void main(String[] args) {
        // Loading the native inflater takes ~50 ms (GKL unpacks its library): it begins while the
        // options are parsed. A lone --help or --version has no use for it.
        if (args.length > 1) {
            inflaterLoading = java.util.concurrent.CompletableFuture.supplyAsync(Inflaters::install);
        }
        ToolRunner.main(new BinSignals(), args);
    }

    @Override
    public Integer call() throws IOException {
        Reporter reporter = common.reporter();
        // The native inflater loads while the options and the gene file are read; it must be in
        // place before any BAM is opened.
        java.util.concurrent.CompletableFuture<Inflaters.Kind> inflater = inflaterLoading != null ? inflaterLoading
                : java.util.concurrent.CompletableFuture.supplyAsync(Inflaters::install);
        inflaterLoading = null;
        // htsjdk's own WARNING lines (e.g. an old index, once per piece read) would break the
        // one-line-per-problem rule; the tool reports what matters through its Reporter.
        htsjdk.samtools.util.Log.setGlobalLogLevel(htsjdk.samtools.util.Log.LogLevel.ERROR);
        // Validate everything before the long work, so a typo fails in a second.
        CountSettings settings = countSettings();
        Threshold labelThreshold = Threshold.parse(threshold);
        Split splitting = Split.parse(split);
        boolean deeptools = outputFormat == OutputFormat.DEEPTOOLS;
        if (writeExpression && expression == null) {
            throw new BadInputException("--write-expression writes the values of --expression TABLE; give that table");
        }
        if (writeExpression && deeptools) {
            throw new BadInputException("--write-expression adds a column to the DeepChrome CSV; a computeMatrix file "
                + "(--output-format deeptools) has no place for it");
        }
        if (deeptools && splitting.kind() != Split.Kind.NONE) {
            throw new BadInputException("--output-format deeptools writes one matrix file; leave out --split " + split);
        }
        int threads = common.threads();
        checkOutputs(splitting);
        List<MarkInput> columns = columnOrder(marks);
        int[] controlOf = new int[columns.size()];
        List<MarkInput> counted = withControls(columns, controlOf);
        // Opening the read files (headers, BGZF ends, indexes) needs no genes: it runs while they
        // are read, once the inflater is in place. Its bad input is reported after the genes'.
        java.util.concurrent.CompletableFuture<SignalCounter> opening =
                inflater.thenApplyAsync(kind -> new SignalCounter(settings, reference, counted, columns.size()));
        boolean perTranscript = tss == TssSource.TRANSCRIPT;
        Blacklist excluded = blacklist == null ? null : Blacklist.read(blacklist);
        List<Gene> geneList = GeneReader.read(genes, geneTypes, perTranscript);
        Map<String, Double> expressionValues = expression == null ? null
                : byRowId(ExpressionTable.read(expression, expressionColumn), geneList, perTranscript);
        List<Gene> matrixGenes = expressionValues == null ? geneList
                : geneList.stream().filter(g -> expressionValues.containsKey(g.id())).toList();
        if (matrixGenes.isEmpty()) {
            throw new BadInputException(expression + ": no gene of " + genes + " has an expression value (ids differ?)");
        }
        if (matrixGenes.size() < geneList.size()) {
            reporter.warning((geneList.size() - matrixGenes.size()) + " of " + geneList.size()
                    + " genes have no expression value in " + expression + " and are left out");
        }
        List<int[]> parts = splitting.kind() == Split.Kind.NONE ? null : splitting.parts(matrixGenes);
        BinLayout layout = new BinLayout(matrixGenes, window, binSize);
        if (excluded != null) {
            layout.blacklist(excluded);
        }
        SignalCounter counter = Futures.await(opening, "opening the read files");
        SignalCounter.Result result = counter.count(layout, threads, reporter);

        GeneMatrix matrix = result.matrix();
        if (counted.size() > columns.size()) {
            requireControlsMatchGenes(result, columns.size());
            matrix = ControlComparison.apply(matrix, result, columns, controlOf, controlOperation, scaleFactorsMethod,
                    pseudocount, reporter);
        }
        if (!matrix.signed() && anyNegative(matrix)) { // e.g. a bigWig of log2 ratios
            matrix = matrix.asSigned();
        }
        if (expressionValues != null) {
            matrix = label(reporter, matrix, expressionValues, labelThreshold);
            if (writeExpression) {
                matrix = withExpression(matrix, expressionValues);
            }
        }
        if (deeptools) {
            if (matrix.hasLabels()) {
                reporter.warning("--output-format deeptools has no label column; labels from " + expression
                        + " are not written (the genes without a value are still left out)");
            }
            List<org.deepchrome.core.matrix.ComputeMatrixFile.Region> regions = layout.genes().stream()
                    .map(g -> new org.deepchrome.core.matrix.ComputeMatrixFile.Region(g.contig(), g.tss(), g.tss() + 1,
                            g.id(), g.strand())).toList();
            String group = genes.getFileName().toString().replaceFirst("\\.gz$", "").replaceFirst("\\.[^.]*$", "");
            org.deepchrome.core.matrix.ComputeMatrixFile.write(matrix, regions, group, window, window, binSize, output);
        } else {
            write(matrix, parts);
        }
        if (binsBed != null) {
            BinsBed.write(layout, result.contigLengths(), binsBed);
        }
        if (!common.quiet) { // the summary is worth building only when it is shown
            StringBuilder reads = new StringBuilder();
            for (int m = 0; m < columns.size(); m++) {
                MarkCounts c = result.counts().get(m);
                reads.append(m == 0 ? "" : ", ").append(columns.get(m).name()).append(' ')
                        .append(c.track() ? "bigWig" : String.format(Locale.ROOT, "%,d", c.librarySize()));
            }
            reporter.status(matrix.geneCount() + " genes x " + columns.size() + " marks x " + layout.bins()
                    + " bins written to " + output + " (reads passing filters: " + reads + ")");
        }
        return 0;
    }

    private CountSettings countSettings() {
        if (window < 1 || binSize < 1 || (2L * window) % binSize != 0) {
            throw new BadInputException("--window " + window + " --bin-size " + binSize
                    + ": both must be positive and 2 x window a multiple of the bin size");
        }
        if (minMapq < 0 || minMapq > 255) {
            throw new BadInputException("--min-mapq " + minMapq + ": must lie in 0..255");
        }
        if (fragmentLength < 1) {
            throw new BadInputException("--fragment-length " + fragmentLength + ": must be positive");
        }
        if (reference != null) {
            Inputs.requireReadableFile(reference, "reference FASTA");
        }
        if (!controls.isEmpty() && normalize == Normalization.CPM && scaleFactorsMethod == ScaleFactors.READCOUNT) {
            throw new BadInputException("--normalize cpm with --control: the control comparison already scales by read "
                    + "count; add --scale-factors-method none to compare counts per million");
        }
        if (!(pseudocount >= 0) || Double.isInfinite(pseudocount)) {
            throw new BadInputException("--pseudocount " + pseudocount + ": must be a finite number >= 0");
        }
        boolean librarySizes = !controls.isEmpty() && scaleFactorsMethod == ScaleFactors.READCOUNT;
        return new CountSettings(count, fragmentLength, minMapq, normalize, htsjdkRecords, librarySizes);
    }

    /** Mark names must be unique; the paper's five are put in the paper's column order. */
    static List<MarkInput> columnOrder(List<MarkInput> marks) {
        Map<String, MarkInput> byName = new LinkedHashMap<>();
        for (MarkInput m : marks) {
            if (byName.put(m.name(), m) != null) {
                throw new BadInputException("--mark " + m.name() + " is given twice; each mark names one column");
            }
        }
        if (byName.keySet().equals(new HashSet<>(GeneMatrix.PAPER_MARKS))) {
            return GeneMatrix.PAPER_MARKS.stream().map(byName::get).toList();
        }
        return List.copyOf(byName.values());
    }

    /** Expression values keyed by matrix row id: with --tss transcript a row gene:transcript takes its gene's value. */
    private static Map<String, Double> byRowId(Map<String, Double> values, List<Gene> genes, boolean perTranscript) {
        if (!perTranscript) {
            return values;
        }
        Map<String, Double> rows = new java.util.HashMap<>();
        for (Gene g : genes) {
            Double v = values.get(g.id().substring(0, g.id().lastIndexOf(':')));
            if (v != null) {
                rows.put(g.id(), v);
            }
        }
        return rows;
    }

    /** The marks followed by their controls; {@code controlOf[m]} = index of mark m's control there, or -1. */
    private List<MarkInput> withControls(List<MarkInput> columns, int[] controlOf) {
        java.util.Arrays.fill(controlOf, -1);
        List<MarkInput> all = new java.util.ArrayList<>(columns);
        for (MarkInput c : controls) {
            int m = columns.stream().map(MarkInput::name).toList().indexOf(c.name());
            if (m < 0) {
                throw new BadInputException("--control " + c.name() + "=" + c.file() + ": no --mark is named "
                        + c.name() + " (marks: " + String.join(",", columns.stream().map(MarkInput::name).toList()) + ")");
            }
            if (controlOf[m] >= 0) {
                throw new BadInputException("--control " + c.name() + " is given twice; each mark has one control");
            }
            controlOf[m] = all.size();
            all.add(new MarkInput("control of " + c.name(), c.file()));
        }
        return all;
    }

    /** A control whose contig names match no gene contig is a mistake (wrong genome?), not zeros. */
    private static void requireControlsMatchGenes(SignalCounter.Result result, int markCount) {
        for (int c = markCount; c < result.counts().size(); c++) {
            if (result.counts().get(c).coveredGeneContigs.isEmpty()) {
                MarkInput control = result.marks().get(c);
                throw new BadInputException(control.file() + ": no contig name of this control matches a contig of "
                        + "the genes (" + control.name() + "; other genome or naming?)");
            }
        }
    }

    private static boolean anyNegative(GeneMatrix matrix) {
        for (int g = 0; g < matrix.geneCount(); g++) {
            for (float v : matrix.values(g)) {
                if (v < 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Fails before any work when an output cannot be written. */
    private void checkOutputs(Split splitting) {
        if (splitting.kind() == Split.Kind.NONE) {
            if (Files.isDirectory(output)) {
                throw new BadInputException(output + ": is a directory; a matrix file (.csv or .csv.gz) is expected"
                        + " without --split");
            }
            OutputTarget.requireWritableFile(output);
        } else {
            if (Files.exists(output) && !Files.isDirectory(output)) {
                throw new BadInputException(output + ": exists and is not a directory; --split writes a directory");
            }
            OutputTarget.requireWritableDirectory(output);
        }
        if (binsBed != null) {
            OutputTarget.requireWritableFile(binsBed);
        }
    }

    /** Labels every gene of the matrix (all have an expression value by now), by the suite's one rule. */
    private GeneMatrix label(Reporter reporter, GeneMatrix matrix, Map<String, Double> values, Threshold rule) {
        ExpressionLabels.Labelled labelled = ExpressionLabels.label(matrix.geneIds(), values, rule);
        int[] labels = labelled.labels();
        int high = labelled.high();
        reporter.status("threshold " + rule + " = " + String.format(Locale.ROOT, "%.6g", labelled.cut()) + ": " + high
                + " genes high (1), " + (labels.length - high) + " low (0)");
        if (high == 0 || high == labels.length) {
            reporter.warning("every gene has label " + labels[0] + " at threshold " + rule + " = "
                    + String.format(Locale.ROOT, "%.6g", labelled.cut()));
        }
        return matrix.withLabels(labels);
    }

    /** The genes' raw expression values as the matrix's expression column (--write-expression). */
    private static GeneMatrix withExpression(GeneMatrix matrix, Map<String, Double> values) {
        float[] levels = new float[matrix.geneCount()];
        for (int g = 0; g < levels.length; g++) {
            Double v = values.get(matrix.geneId(g));
            levels[g] = v == null ? Float.NaN : v.floatValue(); // written as NA
        }
        return matrix.withTargets(levels);
    }

    /** One matrix, or (parts given) the split's train, valid and test matrices in the OUT directory. */
    private void write(GeneMatrix matrix, List<int[]> parts) throws IOException {
        if (parts == null) {
            MatrixWriter.write(matrix, output);
            return;
        }
        Files.createDirectories(output);
        String extension = compress ? ".csv.gz" : ".csv";
        for (int p = 0; p < parts.size(); p++) {
            MatrixWriter.write(matrix.subset(parts.get(p)), output.resolve(Split.PART_NAMES.get(p) + extension));
        }
    }
}
