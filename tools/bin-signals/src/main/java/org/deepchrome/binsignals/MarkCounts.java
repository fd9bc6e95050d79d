package org.deepchrome.binsignals;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counts of one mark: {@code counts[gene * bins + bin]}, plus the library size (reads
 * that passed the filters) and the gene contigs the file covers. Tasks on different contigs
 * write disjoint parts of {@code counts}, so they need no locking.
 */
public final class MarkCounts {
    final int[] counts;
    final LongAdder library = new LongAdder();
    final Set<String> coveredGeneContigs = ConcurrentHashMap.newKeySet();

    MarkCounts(int genes, int bins) {
        counts = new int[Math.multiplyExact(genes, bins)];
    }

    public int count(int gene, int bins, int bin) {
        return counts[gene * bins + bin];
    }

    public long librarySize() {
        return library.sum();
    }
}
