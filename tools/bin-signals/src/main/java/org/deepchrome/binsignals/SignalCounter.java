package org.deepchrome.binsignals;

import org.deepchrome.core.cli.Progress;
import org.deepchrome.core.cli.Reporter;
import org.deepchrome.core.concurrent.Futures;
import org.deepchrome.core.matrix.GeneMatrix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Counts every mark's reads into the bins of a layout. The constructor opens and checks every
 * read file (so bad input fails before any counting; it needs no genes, so it can run while they
 * are read); {@link #count} then runs the pieces of work — whole BED/SAM files, pieces of indexed
 * contigs — on a thread pool, each file read once.
 */
final class SignalCounter {
    private static final int MIN_PIECE = 1_000_000;

    private final CountSettings settings;
    private final List<MarkInput> marks;
    private final int columns;
    private final List<AlignmentCounting> alignments = new ArrayList<>(); // null for BED reads and bigWig
    private final List<BigWigCounting> tracks = new ArrayList<>(); // null except for bigWig

    /** The counts of all marks (in column order) and the contig lengths the alignment headers tell. */
    record Result(BinLayout layout, List<MarkInput> marks, List<MarkCounts> counts, CountSettings settings,
                  Map<String, Integer> contigLengths) {
        /** The matrix of all genes of the layout: raw counts, or counts per million with --normalize cpm. */
        GeneMatrix matrix() {
            int bins = layout.bins();
            int markCount = marks.size();
            double[] scale = new double[markCount];
            for (int m = 0; m < markCount; m++) {
                long library = counts.get(m).librarySize();
                scale[m] = counts.get(m).track() ? 1.0 / layout.binSize() // bigWig: summed values -> mean per base
                        : settings.normalization() != Normalization.CPM ? 1 : library == 0 ? 0 : 1e6 / library;
            }
            List<String> ids = layout.genes().stream().map(Gene::id).toList();
            // in parallel: millions of bins, read while the code is still cold
            List<float[]> values = IntStream.range(0, ids.size()).parallel().mapToObj(g -> {
                float[] v = new float[markCount * bins];
                for (int m = 0; m < markCount; m++) {
                    int[] c = counts.get(m).counts;
                    double[] sums = counts.get(m).sums;
                    for (int b = 0; b < bins; b++) {
                        double raw = sums != null ? sums[g * bins + b] : c[g * bins + b];
                        v[m * bins + b] = (float) (raw * scale[m]);
                    }
                }
                return v;
            }).toList();
            return new GeneMatrix(marks.stream().map(MarkInput::name).toList(), bins, ids, values, null);
        }
    }

    SignalCounter(CountSettings settings, Path reference, List<MarkInput> marks) {
        this(settings, reference, marks, marks.size());
    }

    /** {@code columns} of the marks first; the files after them (controls) get no all-zeros warning here. */
    SignalCounter(CountSettings settings, Path reference, List<MarkInput> marks, int columns) {
        this.columns = columns;
        this.settings = settings;
        this.marks = List.copyOf(marks);
        for (MarkInput mark : marks) {
            ReadFormat format = ReadFormat.detect(mark.file());
            alignments.add(format == ReadFormat.BED || format == ReadFormat.BIGWIG ? null
                    : new AlignmentCounting(mark, format, reference, settings));
            tracks.add(format == ReadFormat.BIGWIG ? new BigWigCounting(mark) : null);
        }
    }

    Result count(BinLayout layout, int threads, Reporter reporter) {
        List<MarkCounts> counts = new ArrayList<>();
        Map<String, Integer> contigLengths = new HashMap<>();
        // About four pieces per thread over all indexed files: even load without many index seeks.
        long toRead = alignments.stream().filter(Objects::nonNull).mapToLong(a -> a.lengthToRead(layout)).sum();
        int pieceLength = (int) Math.min(Integer.MAX_VALUE, Math.max(MIN_PIECE, toRead / (4L * threads) + 1));
        List<CountTask> tasks = new ArrayList<>();
        for (int m = 0; m < marks.size(); m++) {
            MarkCounts markCounts = new MarkCounts(layout.genes().size(), layout.bins(), tracks.get(m) != null);
            counts.add(markCounts);
            AlignmentCounting file = alignments.get(m);
            BigWigCounting track = tracks.get(m);
            if (track != null) {
                track.matchedContigs(layout).forEach((trackContig, genesThere) -> contigLengths.putIfAbsent(
                        genesThere.name(), track.file().chromosomes().get(trackContig)));
                tasks.addAll(track.tasks(layout, markCounts));
            } else if (file == null) {
                tasks.add(new BedReadsCounting(marks.get(m), layout, settings, markCounts));
            } else {
                file.matchedContigs(layout).forEach((fileContig, genesThere) -> contigLengths.putIfAbsent(
                        genesThere.name(), file.dictionary().getSequence(fileContig).getSequenceLength()));
                tasks.addAll(file.tasks(layout, markCounts, pieceLength));
            }
        }
        for (int m = 0; m < marks.size(); m++) {
            Path staleIndex = alignments.get(m) == null ? null : alignments.get(m).staleIndex();
            if (staleIndex != null) {
                reporter.warning(staleIndex + " is older than " + marks.get(m).file()
                        + "; if the data changed since, re-create it: samtools index " + marks.get(m).file());
            }
        }
        try {
            runAll(tasks, threads, reporter);
        } finally {
            for (BigWigCounting t : tracks) {
                if (t != null) {
                    t.close();
                }
            }
        }
        warnAboutAbsentContigs(layout, reporter, counts);
        for (int m = 0; m < columns; m++) {
            boolean indexed = alignments.get(m) != null || tracks.get(m) != null;
            if (indexed && counts.get(m).coveredGeneContigs.isEmpty()) {
                reporter.warning(marks.get(m).file() + ": no contig name matches a contig of the genes; column "
                        + marks.get(m).name() + " is all zeros");
            } else if (tracks.get(m) == null && counts.get(m).librarySize() == 0) {
                reporter.warning(marks.get(m).file() + ": no read passed the filters on the genes' contigs; column "
                        + marks.get(m).name() + " is all zeros");
            }
        }
        return new Result(layout, marks, counts, settings, contigLengths);
    }

    private static void runAll(List<CountTask> tasks, int threads, Reporter reporter) {
        tasks.sort(Comparator.comparingLong(CountTask::weight).reversed()); // big pieces first: even load
        long total = tasks.stream().mapToLong(CountTask::weight).sum();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, tasks.size())));
        try (Progress progress = new Progress("counting reads", total, reporter)) {
            List<Future<?>> futures = new ArrayList<>();
            for (CountTask task : tasks) {
                futures.add(pool.submit(() -> task.run(progress)));
            }
            Futures.awaitAll(futures, "counting reads"); // bad input found while reading comes back as it was
        } finally {
            pool.shutdownNow();
        }
    }

    /** One line per gene contig that some mark's file lacks, not one per gene. */
    private void warnAboutAbsentContigs(BinLayout layout, Reporter reporter, List<MarkCounts> counts) {
        List<String> contigs = new ArrayList<>(layout.contigNames());
        contigs.sort(Comparator.comparingInt(c -> layout.contig(c).firstGene())); // in the order of the gene file
        for (String contig : contigs) {
            List<String> missing = new ArrayList<>();
            for (int m = 0; m < marks.size(); m++) {
                // a file matching no gene contig at all gets one warning of its own, not one per contig
                if (!counts.get(m).coveredGeneContigs.isEmpty() && !counts.get(m).coveredGeneContigs.contains(contig)) {
                    missing.add(marks.get(m).name() + " (" + marks.get(m).file() + ")");
                }
            }
            if (!missing.isEmpty()) {
                int n = layout.contig(contig).geneCount();
                reporter.warning("contig " + contig + " (" + n + (n == 1 ? " gene" : " genes")
                        + ") has no reads in " + String.join(", ", missing) + "; those genes get zeros there");
            }
        }
    }
}
