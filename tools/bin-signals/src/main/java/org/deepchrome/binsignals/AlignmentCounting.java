package org.deepchrome.binsignals;

import htsjdk.samtools.BAMFileSpan;
import htsjdk.samtools.BAMIndex;
import htsjdk.samtools.SAMException;
import htsjdk.samtools.SAMFlag;
import htsjdk.samtools.SAMFileHeader;
import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SAMRecordIterator;
import htsjdk.samtools.SAMSequenceDictionary;
import htsjdk.samtools.SAMSequenceRecord;
import htsjdk.samtools.SamReader;
import htsjdk.samtools.SamFiles;
import htsjdk.samtools.SamInputResource;
import htsjdk.samtools.SamReaderFactory;
import htsjdk.samtools.ValidationStringency;
import htsjdk.samtools.filter.AggregateFilter;
import htsjdk.samtools.filter.AlignedFilter;
import htsjdk.samtools.filter.DuplicateReadFilter;
import htsjdk.samtools.filter.FailsVendorReadQualityFilter;
import htsjdk.samtools.filter.FilteringSamIterator;
import htsjdk.samtools.filter.MappingQualityFilter;
import htsjdk.samtools.filter.SamRecordFilter;
import htsjdk.samtools.seekablestream.SeekableFileStream;
import htsjdk.samtools.util.BlockCompressedInputStream;
import org.deepchrome.core.BadInputException;
import org.deepchrome.core.cli.Progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Counts a SAM, BAM or CRAM file into the bins. An indexed BAM/CRAM becomes pieces of its
 * contigs (read through the index, so pieces run in parallel and contigs without genes are
 * skipped); a SAM is streamed once. BAM pieces are read with {@link BamPieceReader}, the rest
 * with htsjdk's records and filters. Either way unmapped, duplicate and QC-fail records and
 * those below the MAPQ floor are dropped, as bedtools multicov does.
 */
final class AlignmentCounting {
    private final MarkInput mark;
    private final ReadFormat format;
    private final Path reference;
    private final CountSettings settings;
    private final SAMSequenceDictionary dictionary;
    private final BaiOffsets bai; // the lean BAM reader's .bai, else null

    /**
     * Opens the file once to check it before any work: header, BGZF end, index, reference; and
     * reads a BAM's .bai for the lean reader. Needs no genes, so it can run while they are read.
     */
    AlignmentCounting(MarkInput mark, ReadFormat format, Path reference, CountSettings settings) {
        this.mark = mark;
        this.format = format;
        this.reference = reference;
        this.settings = settings;
        Path file = mark.file();
        if (format == ReadFormat.CRAM && reference == null) {
            throw new BadInputException(file + ": CRAM needs the reference it was compressed against: give --reference REF.fa");
        }
        if (format == ReadFormat.BAM) {
            requireBgzfEnd(file);
        }
        try (SamReader reader = open(file)) {
            SAMFileHeader header = reader.getFileHeader();
            dictionary = header.getSequenceDictionary();
            if (dictionary.isEmpty()) {
                throw new BadInputException(file + ": header has no @SQ lines (contig names and lengths)");
            }
            if (format != ReadFormat.SAM && !reader.hasIndex()) {
                throw new BadInputException(file + ": " + format + " file has no index (" + file.getFileName()
                        + (format == ReadFormat.BAM ? ".bai" : ".crai") + "); create it with: samtools index " + file);
            }
            if (format != ReadFormat.SAM && header.getSortOrder() != SAMFileHeader.SortOrder.coordinate
                    && header.getSortOrder() != SAMFileHeader.SortOrder.unknown) {
                throw new BadInputException(file + ": header says sort order " + header.getSortOrder()
                        + "; an indexed file must be coordinate-sorted (samtools sort)");
            }
        } catch (SAMException e) {
            throw new BadInputException(file + ": not a readable " + format + " file: " + oneLine(e), e);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        bai = format == ReadFormat.BAM && !settings.htsjdkRecords() ? readBai(file) : null;
    }

    /** A BAM's .bai, checked against its header; null for another index (CSI), read through htsjdk. */
    private BaiOffsets readBai(Path file) {
        Path index = SamFiles.findIndex(file);
        if (index == null || !index.getFileName().toString().endsWith(".bai")) {
            return null;
        }
        BaiOffsets offsets = BaiOffsets.read(index);
        if (offsets.references() != dictionary.size()) {
            throw new BadInputException(index + ": describes " + offsets.references() + " contigs, " + file
                    + " has " + dictionary.size() + "; an index of another file? Re-create it: samtools index " + file);
        }
        return offsets;
    }

    /**
     * The index file when it is older than the data file (it may describe an earlier version;
     * samtools only warns too, and copies without -p make such ages common), else null.
     */
    Path staleIndex() {
        Path file = mark.file();
        Path index = htsjdk.samtools.SamFiles.findIndex(file);
        try {
            if (index != null && Files.getLastModifiedTime(index).compareTo(Files.getLastModifiedTime(file)) < 0) {
                return index;
            }
        } catch (IOException e) {
            return null; // the open in the constructor read the index; an age we cannot tell is no warning
        }
        return null;
    }

    /** The file's contigs and their lengths. */
    SAMSequenceDictionary dictionary() {
        return dictionary;
    }

    /** The gene contigs of {@code layout} this file has reads for (by name, chr1 ↔ 1). */
    Map<String, BinLayout.Contig> matchedContigs(BinLayout layout) {
        List<String> names = new ArrayList<>();
        for (SAMSequenceRecord s : dictionary.getSequences()) {
            names.add(s.getSequenceName());
        }
        return layout.match(names);
    }

    /**
     * The work for this file: the whole SAM, or each needed contig of an indexed file cut into
     * pieces of about {@code chunkLength} bases, so even one file keeps every thread busy.
     */
    List<CountTask> tasks(BinLayout layout, MarkCounts counts, int chunkLength) {
        Map<String, BinLayout.Contig> matched = matchedContigs(layout);
        matched.values().forEach(c -> counts.coveredGeneContigs.add(c.name()));
        List<CountTask> tasks = new ArrayList<>();
        if (format == ReadFormat.SAM) {
            tasks.add(new ChunkTask(null, 0, 0, dictionary.getReferenceLength(), 0, matched, counts));
            return tasks;
        }
        List<Piece> pieces = new ArrayList<>();
        for (SAMSequenceRecord s : dictionary.getSequences()) {
            if (settings.wholeLibrary() || matched.containsKey(s.getSequenceName())) {
                int length = s.getSequenceLength();
                for (int from = 0; from < length || from == 0; from += chunkLength) {
                    boolean last = (long) from + chunkLength >= length;
                    pieces.add(new Piece(s, from, last ? 0 : from + chunkLength));
                    if (last) {
                        break;
                    }
                }
            }
        }
        long[] firstOffsets = format == ReadFormat.BAM && !settings.htsjdkRecords()
                ? firstOffsets(pieces) : new long[pieces.size()];
        for (int p = 0; p < pieces.size(); p++) {
            Piece piece = pieces.get(p);
            if (firstOffsets[p] >= 0) { // else the index knows no record there
                int end = piece.to() == 0 ? piece.contig().getSequenceLength() : piece.to();
                tasks.add(new ChunkTask(piece.contig(), piece.from(), piece.to(), end - piece.from(), firstOffsets[p],
                        matched, counts));
            }
        }
        return tasks;
    }

    /** Records starting in [from, to) of a contig; to = 0: up to its end. */
    private record Piece(SAMSequenceRecord contig, int from, int to) {
    }

    /**
     * For the lean BAM reader: the virtual offset where each piece's records start, -1 where
     * the index knows none. From a .bai directly ({@link BaiOffsets}); from another index (CSI)
     * through htsjdk's queries, all asked here because its index objects are not thread-safe.
     */
    private long[] firstOffsets(List<Piece> pieces) {
        Path file = mark.file();
        Path index = SamFiles.findIndex(file);
        long[] offsets = new long[pieces.size()];
        if (bai != null) {
            for (int p = 0; p < offsets.length; p++) {
                offsets[p] = bai.firstOffset(pieces.get(p).contig().getSequenceIndex(), pieces.get(p).from());
            }
            return offsets;
        }
        try (SamReader reader = open(file)) {
            BAMIndex htsjdkIndex = reader.indexing().getIndex();
            for (int p = 0; p < offsets.length; p++) {
                Piece piece = pieces.get(p);
                int end = piece.to() == 0 ? piece.contig().getSequenceLength() : piece.to();
                BAMFileSpan span = htsjdkIndex.getSpanOverlapping(piece.contig().getSequenceIndex(), piece.from() + 1,
                        Math.max(piece.from() + 1, end));
                offsets[p] = span == null || span.isEmpty() ? -1 : span.getFirstOffset();
            }
            return offsets;
        } catch (SAMException e) {
            throw new BadInputException(index + ": cannot read the index: " + oneLine(e), e);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Total length of the contigs {@link #tasks} would read, for choosing the chunk length. */
    long lengthToRead(BinLayout layout) {
        Map<String, BinLayout.Contig> matched = matchedContigs(layout);
        long sum = 0;
        for (SAMSequenceRecord s : dictionary.getSequences()) {
            if (settings.wholeLibrary() || matched.containsKey(s.getSequenceName())) {
                sum += s.getSequenceLength();
            }
        }
        return sum;
    }

    /**
     * Opens FILE. A BAM gets its index handed over as a stream: htsjdk's file-based open prints
     * its own "index is older" line to stderr on every open (once per piece read), where
     * {@link #staleIndex()} lets the tool warn once, in its own format.
     */
    private SamReader open(Path file) throws IOException {
        Path index = format == ReadFormat.BAM ? SamFiles.findIndex(file) : null;
        if (index == null) {
            return factory().open(file);
        }
        return factory().open(SamInputResource.of(new SeekableFileStream(file.toFile()))
                .index(new SeekableFileStream(index.toFile())));
    }

    private SamReaderFactory factory() {
        SamReaderFactory f = SamReaderFactory.makeDefault().validationStringency(ValidationStringency.SILENT);
        return reference == null ? f : f.referenceSequence(reference);
    }

    private SamRecordFilter filter() {
        List<SamRecordFilter> filters = new ArrayList<>(List.of(
                new AlignedFilter(true), new DuplicateReadFilter(), new FailsVendorReadQualityFilter()));
        if (settings.minMapq() > 0) {
            filters.add(new MappingQualityFilter(settings.minMapq()));
        }
        return new AggregateFilter(filters);
    }

    /** A BAM cut short still decodes up to the cut; samtools quickcheck rejects it, and so do we. */
    private static void requireBgzfEnd(Path file) {
        try {
            if (BlockCompressedInputStream.checkTermination(file)
                    != BlockCompressedInputStream.FileTermination.HAS_TERMINATOR_BLOCK) {
                throw new BadInputException(file + ": truncated BAM: the BGZF end-of-file block is missing");
            }
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s+", " ").trim();
    }

    /**
     * Counts the records that start in [from, to) of one contig (to = 0: up to its end) through
     * the index, or (contig null) the whole SAM file in order. A record starting in an earlier
     * piece belongs to that piece, so no record is counted twice.
     */
    private final class ChunkTask implements CountTask {
        private final SAMSequenceRecord contig;
        private final int from;
        private final int to;
        private final long weight;
        private final long firstOffset;
        private final Map<String, BinLayout.Contig> matched; // file contig name -> its genes
        private final MarkCounts counts;

        ChunkTask(SAMSequenceRecord contig, int from, int to, long weight, long firstOffset,
                  Map<String, BinLayout.Contig> matched, MarkCounts counts) {
            this.contig = contig;
            this.from = from;
            this.to = to;
            this.weight = Math.max(1, weight);
            this.firstOffset = firstOffset;
            this.matched = matched;
            this.counts = counts;
        }

        @Override
        public long weight() {
            return weight;
        }

        @Override
        public void run(Progress progress) {
            if (format == ReadFormat.BAM && contig != null && !settings.htsjdkRecords()) {
                runLean(progress);
                return;
            }
            Path file = mark.file();
            BinLayout.Contig[] byIndex = contigsByIndex();
            long[] offsets = contigOffsets();
            int[] interval = new int[2];
            int[] target = counts.counts;
            long records = 0;
            long reported = 0;
            long library = 0;
            SAMRecord last = null;
            try (SamReader reader = open(file);
                 SAMRecordIterator raw = contig == null ? reader.iterator()
                         : reader.query(contig.getSequenceName(), from + 1, to, false);
                 FilteringSamIterator it = new FilteringSamIterator(raw, filter())) {
                while (it.hasNext()) {
                    SAMRecord r = it.next();
                    last = r;
                    if (r.getAlignmentStart() <= from) {
                        continue; // starts in the previous piece, counted there
                    }
                    records++;
                    if (!settings.mode().place(r, settings.fragmentLength(), interval)) {
                        continue;
                    }
                    library++;
                    BinLayout.Contig windows = byIndex[r.getReferenceIndex()];
                    if (windows != null) {
                        windows.add(interval[0], interval[1], target);
                    }
                    if ((records & 0xFFFF) == 0) {
                        long done = Math.min(weight, offsets[r.getReferenceIndex()] + r.getAlignmentStart() - from);
                        progress.advance(done - reported);
                        reported = done;
                    }
                }
            } catch (SAMException e) {
                if (reference != null && String.valueOf(e.getMessage()).contains("MD5 for the reference failed")) {
                    throw new BadInputException(file + ": --reference " + reference + " is not the reference the CRAM"
                            + " was compressed against (the MD5 of a contig differs from the one in its header)", e);
                }
                String where = last == null ? "at the first record" : "after record " + last.getReadName()
                        + " at " + last.getContig() + ":" + last.getAlignmentStart();
                throw new BadInputException(file + ": cannot decode " + where + ": " + oneLine(e), e);
            } catch (IOException e) {
                throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
            }
            counts.library.add(library);
            progress.advance(weight - reported);
        }

        /** The same counting over {@link BamPieceReader}'s raw fields, with the same filters. */
        private void runLean(Progress progress) {
            Path file = mark.file();
            BinLayout.Contig genesHere = matched.get(contig.getSequenceName());
            BinLayout.Contig.Cursor windows = genesHere == null ? null : genesHere.cursor();
            int[] target = counts.counts;
            int skip = SAMFlag.READ_UNMAPPED.intValue() | SAMFlag.DUPLICATE_READ.intValue()
                    | SAMFlag.READ_FAILS_VENDOR_QUALITY_CHECK.intValue();
            int minMapq = settings.minMapq();
            CountMode mode = settings.mode();
            int fragmentLength = settings.fragmentLength();
            int[] interval = new int[2];
            long[] library = new long[1];
            long[] reported = new long[1];
            int pieceEnd = to == 0 ? Integer.MAX_VALUE : to;
            try (BamPieceReader records = new BamPieceReader(file)) {
                records.scan(firstOffset, contig.getSequenceIndex(), from, pieceEnd, new BamPieceReader.Visitor() {
                    @Override
                    public void record(int start, int end, int flags, int mapq, int templateLength) {
                        if ((flags & skip) != 0 || mapq < minMapq
                                || !mode.place(start, end, flags, templateLength, fragmentLength, interval)) {
                            return;
                        }
                        library[0]++;
                        if (windows != null) {
                            windows.add(interval[0], interval[1], target);
                        }
                    }

                    @Override
                    public void reached(int start) {
                        long done = Math.min(weight, (long) start - from);
                        progress.advance(done - reported[0]);
                        reported[0] = done;
                    }
                });
            } catch (SAMException | IOException e) {
                throw new BadInputException(file + ": cannot decode " + contig.getSequenceName() + ":" + (from + 1)
                        + "-" + (to == 0 ? contig.getSequenceLength() : to) + ": " + oneLine(e)
                        + " (a corrupt block, or an index made for another file: samtools quickcheck; samtools index)", e);
            }
            counts.library.add(library[0]);
            progress.advance(weight - reported[0]);
        }

        private BinLayout.Contig[] contigsByIndex() {
            BinLayout.Contig[] byIndex = new BinLayout.Contig[Math.max(1, dictionary.size())];
            for (SAMSequenceRecord s : dictionary.getSequences()) {
                byIndex[s.getSequenceIndex()] = matched.get(s.getSequenceName());
            }
            return byIndex;
        }

        /** Position of each contig's start in the task's progress units. */
        private long[] contigOffsets() {
            long[] offsets = new long[Math.max(1, dictionary.size())];
            long sum = 0;
            for (SAMSequenceRecord s : dictionary.getSequences()) {
                offsets[s.getSequenceIndex()] = contig == null ? sum : 0;
                sum += s.getSequenceLength();
            }
            return offsets;
        }
    }
}
