package org.deepchrome.binsignals;

/** Matches chromosome names across UCSC and Ensembl styles: {@code chr1} and {@code 1} name the same contig. */
public final class ContigNames {
    private ContigNames() {
    }

    /** The other spelling of a contig name: chr1 → 1, 1 → chr1 (chrM ↔ MT as well). */
    public static String alias(String name) {
        if (name.equals("chrM")) {
            return "MT";
        }
        if (name.equals("MT")) {
            return "chrM";
        }
        if (name.length() > 3 && name.regionMatches(true, 0, "chr", 0, 3)) {
            return name.substring(3);
        }
        return "chr" + name;
    }
}
