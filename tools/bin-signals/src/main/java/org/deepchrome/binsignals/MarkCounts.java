package org.deepchrome.binsignals;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counts of one mark: {@code counts[gene * bins + bin]}, plus the library size (reads
 * that passed the filters) and the gene contigs the file covers; for a bigWig, summed values instead. Pieces of one contig run in
 * parallel and may touch the same window near their border, so bins are incremented atomically.
 */
public final class MarkCounts {
    /** Incremented atomically while counting ({@link BinLayout}); read plainly once the workers are done. */
    final int[] counts;
    final LongAdder library = new LongAdder();
    final Set<String> coveredGeneContigs = ConcurrentHashMap.newKeySet();
    /** For a bigWig track: value × bases summed per bin (the mean is taken when the matrix is built); else null. */
    final double[] sums;

    MarkCounts(int genes, int bins, boolean track) {
        counts = new int[track ? 0 : Math.multiplyExact(genes, bins)];
        sums = track ? new double[Math.multiplyExact(genes, bins)] : null;
    }

    /** True for a bigWig track (values, not read counts). */
    public boolean track() {
        return sums != null;
    }

    public long librarySize() {
        return library.sum();
    }
}
