package org.deepchrome.binsignals;

import htsjdk.samtools.SAMFlag;
import htsjdk.samtools.SAMRecord;
import org.deepchrome.core.cli.Choices;

/**
 * Which part of a read is counted. {@code OVERLAP} (default, = bedtools multicov): the aligned
 * span, one count in every bin it touches by at least 1 bp. {@code FIVE_PRIME}: the read's
 * first sequenced base. {@code FRAGMENT_CENTER}: the middle of the sequenced fragment — from
 * the template length for proper pairs (counted once, on the leftmost mate), else the 5' end
 * shifted by half the fragment length in the read's direction.
 */
public enum CountMode {
    OVERLAP, FIVE_PRIME, FRAGMENT_CENTER;

    /** The command-line spelling (five-prime), also used in messages. */
    @Override
    public String toString() {
        return Choices.id(this);
    }

    /**
     * Writes the counted 0-based half-open interval of {@code r} into {@code out[0..1]};
     * returns false when the record adds nothing (the right mate of a pair in FRAGMENT_CENTER).
     */
    public boolean place(SAMRecord r, int fragmentLength, int[] out) {
        // getAlignmentEnd is 1-based inclusive, i.e. the 0-based exclusive end; it spans D and N like bedtools
        return place(r.getAlignmentStart() - 1, r.getAlignmentEnd(), r.getFlags(), r.getInferredInsertSize(),
                fragmentLength, out);
    }

    /**
     * As {@link #place(SAMRecord, int, int[])} from the raw fields of an alignment: 0-based
     * start, exclusive end of its aligned span, SAM flags and template length.
     */
    public boolean place(int start, int end, int flags, int templateLength, int fragmentLength, int[] out) {
        boolean reverse = (flags & SAMFlag.READ_REVERSE_STRAND.intValue()) != 0;
        switch (this) {
            case OVERLAP -> {
                out[0] = start;
                out[1] = Math.max(end, start + 1);
                return true;
            }
            case FIVE_PRIME -> {
                return point(reverse ? Math.max(end, start + 1) - 1 : start, out);
            }
            default -> {
                int properMappedPair = SAMFlag.READ_PAIRED.intValue() | SAMFlag.PROPER_PAIR.intValue();
                if ((flags & properMappedPair) == properMappedPair && (flags & SAMFlag.MATE_UNMAPPED.intValue()) == 0) {
                    boolean first = (flags & SAMFlag.FIRST_OF_PAIR.intValue()) != 0;
                    if (templateLength > 0 || (templateLength == 0 && first)) {
                        return point(start + templateLength / 2, out);
                    }
                    return false;
                }
                int last = Math.max(end, start + 1) - 1;
                return point(reverse ? last - fragmentLength / 2 : start + fragmentLength / 2, out);
            }
        }
    }

    /** As {@link #place(SAMRecord, int, int[])} for a BED/tagAlign read [start, end) on {@code strand}. */
    public boolean place(int start, int end, char strand, int fragmentLength, int[] out) {
        boolean reverse = strand == '-';
        return switch (this) {
            case OVERLAP -> {
                out[0] = start;
                out[1] = Math.max(end, start + 1);
                yield true;
            }
            case FIVE_PRIME -> point(reverse ? end - 1 : start, out);
            default -> point(reverse ? end - 1 - fragmentLength / 2 : start + fragmentLength / 2, out);
        };
    }

    private static boolean point(int position, int[] out) {
        out[0] = position;
        out[1] = position + 1;
        return true;
    }
}
