package org.deepchrome.binsignals;

/**
 * A gene as bin-signals needs it: id, contig, transcription start site (0-based position of
 * the first transcribed base) and strand. {@code line} is where it came from, for messages.
 */
public record Gene(String id, String contig, int tss, char strand, long line) {
    public boolean minus() {
        return strand == '-';
    }
}
