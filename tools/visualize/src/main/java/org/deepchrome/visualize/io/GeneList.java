package org.deepchrome.visualize.io;

import org.deepchrome.core.BadInputException;
import org.deepchrome.core.io.Inputs;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A list of gene ids, one per line (first whitespace-separated word; '#' lines and blanks skipped). */
public final class GeneList {
    private GeneList() {
    }

    /** Row indices of the listed genes in {@code known}, in list order; unknown ids are bad input. */
    public static int[] resolve(Path file, List<String> known, Path knownFile) {
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < known.size(); i++) {
            index.put(known.get(i), i);
        }
        Map<String, Integer> wanted = new LinkedHashMap<>();
        try (BufferedReader reader = Inputs.openText(file, "gene list")) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String id = trimmed.split("\\s+")[0];
                Integer row = index.get(id);
                if (row == null) {
                    throw BadInputException.at(file, number, "gene " + id + " is not in " + knownFile);
                }
                wanted.putIfAbsent(id, row);
            }
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read gene list: " + e.getMessage(), e);
        }
        if (wanted.isEmpty()) {
            throw new BadInputException(file + ": gene list names no genes");
        }
        List<Integer> rows = new ArrayList<>(wanted.values());
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }
}
