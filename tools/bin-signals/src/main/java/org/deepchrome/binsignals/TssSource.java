package org.deepchrome.binsignals;

import org.deepchrome.core.cli.Choices;

/** Which TSS a GTF/GFF3 gene file gives (--tss): each gene record's, or each distinct one of its transcripts. */
public enum TssSource {
    GENE, TRANSCRIPT;

    @Override
    public String toString() {
        return Choices.id(this);
    }
}
