package org.deepchrome.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.deepchrome.core.BadInputException;
import org.deepchrome.core.io.AtomicFile;
import org.deepchrome.core.io.Inputs;
import org.deepchrome.model.attentive.AttentiveFormat;
import org.deepchrome.model.attentive.AttentiveModel;
import org.deepchrome.model.forest.ForestFormat;
import org.deepchrome.model.forest.RandomForest;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.tribuo.Model;
import org.tribuo.classification.Label;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipOutputStream;

/**
 * The one model file of the suite, for every kind: a zip holding {@value #METADATA_ENTRY}
 * ({@link ModelMetadata} as JSON) and the learned parameters — {@value #CNN_ENTRY} (DL4J's
 * ModelSerializer format) for the CNN, {@value #FOREST_ENTRY} ({@link ForestFormat}) for the
 * random forest, {@value #LINEAR_ENTRY} (weights and bias, {@link LinearModel.Parameters}) for
 * the linear models, {@value #ATTENTIVE_ENTRY} ({@link AttentiveFormat}) for AttentiveChrome. Baselines written by earlier versions hold a Tribuo model in
 * {@value #BASELINE_ENTRY} (Tribuo's protobuf format); they still load. Written atomically;
 * anything else is refused with one line.
 *
 * <p>A model file may come from anyone, so loading reads it within {@link ZipLimits} (entry
 * count, size, compression ratio, no absolute or {@code ..} names) and lets DL4J see only the
 * entries its own writer makes (docs/security.md says why).
 */
public final class ModelFile {
    public static final String METADATA_ENTRY = "deepchrome-model.json";
    public static final String CNN_ENTRY = "cnn-dl4j.zip";
    public static final String BASELINE_ENTRY = "baseline-tribuo.pb";
    public static final String FOREST_ENTRY = "forest.bin";
    public static final String LINEAR_ENTRY = "linear.json";
    public static final String ATTENTIVE_ENTRY = "attentive.bin";
    /** What ModelSerializer writes for a network without updater state; nothing else is read. */
    private static final List<String> CNN_ARCHIVE_ENTRIES = List.of("configuration.json", "coefficients.bin");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS) // same model, same metadata bytes
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelFile() {
    }

    public static ObjectMapper json() {
        return JSON;
    }

    public static void save(DeepChromeModel model, Path target) throws IOException {
        try (AtomicFile out = AtomicFile.create(target)) {
            // AtomicFile would gzip a name ending in .gz; a model file is always a plain zip.
            try (OutputStream raw = out.plainOutputStream();
                 ZipOutputStream zip = new ZipOutputStream(raw)) {
                zip.putNextEntry(new ZipEntry(METADATA_ENTRY));
                zip.write(JSON.writeValueAsBytes(model.metadata()));
                zip.closeEntry();
                if (model instanceof CnnModel cnn) {
                    zip.putNextEntry(new ZipEntry(CNN_ENTRY));
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    ModelSerializer.writeModel(cnn.network(), bytes, false);
                    zip.write(bytes.toByteArray());
                } else if (model instanceof ForestModel forest) {
                    zip.putNextEntry(new ZipEntry(FOREST_ENTRY));
                    ForestFormat.write(forest.forest(), zip);
                } else if (model instanceof LinearModel linear) {
                    zip.putNextEntry(new ZipEntry(LINEAR_ENTRY));
                    zip.write(JSON.writeValueAsBytes(linear.parameters()));
                } else if (model instanceof AttentiveModel attentive) {
                    zip.putNextEntry(new ZipEntry(ATTENTIVE_ENTRY));
                    AttentiveFormat.write(attentive.parameters(), attentive.regression(), zip);
                } else if (model instanceof BaselineModel baseline) {
                    zip.putNextEntry(new ZipEntry(BASELINE_ENTRY));
                    baseline.tribuoModel().serialize().writeTo(zip);
                } else {
                    throw new IllegalArgumentException("cannot save " + model.getClass());
                }
                zip.closeEntry();
            }
            out.commit();
        }
    }

    /** Reads a model file; a missing, foreign or damaged file is a {@link BadInputException} naming it. */
    public static DeepChromeModel load(Path file) {
        Inputs.requireReadableFile(file, "model file");
        Map<String, byte[]> entries = readEntries(file);
        byte[] meta = entries.get(METADATA_ENTRY);
        if (meta == null) {
            throw new BadInputException(file + ": not a DeepChrome model file (no " + METADATA_ENTRY
                    + " inside; write models with deepchrome-train)");
        }
        ModelMetadata metadata;
        try {
            metadata = JSON.readValue(meta, ModelMetadata.class);
        } catch (IOException e) {
            throw new BadInputException(file + ": " + METADATA_ENTRY + " is damaged: " + firstLine(e));
        }
        if (metadata.format() != null && metadata.format().startsWith("deepchrome-model/")
                && !ModelMetadata.FORMAT.equals(metadata.format())) {
            throw new BadInputException(file + ": model file format " + metadata.format() + "; this version of the suite"
                    + " reads " + ModelMetadata.FORMAT + " (train the model again, or use the suite that wrote it)");
        }
        if (!ModelMetadata.FORMAT.equals(metadata.format()) || metadata.kind() == null
                || metadata.marks() == null || metadata.marks().isEmpty() || metadata.bins() < 1
                || metadata.transform() == null) {
            throw new BadInputException(file + ": " + METADATA_ENTRY + " is not a " + ModelMetadata.FORMAT
                    + " description (format, kind, marks, bins or transform missing)");
        }
        if (!metadata.kind().supports(metadata.task())) {
            throw new BadInputException(file + ": " + METADATA_ENTRY + " describes a " + metadata.kind() + " model for "
                    + metadata.task() + ", which the suite does not train");
        }
        if (metadata.kind() == ModelKind.CNN) {
            return loadCnn(file, metadata, entries.get(CNN_ENTRY));
        }
        if (metadata.kind() == ModelKind.ATTENTIVE) {
            return loadAttentive(file, metadata, entries.get(ATTENTIVE_ENTRY));
        }
        if (metadata.kind() == ModelKind.RF && entries.containsKey(FOREST_ENTRY)) {
            return loadForest(file, metadata, entries.get(FOREST_ENTRY));
        }
        if (metadata.kind() != ModelKind.RF && entries.containsKey(LINEAR_ENTRY)) {
            return loadLinear(file, metadata, entries.get(LINEAR_ENTRY));
        }
        return loadBaseline(file, metadata, entries.get(BASELINE_ENTRY));
    }

    private static LinearModel loadLinear(Path file, ModelMetadata metadata, byte[] payload) {
        LinearModel.Parameters parameters;
        try {
            parameters = JSON.readValue(payload, LinearModel.Parameters.class);
        } catch (IOException e) {
            throw new BadInputException(file + ": the " + metadata.kind() + " model in the model file is damaged: "
                    + firstLine(e));
        }
        int features = metadata.marks().size() * metadata.bins();
        if (parameters.weights() == null || parameters.weights().length != features
                || !java.util.Arrays.stream(parameters.weights()).allMatch(Double::isFinite)
                || !Double.isFinite(parameters.bias())) {
            throw new BadInputException(file + ": the " + metadata.kind() + " model in the model file is damaged: "
                    + "expected " + features + " finite weights and a finite bias");
        }
        return new LinearModel(metadata, parameters);
    }

    private static AttentiveModel loadAttentive(Path file, ModelMetadata metadata, byte[] payload) {
        if (payload == null) {
            throw new BadInputException(file + ": model file of kind attentive lacks its " + ATTENTIVE_ENTRY + " entry");
        }
        try {
            AttentiveFormat.Stored stored = AttentiveFormat.read(payload, metadata.marks().size(), metadata.bins());
            if (stored.regression() != metadata.isRegression()) {
                throw new IOException("its output head is " + (stored.regression() ? "linear (regression)"
                        : "a sigmoid (classification)") + ", the metadata says task " + metadata.task());
            }
            return new AttentiveModel(metadata, stored.parameters(), stored.regression());
        } catch (IOException e) {
            throw new BadInputException(file + ": the attentive model in the model file is damaged: " + firstLine(e));
        }
    }

    private static ForestModel loadForest(Path file, ModelMetadata metadata, byte[] payload) {
        RandomForest forest;
        try {
            forest = ForestFormat.read(payload, metadata.isRegression());
        } catch (IOException e) {
            throw new BadInputException(file + ": the rf model in the model file is damaged: " + firstLine(e));
        }
        int features = metadata.marks().size() * metadata.bins();
        if (forest.features() != features) {
            throw new BadInputException(file + ": the forest uses " + forest.features() + " features, expected "
                    + features + " for " + metadata.marks().size() + " marks × " + metadata.bins() + " bins");
        }
        return new ForestModel(metadata, forest);
    }

    private static CnnModel loadCnn(Path file, ModelMetadata metadata, byte[] payload) {
        if (payload == null) {
            throw new BadInputException(file + ": model file of kind cnn lacks its " + CNN_ENTRY + " entry");
        }
        checkCnnArchive(file, payload);
        NativeRuntime.loadNative();
        MultiLayerNetwork network;
        try (InputStream in = new ByteArrayInputStream(payload)) {
            network = ModelSerializer.restoreMultiLayerNetwork(in, false);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file + ": the CNN in the model file is damaged: " + firstLine(e));
        }
        long expected = CnnArchitecture.parameterCount(metadata.marks().size(), metadata.bins(), metadata.task());
        if (network.numParams() != expected) {
            throw new BadInputException(file + ": the CNN has " + network.numParams()
                    + " parameters, expected " + expected + " for " + metadata.marks().size() + " marks × "
                    + metadata.bins() + " bins");
        }
        return new CnnModel(metadata, network);
    }

    @SuppressWarnings("unchecked")
    private static BaselineModel loadBaseline(Path file, ModelMetadata metadata, byte[] payload) {
        if (payload == null) {
            throw new BadInputException(file + ": model file of kind " + metadata.kind() + " lacks its "
                    + (metadata.kind() == ModelKind.RF ? FOREST_ENTRY : LINEAR_ENTRY) + " entry");
        }
        Model<?> model;
        try {
            model = Model.deserialize(org.tribuo.protos.core.ModelProto.parseFrom(payload));
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file + ": the " + metadata.kind() + " model in the model file is damaged: "
                    + firstLine(e));
        }
        if (!model.validate(Label.class)) {
            throw new BadInputException(file + ": the " + metadata.kind()
                    + " model in the model file is not a classifier");
        }
        return new BaselineModel(metadata, (Model<Label>) model);
    }

    /** The model file's entries, read within {@link ZipLimits#MODEL_FILE}. */
    private static Map<String, byte[]> readEntries(Path file) {
        Map<String, byte[]> entries;
        try (InputStream in = Files.newInputStream(file)) {
            entries = ZipLimits.MODEL_FILE.read(file.toString(), in);
        } catch (ZipException | java.io.EOFException e) {
            throw new BadInputException(file + ": not a DeepChrome model file (damaged zip archive: "
                    + firstLine(e) + ")");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read model file: " + firstLine(e));
        }
        if (entries.isEmpty()) {
            throw new BadInputException(file + ": not a DeepChrome model file (not a zip archive)");
        }
        return entries;
    }

    /**
     * Checks the DL4J archive before ModelSerializer sees it. ModelSerializer reads any
     * {@code preprocessor.bin} with Java's ObjectInputStream (arbitrary object deserialization)
     * and allocates each entry at the size its header claims, so only the entries our own
     * writer produces are let through, and only after being read within the size bounds.
     */
    private static void checkCnnArchive(Path file, byte[] payload) {
        String what = file + ": " + CNN_ENTRY;
        Map<String, byte[]> inner;
        try {
            inner = ZipLimits.MODEL_FILE.read(what, new ByteArrayInputStream(payload));
        } catch (IOException e) {
            throw new BadInputException(what + ": damaged zip archive: " + firstLine(e));
        }
        for (String name : inner.keySet()) {
            if (!CNN_ARCHIVE_ENTRIES.contains(name)) {
                throw new BadInputException(what + ": refused: unexpected entry '" + name.replaceAll("\\p{Cntrl}", "?")
                        + "' (a DeepChrome CNN holds only " + String.join(", ", CNN_ARCHIVE_ENTRIES) + ")");
            }
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
