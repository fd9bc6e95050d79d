package org.deepchrome.model;

import org.deepchrome.core.BadInputException;
import org.deepchrome.core.matrix.GeneMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A model file is untrusted input: the loader's bounds and refusals (docs/security.md). */
class ModelFileSecurityTest {
    @TempDir
    Path dir;

    private static final byte[] METADATA = """
            {"format":"deepchrome-model/1","kind":"cnn","marks":["a"],"bins":100,"transform":"log1p"}
            """.getBytes(StandardCharsets.UTF_8);

    @Test
    void entryClimbingOutWithDotDotIsRefused() throws IOException {
        Path file = zip("climb.zip", Map.of(ModelFile.METADATA_ENTRY, METADATA, "../../etc/evil", new byte[] {1}));
        assertRefused(file, "entry '../../etc/evil' climbs out with '..'");
        Path windows = zip("climb2.zip", Map.of("models\\..\\..\\evil", new byte[] {1}));
        assertRefused(windows, "climbs out with '..'");
    }

    @Test
    void absoluteEntryNamesAreRefused() throws IOException {
        assertRefused(zip("abs.zip", Map.of("/tmp/evil", new byte[] {1})), "entry '/tmp/evil' has an absolute path");
        assertRefused(zip("drive.zip", Map.of("C:/evil", new byte[] {1})), "has an absolute path");
    }

    @Test
    void zipBombIsRefusedBeforeItFillsMemory() throws IOException {
        Path bomb = dir.resolve("bomb.zip");
        byte[] zeros = new byte[1 << 20];
        try (OutputStream raw = Files.newOutputStream(bomb); ZipOutputStream zip = new ZipOutputStream(raw)) {
            zip.putNextEntry(new ZipEntry(ModelFile.METADATA_ENTRY));
            for (int i = 0; i < 64; i++) { // 64 MiB of zeros in about 64 KiB
                zip.write(zeros);
            }
        }
        assertTrue(Files.size(bomb) < 1 << 20, "the test file is a bomb: " + Files.size(bomb));
        assertRefused(bomb, "inflates more than 100-fold (a zip bomb?)");
    }

    @Test
    void sizeEntryCountAndDuplicateBoundsHold() throws IOException {
        ZipLimits small = new ZipLimits(3, 10_000, 100);
        byte[] random = new byte[6_000];
        new java.util.Random(1).nextBytes(random); // incompressible: the total, not the ratio, trips
        BadInputException big = assertThrows(BadInputException.class, () -> small.read("big.zip",
                Files.newInputStream(zip("big.zip", ordered("a", random, "b", random)))));
        assertEquals("big.zip: refused: more than 10000 bytes uncompressed (limit for a model file)", big.getMessage());

        BadInputException many = assertThrows(BadInputException.class, () -> small.read("many.zip",
                Files.newInputStream(zip("many.zip", ordered("a", new byte[1], "b", new byte[1], "c", new byte[1],
                        "d", new byte[1])))));
        assertEquals("many.zip: refused: more than 3 entries in the archive (a model file holds a few)",
                many.getMessage());

        assertRefused(zip("many-entries.zip", manyEntries(65)), "more than 64 entries");
        assertEquals(3, small.read("ok.zip", Files.newInputStream(zip("ok.zip",
                ordered("a", random, "b", new byte[1], "c", new byte[1])))).size(), "within the bounds: read");
    }

    @Test
    void duplicateEntryNamesAreRefused() throws IOException {
        // ZipOutputStream refuses duplicates, so the second entry is renamed in the bytes afterwards.
        Path file = zip("dup.zip", ordered(ModelFile.METADATA_ENTRY, METADATA, "deepchrome-model.jsoX", METADATA));
        byte[] bytes = Files.readAllBytes(file);
        String latin = new String(bytes, StandardCharsets.ISO_8859_1).replace("deepchrome-model.jsoX",
                ModelFile.METADATA_ENTRY);
        Files.write(file, latin.getBytes(StandardCharsets.ISO_8859_1));
        assertRefused(file, "entry 'deepchrome-model.json' appears twice");
    }

    /**
     * DL4J's ModelSerializer would hand a {@code preprocessor.bin} to ObjectInputStream.readObject;
     * the loader refuses the archive before DL4J sees it.
     */
    @Test
    void javaSerializedEntryInTheCnnArchiveIsNeverDeserialized() throws IOException {
        GeneMatrix m = CnnArchitectureTest.randomMatrix(2, 5);
        Path good = dir.resolve("good.zip");
        ModelFile.save(new CnnModel(TestModels.metadata(ModelKind.CNN, m),
                CnnArchitecture.build(5, 100, 3, Optimizer.ADAM, 1e-3)), good);
        Map<String, byte[]> outer = entries(Files.readAllBytes(good));
        Map<String, byte[]> inner = entries(outer.get(ModelFile.CNN_ENTRY));
        assertEquals(java.util.Set.of("configuration.json", "coefficients.bin"), inner.keySet(),
                "what ModelSerializer writes for our CNN; the loader lets exactly this through");

        ByteArrayOutputStream serialized = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(serialized)) {
            out.writeObject(new ArrayList<>(java.util.List.of("stand-in for a gadget chain")));
        }
        inner.put("preprocessor.bin", serialized.toByteArray());
        outer.put(ModelFile.CNN_ENTRY, zipBytes(inner));
        Path evil = dir.resolve("evil.zip");
        Files.write(evil, zipBytes(outer));
        assertRefused(evil, "cnn-dl4j.zip: refused: unexpected entry 'preprocessor.bin'");
    }

    /** ND4J allocates what coefficients.bin's header claims; a 2^40-float claim must end as one line, exit 2. */
    @Test
    void coefficientsClaimingAHugeArrayAreReportedAsDamaged() throws IOException {
        Path file = dir.resolve("huge.zip");
        try (var in = getClass().getResourceAsStream("ModelFileFuzzTestInputs/modelZip/cnn-huge-array-claim.zip")) {
            Files.write(file, in.readAllBytes());
        }
        assertRefused(file, "the CNN in the model file is damaged");
    }

    private void assertRefused(Path file, String expected) {
        BadInputException e = assertThrows(BadInputException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static Map<String, byte[]> ordered(Object... nameThenBytes) {
        Map<String, byte[]> map = new LinkedHashMap<>();
        for (int i = 0; i < nameThenBytes.length; i += 2) {
            map.put((String) nameThenBytes[i], (byte[]) nameThenBytes[i + 1]);
        }
        return map;
    }

    private static Map<String, byte[]> manyEntries(int n) {
        Map<String, byte[]> map = new LinkedHashMap<>();
        map.put(ModelFile.METADATA_ENTRY, METADATA);
        for (int i = 1; i < n; i++) {
            map.put("extra-" + i, new byte[] {1});
        }
        return map;
    }

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, zipBytes(entries));
        return file;
    }

    private static byte[] zipBytes(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static Map<String, byte[]> entries(byte[] zipBytes) throws IOException {
        Map<String, byte[]> map = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(zipBytes))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                map.put(e.getName(), zip.readAllBytes());
            }
        }
        return map;
    }
}
