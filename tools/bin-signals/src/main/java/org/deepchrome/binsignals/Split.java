package org.deepchrome.binsignals;

import org.deepchrome.core.BadInputException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How genes are divided into train, valid and test matrices. {@code paper}: file order,
 * 6,601 train, 6,601 valid, the rest test (the DeepChrome paper's split).
 * {@code chrom:TEST[:VALID]}: genes on the TEST chromosomes (comma-separated) are the test
 * set, genes on VALID the validation set; without VALID every fifth remaining gene (file
 * order) validates. Chromosome names match as chr1 ↔ 1. {@code none}: one matrix.
 */
public record Split(Kind kind, Set<String> testContigs, Set<String> validContigs) {
    public enum Kind { NONE, PAPER, CHROM }

    public static final int PAPER_TRAIN = 6_601;
    public static final int PAPER_VALID = 6_601;
    public static final List<String> PART_NAMES = List.of("train", "valid", "test");

    public static Split parse(String text) {
        String t = text.trim();
        if (t.equals("none")) {
            return new Split(Kind.NONE, Set.of(), Set.of());
        }
        if (t.equals("paper")) {
            return new Split(Kind.PAPER, Set.of(), Set.of());
        }
        if (t.startsWith("chrom:")) {
            String[] parts = t.substring("chrom:".length()).split(":", -1);
            if (parts.length > 2 || parts[0].isBlank() || (parts.length == 2 && parts[1].isBlank())) {
                throw new BadInputException("--split " + text + ": expected chrom:TEST[,TEST…][:VALID[,VALID…]]");
            }
            Set<String> test = contigs(parts[0]);
            Set<String> valid = parts.length == 2 ? contigs(parts[1]) : Set.of();
            for (String c : valid) {
                if (test.contains(c) || test.contains(ContigNames.alias(c))) {
                    throw new BadInputException("--split " + text + ": " + c + " is both a test and a validation chromosome");
                }
            }
            return new Split(Kind.CHROM, test, valid);
        }
        throw new BadInputException("--split " + text + ": expected none, paper or chrom:TEST[:VALID]");
    }

    private static Set<String> contigs(String list) {
        Set<String> set = new LinkedHashSet<>();
        for (String c : list.split(",")) {
            if (!c.isBlank()) {
                set.add(c.trim());
            }
        }
        return set;
    }

    /** Gene indices of train, valid and test, each in file order; fails when a part would be empty. */
    public List<int[]> parts(List<Gene> genes) {
        List<List<Integer>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        if (kind == Kind.PAPER) {
            if (genes.size() <= PAPER_TRAIN + PAPER_VALID) {
                throw new BadInputException("--split paper needs more than " + (PAPER_TRAIN + PAPER_VALID)
                        + " genes (6,601 train, 6,601 valid, the rest test), only " + genes.size()
                        + " remain; use --split chrom:TEST[:VALID]");
            }
            for (int g = 0; g < genes.size(); g++) {
                parts.get(g < PAPER_TRAIN ? 0 : g < PAPER_TRAIN + PAPER_VALID ? 1 : 2).add(g);
            }
        } else {
            int rest = 0;
            for (int g = 0; g < genes.size(); g++) {
                String c = genes.get(g).contig();
                if (matches(testContigs, c)) {
                    parts.get(2).add(g);
                } else if (matches(validContigs, c)) {
                    parts.get(1).add(g);
                } else if (validContigs.isEmpty() && rest++ % 5 == 4) {
                    parts.get(1).add(g);
                } else {
                    parts.get(0).add(g);
                }
            }
            for (int p = 0; p < 3; p++) {
                if (parts.get(p).isEmpty()) {
                    throw new BadInputException("--split chrom:" + String.join(",", testContigs)
                            + (validContigs.isEmpty() ? "" : ":" + String.join(",", validContigs))
                            + ": the " + PART_NAMES.get(p) + " set would hold no genes");
                }
            }
        }
        List<int[]> result = new ArrayList<>();
        for (List<Integer> p : parts) {
            result.add(p.stream().mapToInt(Integer::intValue).toArray());
        }
        return result;
    }

    private static boolean matches(Set<String> contigs, String contig) {
        return contigs.contains(contig) || contigs.contains(ContigNames.alias(contig));
    }

    @Override
    public String toString() {
        return kind == Kind.CHROM ? "chrom:" + String.join(",", testContigs)
                + (validContigs.isEmpty() ? "" : ":" + String.join(",", validContigs)) : kind.name().toLowerCase(Locale.ROOT);
    }
}
