package org.deepchrome.model.attentive;

import org.deepchrome.core.BadInputException;
import org.deepchrome.model.InputTransform;
import org.deepchrome.model.ModelFile;
import org.deepchrome.model.ModelKind;
import org.deepchrome.model.ModelMetadata;
import org.deepchrome.model.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The attentive model in the model file: exact round trip, head kept, damaged or mismatched blocks refused. */
class AttentiveFileTest {
    private static final List<String> MARKS = List.of("H3K4me3", "H3K27me3", "H3K36me3");

    @TempDir
    Path dir;

    private static ModelMetadata metadata(int bins) {
        return new ModelMetadata(ModelMetadata.FORMAT, ModelKind.ATTENTIVE, MARKS, bins, InputTransform.LOG1P, 1,
                "test", 1, 0.5, Map.of(), Map.of());
    }

    private static ModelMetadata regressionMetadata(int bins) {
        return new ModelMetadata(ModelMetadata.FORMAT, ModelKind.ATTENTIVE, MARKS, bins, InputTransform.LOG1P, 1,
                "test", 1, Double.NaN, Map.of(), Map.of(), Task.REGRESSION, InputTransform.LOG1P, 0.5);
    }

    @Test
    void roundTripsExactlyWithItsHead() throws IOException {
        for (boolean regression : new boolean[] {false, true}) {
            AttentiveParameters p = AttentiveParameters.initial(3, 12, 9);
            Path file = dir.resolve("m" + regression + ".zip");
            ModelFile.save(new AttentiveModel(regression ? regressionMetadata(12) : metadata(12), p, regression), file);
            AttentiveModel loaded = (AttentiveModel) ModelFile.load(file);
            assertArrayEquals(p.values(), loaded.parameters().values(), 0f);
            assertEquals(regression, loaded.regression());
            assertEquals(regression ? Task.REGRESSION : Task.CLASSIFICATION, loaded.task());
            assertEquals(regression ? InputTransform.LOG1P : InputTransform.NONE, loaded.targetTransform());
        }
    }

    private Path withPayload(byte[] payload, int bins) throws IOException {
        Path file = dir.resolve("bad.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry(ModelFile.METADATA_ENTRY));
            zip.write(ModelFile.json().writeValueAsBytes(metadata(bins)));
            zip.closeEntry();
            if (payload != null) {
                zip.putNextEntry(new ZipEntry(ModelFile.ATTENTIVE_ENTRY));
                zip.write(payload);
                zip.closeEntry();
            }
        }
        return file;
    }

    private static byte[] payload(int marks, int bins) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AttentiveFormat.write(AttentiveParameters.initial(marks, bins, 1), false, out);
        return out.toByteArray();
    }

    private static String refusal(Path file) {
        return assertThrows(BadInputException.class, () -> ModelFile.load(file)).getMessage();
    }

    @Test
    void damagedOrMismatchedParametersAreRefusedWithOneLine() throws IOException {
        byte[] good = payload(3, 12);
        assertTrue(refusal(withPayload(null, 12)).contains("lacks its attentive.bin"));
        assertTrue(refusal(withPayload(java.util.Arrays.copyOf(good, good.length - 4), 12))
                .contains("attentive model in the model file is damaged: expected"));
        assertTrue(refusal(withPayload(payload(4, 12), 12)).contains("4 marks × 12 bins, the metadata says 3 × 12"));
        byte[] hugeCount = good.clone();
        ByteBuffer.wrap(hugeCount).putInt(8 + 5 * 4, Integer.MAX_VALUE);
        assertTrue(refusal(withPayload(hugeCount, 12)).contains("expected"));
        byte[] nan = good.clone();
        ByteBuffer.wrap(nan).putFloat(nan.length - 4, Float.NaN);
        assertTrue(refusal(withPayload(nan, 12)).contains("not a finite number"));
        byte[] magic = good.clone();
        magic[0] = 'X';
        String m = refusal(withPayload(magic, 12));
        assertTrue(m.contains("bad magic") && m.contains("bad.zip"), m);
        assertEquals(1, m.lines().count());
    }

    /** A sigmoid head under regression metadata (or the reverse) is a damaged file, not a silent mix-up. */
    @Test
    void anOutputHeadThatContradictsTheTaskIsRefused() throws IOException {
        Path file = dir.resolve("mixed.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry(ModelFile.METADATA_ENTRY));
            zip.write(ModelFile.json().writeValueAsBytes(regressionMetadata(12)));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(ModelFile.ATTENTIVE_ENTRY));
            zip.write(payload(3, 12)); // sigmoid head
            zip.closeEntry();
        }
        String m = refusal(file);
        assertTrue(m.contains("mixed.zip") && m.contains("output head is a sigmoid (classification), the metadata "
                + "says task regression"), m);
        assertEquals(1, m.lines().count());
        assertThrows(IllegalArgumentException.class, () -> new AttentiveModel(metadata(12),
                AttentiveParameters.initial(3, 12, 1), true));
    }
}
