package org.deepchrome.model;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The metadata JSON of a model is the same bytes in every run: map keys are sorted, not left in
 * hash order (Map.copyOf iterates in an order salted per JVM, so two trainings with the same seed
 * used to write their options in different orders).
 */
class ModelMetadataOrderTest {
    /** Printed by {@link #main} in fresh JVMs, each with its own hash salt. */
    static ModelMetadata sample() {
        Map<String, String> options = new LinkedHashMap<>();
        for (String key : List.of("trees", "patience", "optimizer", "learning_rate", "hidden", "filters",
                "epochs", "dropout", "cost", "batch_size")) {
            options.put(key, key + "-value");
        }
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("tribuo", "4.3.2");
        versions.put("nd4j", "1.0.0-M2.1");
        versions.put("java", "17");
        versions.put("dl4j", "1.0.0-M2.1");
        return new ModelMetadata(ModelMetadata.FORMAT, ModelKind.CNN, List.of("H3K4me3", "H3K27me3"), 100,
                InputTransform.LOG1P, 7, "test", 3, 0.75, options, versions);
    }

    public static void main(String[] args) throws IOException {
        System.out.write(ModelFile.json().writeValueAsBytes(sample()));
        System.out.flush();
    }

    @Test
    void mapKeysAreWrittenSorted() throws IOException {
        JsonNode json = ModelFile.json().readTree(ModelFile.json().writeValueAsBytes(sample()));
        for (String field : List.of("options", "libraryVersions")) {
            List<String> keys = new ArrayList<>();
            json.get(field).fieldNames().forEachRemaining(keys::add);
            List<String> sorted = new ArrayList<>(keys);
            sorted.sort(null);
            assertEquals(sorted, keys, field + " keys in sorted order");
        }
    }

    @Test
    void separateRunsWriteIdenticalBytes() throws Exception {
        String first = null;
        for (int run = 0; run < 3; run++) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    ModelMetadataOrderTest.class.getName()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            if (first == null) {
                first = out;
            } else {
                assertEquals(first, out, "run " + (run + 1) + " wrote other metadata bytes than run 1");
            }
        }
    }
}
