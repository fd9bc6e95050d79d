package org.deepchrome.binsignals;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counts of one mark: {@code counts[gene * bins + bin]}, plus the library size (reads
 * that passed the filters) and the gene contigs the file covers. Pieces of one contig run in
 * parallel and may touch the same window near their border, so bins are incremented atomically.
 */
public final class MarkCounts {
    final AtomicIntegerArray counts;
    final LongAdder library = new LongAdder();
    final Set<String> coveredGeneContigs = ConcurrentHashMap.newKeySet();

    MarkCounts(int genes, int bins) {
        counts = new AtomicIntegerArray(Math.multiplyExact(genes, bins));
    }

    public long librarySize() {
        return library.sum();
    }
}
