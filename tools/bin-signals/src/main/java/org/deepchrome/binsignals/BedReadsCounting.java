package org.deepchrome.binsignals;

import org.deepchrome.core.BadInputException;
import org.deepchrome.core.cli.Progress;
import org.deepchrome.core.io.Inputs;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts reads given as BED3+ or tagAlign lines (chrom, start, end[, name, score, strand]),
 * plain or gzip, in any order: one task streams the whole file. There are no flags here, so
 * nothing is filtered; 5'-end and fragment-centre counting need the strand column.
 */
final class BedReadsCounting implements CountTask {
    private final MarkInput mark;
    private final BinLayout layout;
    private final CountSettings settings;
    private final MarkCounts counts;
    private final long weight;

    BedReadsCounting(MarkInput mark, BinLayout layout, CountSettings settings, MarkCounts counts) {
        this.mark = mark;
        this.layout = layout;
        this.settings = settings;
        this.counts = counts;
        long size;
        try {
            size = Files.size(mark.file());
        } catch (IOException e) {
            size = 1;
        }
        this.weight = Math.max(1, size);
    }

    @Override
    public long weight() {
        return weight;
    }

    @Override
    public void run(Progress progress) {
        Path file = mark.file();
        boolean needStrand = settings.mode() != CountMode.OVERLAP;
        Map<String, BinLayout.Contig> resolved = new HashMap<>();
        int[] interval = new int[2];
        long library = 0;
        long bytes = 0;
        long reported = 0;
        try (BufferedReader reader = Inputs.openText(file, "read file")) {
            String text;
            long line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                bytes += text.length() + 1;
                if (text.isEmpty() || text.startsWith("#") || text.startsWith("track") || text.startsWith("browser")) {
                    continue;
                }
                String[] f = text.split("\t", 7);
                if (f.length < 3 || (needStrand && f.length < 6)) {
                    throw BadInputException.at(file, line, needStrand
                            ? "expected chrom, start, end, name, score, strand (tab-separated; the strand is needed"
                              + " for --count " + settings.mode()
                              + "), found " + f.length + " column(s)"
                            : "expected at least chrom, start, end (tab-separated), found " + f.length + " column(s)");
                }
                int start = integer(file, line, "start", f[1]);
                int end = integer(file, line, "end", f[2]);
                if (start < 0 || end < start) {
                    throw BadInputException.at(file, line, "start " + start + " and end " + end
                            + " do not form an interval");
                }
                String strandColumn = f.length >= 6 ? f[5].strip() : "";
                if (needStrand && !strandColumn.equals("+") && !strandColumn.equals("-")) {
                    throw BadInputException.at(file, line, strandColumn.isEmpty()
                            ? "the strand column is empty; --count " + settings.mode() + " needs + or -"
                            : "strand '" + strandColumn + "' must be + or -");
                }
                char strand = strandColumn.equals("-") ? '-' : '+'; // ignored by overlap counting
                if (!settings.mode().place(start, end, strand, settings.fragmentLength(), interval)) {
                    continue;
                }
                library++;
                BinLayout.Contig windows = resolved.computeIfAbsent(f[0], layout::resolve);
                if (windows != null) {
                    counts.coveredGeneContigs.add(windows.name());
                    windows.add(interval[0], interval[1], counts.counts);
                }
                if ((line & 0xFFFF) == 0) {
                    long done = Math.min(weight, bytes);
                    progress.advance(done - reported);
                    reported = done;
                }
            }
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        counts.library.add(library);
        progress.advance(weight - reported);
    }

    private static int integer(Path file, long line, String column, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw BadInputException.at(file, line, column + " '" + value + "' is not an integer");
        }
    }
}
