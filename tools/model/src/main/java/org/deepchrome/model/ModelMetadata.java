package org.deepchrome.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
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
 * @param kind            cnn, rf, svm, logistic or ridge
 * @param marks           mark names in the order the model expects them
 * @param bins            bins per gene
 * @param transform       input transform applied before the model
 * @param seed            the training seed
 * @param suiteVersion    DeepChrome suite version that trained it
 * @param bestEpoch       epoch kept (1 for the baselines)
 * @param validAuc        validation ROC AUC of the kept model
 * @param options         training options (learning rate, batch size, trees…), as text
 * @param libraryVersions versions of the learning libraries used
 * @param task            classification (also when absent: files written before regression existed) or regression
 * @param targetTransform regression: transform of the expression level the model predicts (null for classification)
 * @param validR          regression: validation Pearson r of the kept model ({@code validAuc} is NaN then)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelMetadata(String format, ModelKind kind, List<String> marks, int bins, InputTransform transform,
                            long seed, String suiteVersion, int bestEpoch, double validAuc,
                            Map<String, String> options, Map<String, String> libraryVersions, Task task,
                            @JsonProperty("target_transform") InputTransform targetTransform,
                            @JsonProperty("valid_r") Double validR) {
    public static final String FORMAT = "deepchrome-model/1";

    /** A classification model's metadata. */
    public ModelMetadata(String format, ModelKind kind, List<String> marks, int bins, InputTransform transform,
                         long seed, String suiteVersion, int bestEpoch, double validAuc,
                         Map<String, String> options, Map<String, String> libraryVersions) {
        this(format, kind, marks, bins, transform, seed, suiteVersion, bestEpoch, validAuc, options, libraryVersions,
                Task.CLASSIFICATION, null, null);
    }

    public ModelMetadata {
        task = task == null ? Task.CLASSIFICATION : task;
        marks = List.copyOf(marks);
        options = sorted(options);
        libraryVersions = sorted(libraryVersions);
    }

    @JsonIgnore
    public boolean isRegression() {
        return task == Task.REGRESSION;
    }

    /** Sorted by key, so the JSON of a model does not depend on hash order (Map.copyOf's varies per run). */
    private static Map<String, String> sorted(Map<String, String> map) {
        return map == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
