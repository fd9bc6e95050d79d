package org.deepchrome.predict;

import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.testing.ProjectFiles;
import org.deepchrome.model.InputTransform;
import org.deepchrome.model.ModelKind;
import org.deepchrome.model.ModelMetadata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What several predict tests share: where the project's test data lies, and untrained test models' metadata. */
final class Fixtures {
    private Fixtures() {
    }

    /** The project root: the system property deepchrome.root, else two levels above the module. */
    static Path root() {
        return ProjectFiles.root();
    }

    /** test-data/matrix/test.csv, committed: missing, it fails the test. */
    static Path testMatrix() {
        return ProjectFiles.committed("test-data/matrix/test.csv");
    }

    /**
     * The fields of each row of the predictions TSV {@code file}, after checking its header and
     * that its rows are the genes of {@code matrix}, in order.
     */
    static List<String[]> predictionRows(Path file, String header, GeneMatrix matrix) throws IOException {
        List<String> rows = Files.readAllLines(file);
        assertEquals(header, rows.get(0));
        assertEquals(matrix.geneCount() + 1, rows.size());
        List<String[]> fields = new ArrayList<>();
        for (int g = 0; g < matrix.geneCount(); g++) {
            String[] f = rows.get(g + 1).split("\t");
            assertEquals(matrix.geneId(g), f[0]);
            fields.add(f);
        }
        return fields;
    }

    /** A classification model's metadata (log1p inputs, validation AUC 0.5) for a model made by a test. */
    static ModelMetadata metadata(ModelKind kind, List<String> marks, int bins, long seed) {
        return new ModelMetadata(ModelMetadata.FORMAT, kind, marks, bins, InputTransform.LOG1P, seed, "test", 1, 0.5,
                Map.of(), Map.of());
    }
}
