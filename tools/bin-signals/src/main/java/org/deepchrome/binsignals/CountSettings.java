package org.deepchrome.binsignals;

/**
 * How reads are counted: which part of a read ({@link CountMode}), the fragment length for
 * single-end fragment centres, the MAPQ floor, and whether every contig must be read (CPM
 * needs the whole library size; raw counts need only contigs that carry genes).
 * {@code htsjdkRecords} reads BAM through htsjdk's SAMRecord instead of the lean
 * {@link BamPieceReader} (same counts, slower; for tests and benchmarks).
 */
public record CountSettings(CountMode mode, int fragmentLength, int minMapq, boolean wholeLibrary,
                            boolean htsjdkRecords) {
}
