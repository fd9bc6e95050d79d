package org.deepchrome.train;

import org.deepchrome.model.InputTransform;
import org.deepchrome.model.ModelKind;
import org.deepchrome.model.Optimizer;
import org.deepchrome.model.Task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that decides how a model is trained; recorded in the model file and the summary.
 * {@code targetTransform} applies to regression targets; {@code alphas} is ridge's penalty grid.
 */
public record TrainingSettings(ModelKind kind, int epochs, int batchSize, double learningRate, Optimizer optimizer,
                               InputTransform transform, int patience, long seed, int trees,
                               List<Double> costs, Task task, InputTransform targetTransform, List<Double> alphas) {

    /** A classification run (the paper's task). */
    public TrainingSettings(ModelKind kind, int epochs, int batchSize, double learningRate, Optimizer optimizer,
                            InputTransform transform, int patience, long seed, int trees, List<Double> costs) {
        this(kind, epochs, batchSize, learningRate, optimizer, transform, patience, seed, trees, costs,
                Task.CLASSIFICATION, InputTransform.LOG1P, List.of(1.0));
    }

    public boolean regression() {
        return task == Task.REGRESSION;
    }

    /** The options that matter for this kind, as text for the model metadata. */
    public Map<String, String> asOptions() {
        Map<String, String> o = new LinkedHashMap<>();
        if (kind == ModelKind.CNN || kind == ModelKind.ATTENTIVE) {
            o.put("epochs", Integer.toString(epochs));
            o.put("batch_size", Integer.toString(batchSize));
            o.put("learning_rate", Double.toString(learningRate));
            o.put("optimizer", optimizer.id());
            o.put("patience", Integer.toString(patience));
        } else if (kind == ModelKind.RF) {
            o.put("trees", Integer.toString(trees));
        } else if (kind == ModelKind.RIDGE) {
            o.put("alpha_grid", alphas.toString());
        } else {
            o.put("c_grid", costs.toString());
        }
        return o;
    }
}
