package org.deepchrome.model;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.deepchrome.core.testing.FuzzInput;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for the model zip loader: any bytes load as a model or are refused with one line.
 * The corpus (ModelFileFuzzTestInputs/modelZip) holds a small CNN model (1 mark × 20 bins), a
 * logistic one, a metadata-only zip and the refusals of {@link ModelFileSecurityTest}'s kinds
 * (a zip bomb, a {@code ..} entry, a Java-serialized entry in the DL4J archive).
 */
class ModelFileFuzzTest {
    @FuzzTest(maxDuration = "30s")
    @Timeout(20) // the first input also starts ND4J's native runtime
    void modelZip(byte[] data) {
        FuzzInput.parsesOrRefuses(data, "model.zip", ModelFile::load);
    }
}
