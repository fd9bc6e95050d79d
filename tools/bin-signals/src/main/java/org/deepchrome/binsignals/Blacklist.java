package org.deepchrome.binsignals;

import org.deepchrome.core.BadInputException;
import org.deepchrome.core.io.Inputs;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Regions to leave out (ENCODE blacklist, {@code --blacklist BED}), as deepTools'
 * --blackListFileName: a read overlapping one by at least 1 bp is not counted, and bigWig bases
 * inside one count as missing (0). BED3+ (chrom, start, end, …), plain or gzip; per contig the
 * regions are sorted and merged, so one binary search answers "does [s, e) touch a region?".
 */
public final class Blacklist {
    /** Merged regions of one contig: starts and ends, both ascending. */
    record Regions(int[] starts, int[] ends) {
        /** True when [start, end) overlaps a region by at least 1 bp. */
        boolean overlaps(int start, int end) {
            int i = lastStartBefore(end);
            return i >= 0 && ends[i] > start;
        }

        /** Index of the last region starting before {@code position}, or -1. */
        int lastStartBefore(int position) {
            int lo = 0;
            int hi = starts.length - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (starts[mid] < position) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found;
        }
    }

    private final Map<String, Regions> byContig;

    private Blacklist(Map<String, Regions> byContig) {
        this.byContig = byContig;
    }

    /** The regions of a contig by its name in the blacklist file, or null. */
    Regions regions(String contig) {
        return byContig.get(contig);
    }

    Map<String, Regions> all() {
        return byContig;
    }

    public static Blacklist read(Path file) {
        Map<String, List<int[]>> raw = new HashMap<>();
        try (BufferedReader reader = Inputs.openText(file, "blacklist")) {
            String text;
            long line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.isBlank() || text.startsWith("#") || text.startsWith("track") || text.startsWith("browser")) {
                    continue;
                }
                String[] f = text.split("\t", -1);
                if (f.length < 3) {
                    throw BadInputException.at(file, line, "blacklist: expected BED (chrom, start, end, tab-separated), found "
                            + f.length + " column(s)");
                }
                int start = coordinate(file, line, "start", f[1]);
                int end = coordinate(file, line, "end", f[2]);
                if (end <= start) {
                    throw BadInputException.at(file, line, "blacklist: start " + start + " and end " + end
                            + " do not form an interval (need start < end)");
                }
                raw.computeIfAbsent(f[0].trim(), c -> new ArrayList<>()).add(new int[] {start, end});
            }
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read blacklist: " + e.getMessage(), e);
        }
        Map<String, Regions> merged = new HashMap<>();
        raw.forEach((contig, list) -> {
            list.sort(Comparator.comparingInt(r -> r[0]));
            List<int[]> out = new ArrayList<>();
            for (int[] r : list) {
                int[] last = out.isEmpty() ? null : out.get(out.size() - 1);
                if (last != null && r[0] <= last[1]) {
                    last[1] = Math.max(last[1], r[1]);
                } else {
                    out.add(r.clone());
                }
            }
            merged.put(contig, new Regions(out.stream().mapToInt(r -> r[0]).toArray(),
                    out.stream().mapToInt(r -> r[1]).toArray()));
        });
        return new Blacklist(merged);
    }

    private static int coordinate(Path file, long line, String column, String value) {
        try {
            int v = Integer.parseInt(value.trim());
            if (v < 0) {
                throw BadInputException.at(file, line, "blacklist: " + column + " " + v + " is negative");
            }
            return v;
        } catch (NumberFormatException e) {
            throw BadInputException.at(file, line, "blacklist: " + column + " '" + value
                    + "' is not an integer (is this a BED file?)");
        }
    }
}
