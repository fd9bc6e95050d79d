package org.deepchrome.binsignals;

/**
 * How reads are counted: which part of a read ({@link CountMode}), the fragment length for
 * single-end fragment centres, the MAPQ floor, and whether every contig must be read (CPM and
 * read-count scaling against a control need the whole library size; raw counts need only
 * contigs that carry genes).
 * {@code htsjdkRecords} reads BAM through htsjdk's SAMRecord instead of the lean
 * {@link BamPieceReader} (same counts, slower; for tests and benchmarks).
 */
public record CountSettings(CountMode mode, int fragmentLength, int minMapq, Normalization normalization,
                            boolean htsjdkRecords, boolean librarySizes) {
    public CountSettings(CountMode mode, int fragmentLength, int minMapq, Normalization normalization,
                         boolean htsjdkRecords) {
        this(mode, fragmentLength, minMapq, normalization, htsjdkRecords, false);
    }

    /** CPM and --scale-factors-method readcount divide by every read of the file that passes the filters, so no contig may be skipped. */
    public boolean wholeLibrary() {
        return normalization == Normalization.CPM || librarySizes;
    }
}
