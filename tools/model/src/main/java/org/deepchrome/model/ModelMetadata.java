package org.deepchrome.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a model file records besides the learned parameters: enough for predict to refuse a
 * matrix it does not fit and for a reader to know how the model was made.
 *
 * @param format          always {@link #FORMAT}; tells our model files from other zips
 * @param kind            cnn, rf, svm or logistic
 * @param marks           mark names in the order the model expects them
 * @param bins            bins per gene
 * @param transform       input transform applied before the model
 * @param seed            the training seed
 * @param suiteVersion    DeepChrome suite version that trained it
 * @param bestEpoch       epoch kept (1 for the baselines)
 * @param validAuc        validation ROC AUC of the kept model
 * @param options         training options (learning rate, batch size, trees…), as text
 * @param libraryVersions versions of the learning libraries used
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelMetadata(String format, ModelKind kind, List<String> marks, int bins, InputTransform transform,
                            long seed, String suiteVersion, int bestEpoch, double validAuc,
                            Map<String, String> options, Map<String, String> libraryVersions) {
    public static final String FORMAT = "deepchrome-model/1";

    public ModelMetadata {
        marks = List.copyOf(marks);
        options = sorted(options);
        libraryVersions = sorted(libraryVersions);
    }

    /** Sorted by key, so the JSON of a model does not depend on hash order (Map.copyOf's varies per run). */
    private static Map<String, String> sorted(Map<String, String> map) {
        return map == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
