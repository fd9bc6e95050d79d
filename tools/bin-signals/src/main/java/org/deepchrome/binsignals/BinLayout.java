package org.deepchrome.binsignals;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where every gene's bins lie and which bins a read hits. A gene's window is TSS ± window
 * cut into bins of binSize; bin 0 is the most upstream one (strand-aware): for {@code +}
 * the window is [TSS − window, TSS + window), for {@code -} it is mirrored around the TSS
 * base, [TSS + 1 − window, TSS + 1 + window), and bin 0 lies at its highest coordinates.
 *
 * <p>All windows have the same length, so windows sorted by start are sorted by end too:
 * the windows a read overlaps are one contiguous run found by binary search. Counting is
 * O(log genes + bins hit) per read, with no per-bin query.
 */
public final class BinLayout {
    /**
     * Atomic increments of plain {@code int[]} counts: pieces of one contig run in parallel and may
     * touch the same window near their border. (An AtomicIntegerArray would do the same here, but
     * reading millions of bins back through it is slow while the matrix code is still cold.)
     */
    private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(int[].class);

    private final int window;
    private final int binSize;
    private final int bins;
    private final List<Gene> genes;
    private final Map<String, Contig> contigs = new HashMap<>();

    /** The windows on one gene contig, sorted by start. */
    public final class Contig {
        private final String name;
        private final int firstGene; // index, in file order, of the contig's first gene
        private final int[] starts;
        /**
         * For the counting loops: the window starts followed by Integer.MAX_VALUE, so a loop over
         * windows stops at "window starts after the read" alone; and per window, the count slot of
         * its first bin and the step to the next (-1 on the minus strand). Why:
         * the JIT compiles away branches it has not seen yet and must throw the compiled code away
         * when one is taken (the end of a contig's windows, the first minus-strand gene).
         */
        private final int[] startsThenEnd;
        private final int[] firstSlot;
        private final int[] slotStep;
        /** Blacklisted regions of this contig (--blacklist), or null. */
        private Blacklist.Regions blacklisted;

        private Contig(String name, List<Integer> members) {
            this.name = name;
            this.firstGene = members.get(0); // members come in file order
            // by window start, then gene index: sorted as primitive (start, index) keys rather than
            // through a comparator, which costs tens of milliseconds over 20,000 genes while cold
            long[] order = new long[members.size()];
            for (int i = 0; i < order.length; i++) {
                int g = members.get(i);
                order[i] = ((long) windowStart(genes.get(g)) << 32) | g;
            }
            Arrays.sort(order);
            starts = new int[order.length];
            firstSlot = new int[order.length];
            slotStep = new int[order.length];
            for (int i = 0; i < order.length; i++) {
                int index = (int) order[i];
                Gene g = genes.get(index);
                starts[i] = (int) (order[i] >> 32);
                firstSlot[i] = index * bins + (g.minus() ? bins - 1 : 0);
                slotStep[i] = g.minus() ? -1 : 1;
            }
            startsThenEnd = Arrays.copyOf(starts, starts.length + 1);
            startsThenEnd[starts.length] = Integer.MAX_VALUE;
        }

        public String name() {
            return name;
        }

        public int geneCount() {
            return starts.length;
        }

        /** Where the contig's first gene is in the gene file's order (for messages in that order). */
        public int firstGene() {
            return firstGene;
        }

        /**
         * Adds one to every bin that the half-open interval [start, end) (0-based) overlaps by
         * at least 1 bp; {@code counts} is indexed {@code gene * bins + bin}.
         */
        public void add(int start, int end, int[] counts) {
            addFrom(firstWindowEndingAfter(start), start, end, counts);
        }

        /**
         * A reader's position in the windows: for reads in coordinate order it only moves
         * forward (no search per read); a read that starts further left falls back to the search.
         */
        public final class Cursor {
            private int next;
            private int lastStart = Integer.MIN_VALUE;

            /** As {@link Contig#add}, faster for intervals in increasing start order. */
            public void add(int start, int end, int[] counts) {
                int span = 2 * window;
                if (start < lastStart) {
                    next = firstWindowEndingAfter(start);
                } else {
                    while (startsThenEnd[next] <= start - span) { // the end marker stops it
                        next++;
                    }
                }
                lastStart = start;
                addFrom(next, start, end, counts);
            }
        }

        public Cursor cursor() {
            return new Cursor();
        }

        private void addFrom(int first, int start, int end, int[] counts) {
            if (blacklisted != null && blacklisted.overlaps(start, end)) {
                return; // a read touching a blacklisted region is not counted (deepTools' --blackListFileName)
            }
            int span = 2 * window;
            for (int i = first; startsThenEnd[i] < end; i++) { // the end marker stops it
                int ws = startsThenEnd[i];
                int firstBin = (Math.max(start, ws) - ws) / binSize;
                int lastBin = (Math.min(end, ws + span) - 1 - ws) / binSize;
                int step = slotStep[i];
                for (int k = firstBin, slot = firstSlot[i] + step * firstBin; k <= lastBin; k++, slot += step) {
                    int before = (int) COUNT.getAndAdd(counts, slot, 1); // atomic: see COUNT
                }
            }
        }

        /**
         * Adds {@code value} × (bases of [start, end) inside the bin) to every bin the interval
         * overlaps: summed signal, for bigWig tracks whose bins are means over their bases.
         * {@code sums} is indexed {@code gene * bins + bin}; each gene belongs to one contig, so
         * one thread per contig writes disjoint slots.
         */
        public void addBases(int start, int end, double value, double[] sums) {
            if (blacklisted != null && blacklisted.overlaps(start, end)) {
                // bases inside a blacklisted region are missing (0): add only the parts between regions
                int i = Math.max(0, blacklisted.lastStartBefore(start));
                int from = start;
                int[] bs = blacklisted.starts();
                int[] be = blacklisted.ends();
                for (; i < bs.length && bs[i] < end; i++) {
                    if (be[i] <= from) {
                        continue;
                    }
                    if (bs[i] > from) {
                        addBasesUnchecked(from, bs[i], value, sums);
                    }
                    from = Math.max(from, be[i]);
                }
                if (from < end) {
                    addBasesUnchecked(from, end, value, sums);
                }
                return;
            }
            addBasesUnchecked(start, end, value, sums);
        }

        private void addBasesUnchecked(int start, int end, double value, double[] sums) {
            int span = 2 * window;
            for (int i = firstWindowEndingAfter(start); startsThenEnd[i] < end; i++) { // the end marker stops it
                int ws = startsThenEnd[i];
                int from = Math.max(start, ws);
                int to = Math.min(end, ws + span);
                for (int k = (from - ws) / binSize; k * binSize + ws < to; k++) {
                    int binStart = ws + k * binSize;
                    int overlap = Math.min(to, binStart + binSize) - Math.max(from, binStart);
                    sums[firstSlot[i] + slotStep[i] * k] += value * overlap;
                }
            }
        }

        /** Index of the first window whose end (start + 2·window) lies after {@code position}. */
        private int firstWindowEndingAfter(int position) {
            int key = position - 2 * window; // window end > position  <=>  window start > key
            int i = Arrays.binarySearch(starts, key + 1);
            if (i < 0) {
                return -i - 1;
            }
            while (i > 0 && starts[i - 1] == key + 1) { // equal starts: step back to the first one
                i--;
            }
            return i;
        }
    }

    public BinLayout(List<Gene> genes, int window, int binSize) {
        if (window < 1 || binSize < 1 || (2 * window) % binSize != 0) {
            throw new IllegalArgumentException("window and bin size must be positive and 2*window a multiple of bin size");
        }
        this.genes = List.copyOf(genes);
        this.window = window;
        this.binSize = binSize;
        this.bins = 2 * window / binSize;
        Map<String, List<Integer>> byContig = new HashMap<>();
        for (int g = 0; g < genes.size(); g++) {
            byContig.computeIfAbsent(genes.get(g).contig(), c -> new ArrayList<>()).add(g);
        }
        byContig.forEach((name, members) -> contigs.put(name, new Contig(name, members)));
    }

    public int bins() {
        return bins;
    }

    public int binSize() {
        return binSize;
    }

    public List<Gene> genes() {
        return genes;
    }

    /**
     * Applies a blacklist: its regions are matched to the gene contigs by name (chr1 ↔ 1).
     * Call before counting.
     */
    public void blacklist(Blacklist list) {
        list.all().forEach((name, regions) -> {
            Contig c = resolve(name);
            if (c != null) {
                c.blacklisted = regions;
            }
        });
    }

    /** The gene contig names, each once. */
    public Set<String> contigNames() {
        return contigs.keySet();
    }

    /** The windows on a gene contig, or null when no gene lies there. */
    public Contig contig(String geneContig) {
        return contigs.get(geneContig);
    }

    /**
     * Pairs the contigs of an alignment file with the gene contigs: the same name first, then
     * the other spelling (chr1 ↔ 1) for gene contigs still unpaired, so no two file contigs
     * feed the same genes. File contigs without genes are absent from the map.
     */
    public Map<String, Contig> match(Collection<String> fileContigs) {
        Map<String, Contig> matched = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (String name : fileContigs) {
            Contig c = contigs.get(name);
            if (c != null) {
                matched.put(name, c);
                used.add(name);
            }
        }
        for (String name : fileContigs) {
            Contig c = contigs.get(ContigNames.alias(name));
            if (!matched.containsKey(name) && c != null && used.add(c.name())) {
                matched.put(name, c);
            }
        }
        return matched;
    }

    /** The gene contig a read's contig name feeds (same name, else chr1 ↔ 1), or null. */
    public Contig resolve(String fileContig) {
        Contig c = contigs.get(fileContig);
        return c != null ? c : contigs.get(ContigNames.alias(fileContig));
    }

    /** 0-based start of the gene's whole window (may be negative near a chromosome start). */
    public int windowStart(Gene g) {
        return g.minus() ? g.tss() + 1 - window : g.tss() - window;
    }

    /** 0-based start of the gene's bin {@code bin} (0 = most upstream). */
    public int binStart(Gene g, int bin) {
        int k = g.minus() ? bins - 1 - bin : bin;
        return windowStart(g) + k * binSize;
    }
}
