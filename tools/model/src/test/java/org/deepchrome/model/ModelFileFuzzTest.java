package org.deepchrome.model;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.deepchrome.core.testing.FuzzInput;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for the model zip loader: any bytes load as a model or are refused with one line.
 * The corpus (ModelFileFuzzTestInputs/modelZip) holds small models of every entry kind (1 mark ×
 * 20 bins: forest.bin, linear.json, an older Tribuo logistic model), CNN-kind files whose DL4J
 * archive is cut short, claims a huge array or holds a Java-serialized entry, a metadata-only
 * zip, a zip bomb and a {@code ..} entry. (A whole CNN is half a megabyte of weights; the CNN
 * round trip is {@link ModelFileTest}'s.)
 */
class ModelFileFuzzTest {
    @FuzzTest(maxDuration = "30s")
    @Timeout(20) // the first input also starts ND4J's native runtime
    void modelZip(byte[] data) {
        FuzzInput.parsesOrRefuses(data, "model.zip", ModelFile::load);
    }
}
