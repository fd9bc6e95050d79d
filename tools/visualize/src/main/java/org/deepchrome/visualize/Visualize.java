package org.deepchrome.visualize;

import org.deepchrome.core.BadInputException;
import org.deepchrome.core.cli.CommonOptions;
import org.deepchrome.core.cli.Progress;
import org.deepchrome.core.cli.ToolRunner;
import org.deepchrome.core.cli.VersionProvider;
import org.deepchrome.core.io.Inputs;
import org.deepchrome.core.io.OutputTarget;
import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.model.CnnModel;
import org.deepchrome.model.DeepChromeModel;
import org.deepchrome.model.ModelFile;
import org.deepchrome.model.NativeRuntime;
import org.deepchrome.model.RocAuc;
import org.deepchrome.model.attentive.AttentiveModel;
import org.deepchrome.visualize.charts.BinAxis;
import org.deepchrome.visualize.charts.Figure;
import org.deepchrome.visualize.charts.FigureWriter;
import org.deepchrome.visualize.charts.GeneMapsFigure;
import org.deepchrome.visualize.charts.LineCharts;
import org.deepchrome.visualize.charts.MarkBinHeatmap;
import org.deepchrome.visualize.charts.ProfileHeatmap;
import org.deepchrome.visualize.explain.ClassOptimization;
import org.deepchrome.visualize.explain.ClassScoreGradient;
import org.deepchrome.visualize.explain.Saliency;
import org.deepchrome.visualize.io.EpochLog;
import org.deepchrome.visualize.io.GeneList;
import org.deepchrome.visualize.io.MapTables;
import org.deepchrome.visualize.io.Predictions;
import org.deepchrome.visualize.io.RegressionPredictions;
import org.deepchrome.visualize.charts.RegressionCharts;
import org.deepchrome.model.InputTransform;
import org.deepchrome.model.RegressionMetrics;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * deepchrome-visualize: what a trained DeepChrome CNN has learned (class-optimization maps,
 * per-gene saliency) and the plots a user looks at next to it (deepTools-style profile heat map
 * of the input, ROC curve, training curves). Parse → validate every input → compute everything
 * → write each file atomically, so a failure leaves no partial file behind.
 */
@Command(name = "deepchrome-visualize", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Explains a trained DeepChrome CNN and draws the plots that go with it.",
            "",
            "Always (CNN models): class-optimization maps, after Simonyan et al. 2013 as in the DeepChrome paper:"
                + " for each class (high, low expression), gradient ascent on the input X from zeros maximising"
                + " S_c(X) - lambda*||X||^2, S_c the class score before the softmax. Written as"
                + " class_optimization.tsv (class, mark, bin, value) and heat maps (marks x bins, TSS dashed).",
            "With --input: saliency (gradient x input of the log-odds S_high - S_low) for the --top highest and"
                + " lowest predicted genes or the --gene-list list (saliency.tsv, saliency.png/.svg), and a"
                + " deepTools-style profile heat map of the input signal (profile_heatmap.png/.svg).",
            "Attentive models (deepchrome-train --model-type attentive): the same class-optimization maps through the"
                + " model's gradients (S_high = the output logit, S_low = its negative); with --input, instead of"
                + " saliency, the bin attention alpha (marks x bins) with the mark attention beta beside it per gene"
                + " (attention.tsv, attention.png/.svg) and the mean alpha/beta of the genes predicted high vs low"
                + " (attention_means.tsv, attention_means.png/.svg). A regression attentive model is drawn as a"
                + " regression CNN is (maximise/minimise maps, genes ranked by predicted level, halves at the median).",
            "With --predictions carrying a label column: roc.png/.svg. With --epoch-table: training_curves.png/.svg.",
            "A regression CNN (deepchrome-train --task regression): the maps maximise and minimise the predicted"
                + " level (classes maximise, minimise), saliency is gradient x input of the level, and --predictions"
                + " with an observed column draws observed_vs_predicted.png/.svg (points coloured by density) and"
                + " residuals.png/.svg, on the model's target scale (e.g. log1p).",
            "Values of maps and saliency are in the network's input space, i.e. after the model's transform"
                + " (e.g. log1p); positive = pushes towards the class (maps) or towards high expression (saliency).",
            ""},
        footer = {"", "Example:",
            "  deepchrome-visualize --model cnn.zip --output-dir figures/ \\",
            "      --input test.csv.gz --predictions test.tsv --epoch-table cnn.zip.epochs.tsv",
            "", "Exit codes: 0 success, 2 bad input (one line on stderr), 1 internal error."})
public final class Visualize implements Callable<Integer> {
    /** DeepChrome's output columns: 0 = low expression, 1 = high (see CnnModel#probabilityHigh). */
    static final int LOW = 0;
    static final int HIGH = 1;
    /** A regression CNN's maps: row 0 maximises its one output, row 1 minimises it. */
    static final int MAXIMISE = 0;
    static final int MINIMISE = 1;
    static final double[][] REGRESSION_OBJECTIVES = {{1}, {-1}};

    @Option(names = "--model", required = true, paramLabel = "MODEL.zip",
            description = "Model file from deepchrome-train; a cnn (maps, saliency) or an attentive model (maps,"
                + " attention).")
    Path model;

    @Option(names = "--output-dir", required = true, paramLabel = "DIR",
            description = "Directory for all outputs (created if missing; files replaced atomically).")
    Path outputDir;

    @Option(names = "--input", paramLabel = "MATRIX.csv[.gz]",
            description = "Matrix (same marks and bins as the model) for saliency and the profile heat map.")
    Path input;

    @Option(names = "--predictions", paramLabel = "PREDICTIONS.tsv",
            description = "Output of deepchrome-predict; with a label column the ROC curve is drawn.")
    Path predictions;

    @Option(names = "--epoch-table", paramLabel = "EPOCHS.tsv", description = "Per-epoch table of deepchrome-train.")
    Path epochTable;

    @Option(names = "--lambda", paramLabel = "L", defaultValue = "0.01",
            description = "L2 penalty weight of the class optimization (default: ${DEFAULT-VALUE}).")
    double lambda;

    @Option(names = "--step-size", paramLabel = "S", defaultValue = "1.0",
            description = "Gradient-ascent step of the class optimization (default: ${DEFAULT-VALUE}).")
    double stepSize;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "500",
            description = "Gradient-ascent steps of the class optimization (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--init-noise", paramLabel = "SD", defaultValue = "1e-4",
            description = "The class optimization starts from zeros plus Gaussian noise of this standard"
                + " deviation, so ReLUs sitting exactly at zero do not stall it; 0 = exact zeros"
                + " (default: ${DEFAULT-VALUE}).")
    double initNoise;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the starting noise and of ND4J's generator (default: ${DEFAULT-VALUE}):"
                + " same seed, same machine, same numbers.")
    long seed;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "Saliency for the N genes with the highest and the N with the lowest predicted"
                + " P(high) (default: ${DEFAULT-VALUE}); ignored with --gene-list.")
    int top;

    @Option(names = "--gene-list", paramLabel = "LIST.txt",
            description = "Saliency for these gene ids instead (one per line, from --input).")
    Path geneList;

    @Option(names = "--image-format", paramLabel = "FORMAT", split = ",",
            description = "Image formats to write, comma-separated: ${COMPLETION-CANDIDATES} (default: png,svg).")
    List<FigureWriter.Format> imageFormats = new ArrayList<>(List.of(FigureWriter.Format.PNG, FigureWriter.Format.SVG));

    @Option(names = "--bin-size", paramLabel = "BP", defaultValue = "100",
            description = "Bin width in bp, only for axis labels (default: ${DEFAULT-VALUE}).")
    int binSize;

    @Option(names = "--heatmap-rows", paramLabel = "N", defaultValue = "200",
            description = "At most N rows in the profile heat map; more genes are averaged in sorted order"
                + " (default: ${DEFAULT-VALUE}).")
    int heatmapRows;

    @Mixin
    CommonOptions common;

    // Old spellings, kept for one release: they set the same value after a one-line notice.
    @Option(names = "--epochs", hidden = true, paramLabel = "EPOCHS.tsv")
    void deprecatedEpochs(Path value) {
        common.reporter().deprecated("--epochs", "--epoch-table");
        epochTable = value;
    }

    @Option(names = "--genes", hidden = true, paramLabel = "LIST.txt")
    void deprecatedGenes(Path value) {
        common.reporter().deprecated("--genes", "--gene-list");
        geneList = value;
    }

    @Option(names = "--format", hidden = true, paramLabel = "FORMAT", split = ",")
    void deprecatedFormat(List<FigureWriter.Format> value) {
        common.reporter().deprecated("--format", "--image-format");
        imageFormats = value;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        ToolRunner.main(new Visualize(), args);
    }

    @Override
    public Integer call() throws IOException {
        validateOptions();
        Inputs.requireReadableFile(model, "model file");
        for (Path p : new Path[] {input, predictions, epochTable, geneList}) {
            if (p != null) {
                Inputs.requireReadableFile(p, "input");
            }
        }
        OutputTarget.requireWritableDirectory(outputDir);

        DeepChromeModel loaded = ModelFile.load(model);
        if (loaded instanceof AttentiveModel attentive) {
            Read read = readInputs(attentive);
            return new AttentiveVisualization(this, attentive).run(read.matrix(), read.table(), read.levels(),
                    read.log());
        }
        if (!(loaded instanceof CnnModel cnn)) {
            throw new BadInputException(model + ": a " + loaded.kind() + " model has no gradient; class-optimization"
                    + " maps and saliency need a cnn model (train one with deepchrome-train --model-type cnn)");
        }
        Read read = readInputs(cnn);
        GeneMatrix matrix = read.matrix();
        Predictions table = read.table();
        RegressionPredictions levels = read.levels();
        EpochLog log = read.log();

        NativeRuntime.configure(common.threads());
        Nd4j.getRandom().setSeed(seed);
        Outputs outputs = new Outputs(cnn, new BinAxis(cnn.bins(), binSize));
        outputs.classOptimization(new ClassScoreGradient(cnn.network()));
        if (matrix != null) {
            try (cnn) { // inference (P(high) of every gene) is done here: stop its workers
                outputs.inputPlots(matrix);
            }
        }
        if (table != null) {
            outputs.roc(table);
        }
        if (levels != null) {
            outputs.regressionPlots(levels);
        }
        if (log != null) {
            outputs.trainingCurves(log);
        }
        outputs.write(new FigureWriter(EnumSet.copyOf(imageFormats)));
        return 0;
    }

    /** The inputs besides the model: the matrix (checked against the model), predictions, epoch table. */
    private record Read(GeneMatrix matrix, Predictions table, RegressionPredictions levels, EpochLog log) {
    }

    /** Reads them in one order for both model kinds, so that a bad input gets the same error. */
    private Read readInputs(DeepChromeModel loaded) throws IOException {
        GeneMatrix matrix = null;
        if (input != null) {
            matrix = MatrixReader.read(input);
            loaded.checkCompatible(matrix, input);
        }
        if (geneList != null && matrix == null) {
            throw new BadInputException("--gene-list " + geneList + " needs --input (the genes' signal comes from the matrix)");
        }
        boolean regression = loaded.isRegression();
        Predictions table = predictions == null || regression ? null : Predictions.read(predictions);
        RegressionPredictions levels = predictions != null && regression ? RegressionPredictions.read(predictions) : null;
        EpochLog log = epochTable == null ? null : EpochLog.read(epochTable);
        return new Read(matrix, table, levels, log);
    }

    /** The genes shown one by one: those of --gene-list, or the --top highest and the --top lowest of {@code p}. */
    int[] selectGenes(GeneMatrix matrix, double[] p) {
        return geneList != null ? GeneList.resolve(geneList, matrix.geneIds(), input) : topAndBottom(p, top);
    }

    /** The group of the {@code i}-th of {@code selected} genes chosen by {@link #selectGenes}. */
    String selectedGroup(int i, int selected) {
        return geneList != null ? "listed" : (i < selected / 2 ? "top" : "bottom");
    }

    /** The --top genes with the highest score, then the --top with the lowest (fewer if the matrix is small). */
    private static int[] topAndBottom(double[] p, int top) {
        Integer[] order = new Integer[p.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> p[i]).reversed());
        int n = Math.min(top, p.length / 2);
        if (n == 0) {
            return new int[] {order[0]};
        }
        int[] rows = new int[2 * n];
        for (int i = 0; i < n; i++) {
            rows[i] = order[i];
            rows[n + i] = order[p.length - 1 - i];
        }
        return rows;
    }

    /**
     * The profile heat map of every gene of {@code matrix} sorted by {@code p}: P(high), or for a
     * regression model the predicted level's rank (halves split at the median).
     */
    Figure profileHeatmap(GeneMatrix matrix, double[] p, boolean regression, BinAxis axis) {
        return regression ? ProfileHeatmap.build(matrix, percentiles(p), axis, heatmapRows,
                "predicted level (halves split at the median)")
                : ProfileHeatmap.build(matrix, p, axis, heatmapRows);
    }

    /** The ROC curve of --predictions; null, with a status line, when it has no label column. */
    Figure rocFigure(Predictions table) {
        if (!table.hasLabels()) {
            common.reporter().status(predictions + ": no label column, so no ROC curve");
            return null;
        }
        try {
            double auc = RocAuc.auc(table.probabilityHigh(), table.labels());
            List<RocAuc.Point> curve = RocAuc.curve(table.probabilityHigh(), table.labels());
            return Figure.of(LineCharts.roc(curve, auc, "ROC curve, " + table.size() + " genes", 640));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(predictions + ": " + e.getMessage());
        }
    }

    /** Each score's rank as a fraction in [0, 1) (ties in gene order): orders and halves genes like P(high). */
    static double[] percentiles(double[] score) {
        Integer[] order = new Integer[score.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> score[i]));
        double[] rank = new double[score.length];
        for (int k = 0; k < order.length; k++) {
            rank[order[k]] = (double) k / order.length;
        }
        return rank;
    }

    /**
     * Observed against predicted, and residuals, on the model's target scale {@code scale} (genes with an
     * observed level); null, with a status line saying why, when there is nothing to plot.
     */
    Figure[] regressionFigures(RegressionPredictions levels, InputTransform scale) {
        if (!levels.hasObserved()) {
            common.reporter().status(predictions + ": no observed column, so no observed-vs-predicted plots");
            return null;
        }
        List<Double> o = new ArrayList<>();
        List<Double> p = new ArrayList<>();
        for (int i = 0; i < levels.geneIds().size(); i++) {
            if (!Double.isNaN(levels.observed()[i])) {
                o.add((double) scale.apply((float) levels.observed()[i]));
                p.add((double) scale.apply((float) levels.predicted()[i]));
            }
        }
        if (o.size() < 2) {
            common.reporter().status(predictions + ": fewer than 2 genes with an observed level, so no plots");
            return null;
        }
        double[] observed = o.stream().mapToDouble(Double::doubleValue).toArray();
        double[] predicted = p.stream().mapToDouble(Double::doubleValue).toArray();
        double r = RegressionMetrics.pearson(predicted, observed);
        String scaleName = scale == InputTransform.NONE ? "level" : scale.id() + " level";
        return new Figure[] {
            Figure.of(RegressionCharts.observedVsPredicted(observed, predicted, scaleName,
                    String.format(Locale.ROOT, "Observed vs predicted, %d genes, Pearson r %.3f", observed.length, r),
                    640)),
            Figure.of(RegressionCharts.residuals(observed, predicted, scaleName,
                    String.format(Locale.ROOT, "Residuals by observed level, %d genes", observed.length), 800, 480))};
    }

    private void validateOptions() {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new BadInputException("--lambda must be a finite number >= 0, got " + lambda);
        }
        if (!(stepSize > 0) || Double.isInfinite(stepSize)) {
            throw new BadInputException("--step-size must be a finite number > 0, got " + stepSize);
        }
        if (!(initNoise >= 0) || Double.isInfinite(initNoise)) {
            throw new BadInputException("--init-noise must be a finite number >= 0, got " + initNoise);
        }
        if (iterations < 1) {
            throw new BadInputException("--iterations must be at least 1, got " + iterations);
        }
        if (top < 1) {
            throw new BadInputException("--top must be at least 1, got " + top);
        }
        if (binSize < 1) {
            throw new BadInputException("--bin-size must be at least 1, got " + binSize);
        }
        if (heatmapRows < 2) {
            throw new BadInputException("--heatmap-rows must be at least 2, got " + heatmapRows);
        }
        common.threads();
    }

    /** Everything computed before anything is written, then written file by file. */
    private final class Outputs {
        private final CnnModel cnn;
        private final BinAxis axis;
        private ClassScoreGradient gradient;
        private ClassOptimization.Result maps;
        private List<String> salientGenes;
        private List<String> salientGroups;
        private double[] salientProbability;
        private double[][][] saliency;
        private Figure profile;
        private Figure rocFigure;
        private Figure trainingFigure;
        private Figure scatterFigure;
        private Figure residualFigure;

        Outputs(CnnModel cnn, BinAxis axis) {
            this.cnn = cnn;
            this.axis = axis;
        }

        void classOptimization(ClassScoreGradient scoreGradient) {
            gradient = scoreGradient;
            ClassOptimization optimization = new ClassOptimization(lambda, stepSize, iterations, initNoise, seed);
            try (Progress progress = new Progress("class optimization", iterations, common.reporter())) {
                maps = cnn.isRegression()
                        ? optimization.run(gradient, cnn.marks().size(), cnn.bins(), progress, REGRESSION_OBJECTIVES)
                        : optimization.run(gradient, cnn.marks().size(), cnn.bins(), progress);
            }
            if (cnn.isRegression()) {
                common.reporter().status(String.format(Locale.ROOT, "predicted levels of the optimised inputs: "
                        + "maximise %.3f, minimise %.3f", maps.scores()[MAXIMISE], -maps.scores()[MINIMISE]));
            } else {
                common.reporter().status(String.format(Locale.ROOT, "class scores of the optimised inputs: high %.3f, "
                        + "low %.3f", maps.scores()[HIGH], maps.scores()[LOW]));
            }
        }

        void regressionPlots(RegressionPredictions levels) {
            Figure[] figures = regressionFigures(levels, cnn.targetTransform());
            if (figures != null) {
                scatterFigure = figures[0];
                residualFigure = figures[1];
            }
        }

        void inputPlots(GeneMatrix matrix) {
            double[] p = cnn.isRegression() ? cnn.predictLevel(matrix) : cnn.probabilityHigh(matrix);
            int[] rows = selectGenes(matrix, p);
            salientGenes = new ArrayList<>();
            salientGroups = new ArrayList<>();
            salientProbability = new double[rows.length];
            float[][] inputs = new float[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                salientGenes.add(matrix.geneId(rows[i]));
                salientGroups.add(selectedGroup(i, rows.length));
                salientProbability[i] = p[rows[i]];
                inputs[i] = cnn.transformedValues(matrix, rows[i]);
            }
            if (cnn.isRegression()) {
                saliency = Saliency.of(gradient, new double[] {1}, inputs, cnn.marks().size(), cnn.bins());
            } else {
                saliency = Saliency.of(gradient, HIGH, LOW, inputs, cnn.marks().size(), cnn.bins());
            }
            profile = profileHeatmap(matrix, p, cnn.isRegression(), axis);
        }

        void roc(Predictions table) {
            rocFigure = rocFigure(table);
        }

        void trainingCurves(EpochLog log) {
            trainingFigure = LineCharts.trainingCurves(log, 800, 700);
        }

        void write(FigureWriter writer) throws IOException {
            List<Path> written = new ArrayList<>();
            List<String> marks = cnn.marks();
            Path tsv = outputDir.resolve("class_optimization.tsv");
            if (cnn.isRegression()) {
                MapTables.writeClassMaps(tsv, List.of("maximise", "minimise"), marks,
                        new double[][][] {maps.maps()[MAXIMISE], maps.maps()[MINIMISE]});
            } else {
                MapTables.writeClassMaps(tsv, List.of("high", "low"), marks,
                        new double[][][] {maps.maps()[HIGH], maps.maps()[LOW]});
            }
            written.add(tsv);
            written.addAll(writer.write(classMapsFigure(marks), outputDir, "class_optimization"));
            if (saliency != null) {
                Path s = outputDir.resolve("saliency.tsv");
                MapTables.writeGeneMaps(s, salientGenes, salientGroups,
                        cnn.isRegression() ? "predicted_level" : "probability_high", salientProbability, marks, saliency);
                written.add(s);
                written.addAll(writer.write(saliencyFigure(marks), outputDir, "saliency"));
                written.addAll(writer.write(profile, outputDir, "profile_heatmap"));
            }
            if (rocFigure != null) {
                written.addAll(writer.write(rocFigure, outputDir, "roc"));
            }
            if (trainingFigure != null) {
                written.addAll(writer.write(trainingFigure, outputDir, "training_curves"));
            }
            if (scatterFigure != null) {
                written.addAll(writer.write(scatterFigure, outputDir, "observed_vs_predicted"));
                written.addAll(writer.write(residualFigure, outputDir, "residuals"));
            }
            for (Path p : written) {
                System.out.println(p);
            }
        }

        private Figure classMapsFigure(List<String> marks) {
            if (cnn.isRegression()) {
                return regressionMapsFigure(marks);
            }
            double[][] high = maps.maps()[HIGH];
            double[][] low = maps.maps()[LOW];
            double limit = MarkBinHeatmap.absMax(high, low);
            int width = 1200;
            int height = 360;
            Figure figure = new Figure(width, 2 * height);
            String scale = "values on the model's " + cnn.transform() + " input scale";
            figure.add(MarkBinHeatmap.signed(String.format(Locale.ROOT,
                    "Class-optimization map, high expression: S_high = %.2f (%s)", maps.scores()[HIGH], scale), marks,
                    high, axis, limit, width, height), 0, 0, width, height);
            figure.add(MarkBinHeatmap.signed(String.format(Locale.ROOT,
                    "Class-optimization map, low expression: S_low = %.2f (%s)", maps.scores()[LOW], scale), marks,
                    low, axis, limit, width, height), 0, height, width, height);
            return figure;
        }

        private Figure regressionMapsFigure(List<String> marks) {
            double[][] up = maps.maps()[MAXIMISE];
            double[][] down = maps.maps()[MINIMISE];
            double limit = MarkBinHeatmap.absMax(up, down);
            int width = 1200;
            int height = 360;
            Figure figure = new Figure(width, 2 * height);
            String scale = "inputs on the model's " + cnn.transform() + " scale, level on its "
                    + cnn.targetTransform() + " scale";
            figure.add(MarkBinHeatmap.signed(String.format(Locale.ROOT,
                    "Class-optimization map, maximise the predicted level: %.2f (%s)", maps.scores()[MAXIMISE], scale),
                    marks, up, axis, limit, width, height), 0, 0, width, height);
            figure.add(MarkBinHeatmap.signed(String.format(Locale.ROOT,
                    "Class-optimization map, minimise the predicted level: %.2f (%s)", -maps.scores()[MINIMISE], scale),
                    marks, down, axis, limit, width, height), 0, height, width, height);
            return figure;
        }

        private Figure saliencyFigure(List<String> marks) {
            List<String> titles = new ArrayList<>();
            for (int i = 0; i < salientGenes.size(); i++) {
                titles.add(String.format(Locale.ROOT, cnn.isRegression() ? "%s (%s, predicted level %.2f): gradient x input"
                        : "%s (%s, P(high) %.2f): gradient x input",
                        salientGenes.get(i), salientGroups.get(i), salientProbability[i]));
            }
            return GeneMapsFigure.build(titles, marks, saliency, axis);
        }
    }
}
