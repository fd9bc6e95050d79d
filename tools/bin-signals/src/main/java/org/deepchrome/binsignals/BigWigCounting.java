package org.deepchrome.binsignals;

import org.deepchrome.core.cli.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fills the bins of one mark from a bigWig track: a bin's value is the mean of the track over
 * the bin's bases, bases without data counting as 0 (computeMatrix's --averageTypeBins mean
 * --missingDataAsZero). Bins are summed here (value × bases) and divided by the bin size when
 * the matrix is built. One task per gene contig; each reads only its contig's data blocks.
 */
final class BigWigCounting {
    private final MarkInput mark;
    private final BigWigFile file;

    /** Opens the file and reads its header and chromosome list (bad input fails here, before work). */
    BigWigCounting(MarkInput mark) {
        this.mark = mark;
        this.file = BigWigFile.open(mark.file());
    }

    BigWigFile file() {
        return file;
    }

    /** The gene contigs of {@code layout} the track has data for (chr1 ↔ 1), keyed by the track's name. */
    Map<String, BinLayout.Contig> matchedContigs(BinLayout layout) {
        return layout.match(file.chromosomes().keySet());
    }

    void close() {
        try {
            file.close();
        } catch (java.io.IOException e) {
            // read-only: nothing was written that a failed close could lose
        }
    }

    List<CountTask> tasks(BinLayout layout, MarkCounts counts) {
        List<CountTask> tasks = new ArrayList<>();
        matchedContigs(layout).forEach((trackContig, contig) -> {
            long length = file.chromosomes().get(trackContig);
            tasks.add(new CountTask() {
                @Override
                public long weight() {
                    return Math.max(1, length);
                }

                @Override
                public void run(Progress progress) {
                    double[] sums = counts.sums;
                    file.query(trackContig, 0, Integer.MAX_VALUE, (start, end, value) -> {
                        if (value != 0 && !Float.isNaN(value)) { // NaN = no data = 0, as --missingDataAsZero
                            contig.addBases(start, end, value, sums);
                        }
                    });
                    counts.coveredGeneContigs.add(contig.name());
                    progress.advance(weight());
                }
            });
        });
        return tasks;
    }
}
