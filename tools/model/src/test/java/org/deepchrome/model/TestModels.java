package org.deepchrome.model;

import org.deepchrome.core.matrix.GeneMatrix;

import java.util.Map;

final class TestModels {
    private TestModels() {
    }

    static ModelMetadata metadata(ModelKind kind, GeneMatrix m) {
        return new ModelMetadata(ModelMetadata.FORMAT, kind, m.marks(), m.bins(), InputTransform.LOG1P, 1, "test",
                1, 0.5, Map.of(), Map.of());
    }
}
