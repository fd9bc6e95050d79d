package org.deepchrome.visualize;

import org.deepchrome.core.cli.Progress;
import org.deepchrome.core.io.AtomicFile;
import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.model.NativeRuntime;
import org.deepchrome.model.attentive.AttentiveKernel;
import org.deepchrome.model.attentive.AttentiveModel;
import org.deepchrome.model.attentive.AttentiveParameters;
import org.deepchrome.model.kernel.Sgemm;
import org.deepchrome.visualize.attentive.AttentionFigures;
import org.deepchrome.visualize.charts.BinAxis;
import org.deepchrome.visualize.charts.Figure;
import org.deepchrome.visualize.charts.FigureWriter;
import org.deepchrome.visualize.charts.LineCharts;
import org.deepchrome.visualize.charts.MarkBinHeatmap;
import org.deepchrome.visualize.io.EpochLog;
import org.deepchrome.visualize.io.MapTables;
import org.deepchrome.visualize.io.Predictions;
import org.deepchrome.visualize.io.RegressionPredictions;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * deepchrome-visualize on an attentive model. Written: class-optimization maps through the
 * model's own gradients (S_high = the output logit, S_low = its negative); with --input, per
 * gene (the --top highest and lowest predicted, or --gene-list) the bin attention α as a marks
 * × bins heat map with the mark attention β as bars beside it (attention.tsv, attention.png),
 * the mean α and β of the genes predicted high (P ≥ 0.5) and low (attention_means.tsv/.png),
 * and the profile heat map; ROC and training curves as for the CNN. A regression model gets the
 * regression CNN's treatment: maps that maximise and minimise the level, genes ranked by predicted
 * level (means of the halves above and below the median), observed-vs-predicted plots from its
 * --predictions. Everything is computed before anything is written.
 */
final class AttentiveVisualization {
    private final Visualize options;
    private final AttentiveModel model;
    private final BinAxis axis;

    AttentiveVisualization(Visualize options, AttentiveModel model) {
        this.options = options;
        this.model = model;
        this.axis = new BinAxis(model.bins(), options.binSize);
    }

    int run(GeneMatrix matrix, Predictions table, RegressionPredictions levels, EpochLog log) throws IOException {
        boolean regression = model.isRegression();
        NativeRuntime.configure(options.common.threads());
        List<String> marks = model.marks();
        double[][][] maps = new double[2][][];
        double[] scores = classOptimization(maps);
        options.common.reporter().status(String.format(Locale.ROOT, regression
                ? "predicted levels of the optimised inputs: maximise %.3f, minimise %.3f"
                : "class scores of the optimised inputs: high %.3f, low %.3f", scores[0], regression ? -scores[1]
                : scores[1]));

        List<String> genes = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<Double> probability = new ArrayList<>();
        List<double[][]> alphas = new ArrayList<>();
        List<double[]> betas = new ArrayList<>();
        double[][][] meanAlpha = null;
        double[][] meanBeta = null;
        int[] groupSizes = new int[2];
        Figure profile = null;
        if (matrix != null) {
            int genesTotal = matrix.geneCount();
            double[] p = new double[genesTotal];
            float[][][] alpha = new float[genesTotal][][];
            float[][] beta = new float[genesTotal][];
            try (model) {
                model.attention(matrix, (g, out, a, b) -> {
                    p[g] = out;
                    alpha[g] = a;
                    beta[g] = b;
                });
            }
            int[] rows = options.selectGenes(matrix, p);
            for (int i = 0; i < rows.length; i++) {
                genes.add(matrix.geneId(rows[i]));
                groups.add(options.selectedGroup(i, rows.length));
                probability.add(p[rows[i]]);
                alphas.add(toDouble(alpha[rows[i]]));
                betas.add(toDouble(beta[rows[i]]));
            }
            // Regression: genes are grouped and sorted by the rank of their predicted level (halves at the median).
            double[] rank = regression ? Visualize.percentiles(p) : p;
            meanAlpha = new double[2][marks.size()][model.bins()];
            meanBeta = new double[2][marks.size()];
            for (int g = 0; g < genesTotal; g++) {
                int group = rank[g] >= 0.5 ? 0 : 1;
                groupSizes[group]++;
                for (int m = 0; m < marks.size(); m++) {
                    meanBeta[group][m] += beta[g][m];
                    for (int b = 0; b < model.bins(); b++) {
                        meanAlpha[group][m][b] += alpha[g][m][b];
                    }
                }
            }
            for (int group = 0; group < 2; group++) {
                for (int m = 0; m < marks.size(); m++) {
                    meanBeta[group][m] /= Math.max(1, groupSizes[group]);
                    for (int b = 0; b < model.bins(); b++) {
                        meanAlpha[group][m][b] /= Math.max(1, groupSizes[group]);
                    }
                }
            }
            profile = options.profileHeatmap(matrix, p, regression, axis);
        }
        Figure rocFigure = table == null ? null : options.rocFigure(table);
        Figure[] regressionFigures = levels == null ? null
                : options.regressionFigures(levels, model.targetTransform());
        Figure trainingFigure = log == null ? null : LineCharts.trainingCurves(log, 800, 700);

        // Write.
        FigureWriter writer = new FigureWriter(EnumSet.copyOf(options.imageFormats));
        Path dir = options.outputDir;
        List<Path> written = new ArrayList<>();
        Path tsv = dir.resolve("class_optimization.tsv");
        MapTables.writeClassMaps(tsv, regression ? List.of("maximise", "minimise") : List.of("high", "low"), marks,
                maps);
        written.add(tsv);
        written.addAll(writer.write(classMapsFigure(marks, maps, scores), dir, "class_optimization"));
        if (matrix != null) {
            Path att = dir.resolve("attention.tsv");
            writeAttention(att, regression ? "predicted_level" : "probability_high", genes, groups, probability, marks,
                    alphas, betas);
            written.add(att);
            List<String> titles = new ArrayList<>();
            for (int i = 0; i < genes.size(); i++) {
                titles.add(String.format(Locale.ROOT,
                        regression ? "%s (%s, predicted level %.2f)" : "%s (%s, P(high) %.2f)",
                        genes.get(i), groups.get(i), probability.get(i)));
            }
            written.addAll(writer.write(AttentionFigures.build(titles, marks, alphas.toArray(double[][][]::new),
                    betas.toArray(double[][]::new), axis), dir, "attention"));
            Path means = dir.resolve("attention_means.tsv");
            writeMeans(means, marks, meanAlpha, meanBeta, groupSizes);
            String above = regression ? " genes predicted at or above the median level" : " genes predicted high";
            String below = regression ? " genes predicted below the median level" : " genes predicted low";
            written.add(means);
            written.addAll(writer.write(AttentionFigures.build(List.of(
                    "mean of " + groupSizes[0] + above, "mean of " + groupSizes[1] + below), marks, meanAlpha,
                    meanBeta, axis), dir, "attention_means"));
            written.addAll(writer.write(profile, dir, "profile_heatmap"));
        }
        if (rocFigure != null) {
            written.addAll(writer.write(rocFigure, dir, "roc"));
        }
        if (trainingFigure != null) {
            written.addAll(writer.write(trainingFigure, dir, "training_curves"));
        }
        if (regressionFigures != null) {
            written.addAll(writer.write(regressionFigures[0], dir, "observed_vs_predicted"));
            written.addAll(writer.write(regressionFigures[1], dir, "residuals"));
        }
        for (Path p : written) {
            System.out.println(p);
        }
        return 0;
    }

    /**
     * Gradient ascent on the input of S_high(X) − λ‖X‖² (S_high = the logit) and of S_low(X) −
     * λ‖X‖² (S_low = −logit), both classes in one batch, from seeded jitter around zero, with the
     * attentive kernel's input gradient. Returns the final class scores; fills {@code maps}.
     */
    private double[] classOptimization(double[][][] maps) {
        int marks = model.marks().size();
        int bins = model.bins();
        int perGene = marks * bins;
        // The ascent follows the output unit before any sigmoid (the logit, or the level): either head works.
        AttentiveKernel kernel = new AttentiveKernel(model.parameters(), 2, model.regression());
        AttentiveParameters scratch = AttentiveParameters.zeros(marks, bins);
        float[] x = new float[2 * perGene];
        Random random = new Random(options.seed);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (options.initNoise * random.nextGaussian());
        }
        float[] sign = {1f, -1f};
        NativeRuntime.loadNative();
        Sgemm.setThreads(1); // the same sums in the same order for any --threads
        float[] dInput = new float[x.length];
        float step = (float) options.stepSize;
        float decay = (float) (2 * options.lambda);
        try (Progress progress = new Progress("class optimization", options.iterations, options.common.reporter())) {
            for (int it = 0; it < options.iterations; it++) {
                kernel.forward(x, 0, 2);
                kernel.backwardFrom(sign, scratch, dInput);
                for (int i = 0; i < x.length; i++) {
                    x[i] += step * (dInput[i] - decay * x[i]);
                }
                progress.advance(1);
            }
        }
        kernel.forward(x, 0, 2);
        for (int c = 0; c < 2; c++) {
            maps[c] = new double[marks][bins];
            for (int m = 0; m < marks; m++) {
                for (int b = 0; b < bins; b++) {
                    maps[c][m][b] = x[c * perGene + m * bins + b];
                }
            }
        }
        return new double[] {kernel.logit(0), -kernel.logit(1)};
    }

    private Figure classMapsFigure(List<String> marks, double[][][] maps, double[] scores) {
        double limit = MarkBinHeatmap.absMax(maps[0], maps[1]);
        int width = 1200;
        int height = 360;
        Figure figure = new Figure(width, 2 * height);
        String scale = "values on the model's " + model.transform() + " input scale";
        if (model.isRegression()) {
            scale = "inputs on the model's " + model.transform() + " scale, level on its " + model.targetTransform()
                    + " scale";
            figure.add(MarkBinHeatmap.signed(String.format(Locale.ROOT,
                    "Class-optimization map (attentive), maximise the predicted level: %.2f (%s)", scores[0], scale),
                    marks, maps[0], axis, limit, width, height), 0, 0, width, height);
            figure.add(MarkBinHeatmap.signed(String.format(Locale.ROOT,
                    "Class-optimization map (attentive), minimise the predicted level: %.2f (%s)", -scores[1], scale),
                    marks, maps[1], axis, limit, width, height), 0, height, width, height);
            return figure;
        }
        figure.add(MarkBinHeatmap.signed(String.format(Locale.ROOT,
                "Class-optimization map (attentive), high expression: S_high = %.2f (%s)", scores[0], scale), marks,
                maps[0], axis, limit, width, height), 0, 0, width, height);
        figure.add(MarkBinHeatmap.signed(String.format(Locale.ROOT,
                "Class-optimization map (attentive), low expression: S_low = %.2f (%s)", scores[1], scale), marks,
                maps[1], axis, limit, width, height), 0, height, width, height);
        return figure;
    }

    private static double[][] toDouble(float[][] a) {
        double[][] d = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            d[i] = toDouble(a[i]);
        }
        return d;
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    /**
     * {@code gene_id	group	probability_high	mark	bin	alpha	beta} (β repeated on every bin of its mark;
     * for a regression model the third column is {@code predicted_level}).
     */
    private static void writeAttention(Path target, String outputColumn, List<String> genes, List<String> groups,
                                       List<Double> probability, List<String> marks, List<double[][]> alpha,
                                       List<double[]> beta)
            throws IOException {
        try (AtomicFile out = AtomicFile.create(target)) {
            Writer w = out.writer();
            w.write("gene_id\tgroup\t" + outputColumn + "\tmark\tbin\talpha\tbeta\n");
            for (int g = 0; g < genes.size(); g++) {
                String prefix = genes.get(g) + "\t" + groups.get(g) + "\t" + format(probability.get(g)) + "\t";
                for (int m = 0; m < marks.size(); m++) {
                    for (int b = 0; b < alpha.get(g)[m].length; b++) {
                        w.write(prefix + marks.get(m) + "\t" + (b + 1) + "\t" + format(alpha.get(g)[m][b]) + "\t"
                                + format(beta.get(g)[m]) + "\n");
                    }
                }
            }
            w.flush();
            out.commit();
        }
    }

    /** {@code predicted	genes	mark	bin	mean_alpha	mean_beta}, predicted = high (P ≥ 0.5) or low. */
    private static void writeMeans(Path target, List<String> marks, double[][][] alpha, double[][] beta, int[] sizes)
            throws IOException {
        try (AtomicFile out = AtomicFile.create(target)) {
            Writer w = out.writer();
            w.write("predicted\tgenes\tmark\tbin\tmean_alpha\tmean_beta\n");
            String[] names = {"high", "low"};
            for (int group = 0; group < 2; group++) {
                for (int m = 0; m < marks.size(); m++) {
                    for (int b = 0; b < alpha[group][m].length; b++) {
                        w.write(names[group] + "\t" + sizes[group] + "\t" + marks.get(m) + "\t" + (b + 1) + "\t"
                                + format(alpha[group][m][b]) + "\t" + format(beta[group][m]) + "\n");
                    }
                }
            }
            w.flush();
            out.commit();
        }
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
