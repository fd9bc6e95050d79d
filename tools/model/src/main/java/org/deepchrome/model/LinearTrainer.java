package org.deepchrome.model;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;

import java.util.Random;

/**
 * Fits the linear comparison models with liblinear, the solver behind scikit-learn's
 * {@code LinearSVC} and {@code LogisticRegression(solver="liblinear")}: L2-regularised squared
 * hinge (dual) for the SVM, L2-regularised logistic regression (primal) for logistic, tolerance
 * 1e-4, at most 1000 iterations, a bias feature of 1 (regularised, as both libraries do).
 *
 * <p>The problem is built once and shared by every C of the grid, and zeros are left out of the
 * rows (liblinear's rows are sparse; about half the log1p signal values are 0), which halves
 * the solver's work against dense rows.
 *
 * <p>Logistic fits are warm-started along the grid: each starts from the solution of the
 * previous fit (liblinear's {@code init_sol}, used by its primal solvers), which saves most
 * Newton iterations when C grows in small steps. Fit the grid in ascending C for that.
 */
public final class LinearTrainer {
    private static final double TOLERANCE = 1e-4;
    private static final int MAX_ITERATIONS = 1000;

    static {
        Linear.disableDebugOutput();
    }

    private final Problem problem;
    private final int features;
    /** liblinear's own solution of the previous logistic fit (its label orientation), or null. */
    private double[] previousLogistic;

    /** {@code rows[gene][feature]} after the transform, {@code labels} 0 or 1. */
    public LinearTrainer(float[][] rows, int[] labels) {
        if (rows.length == 0 || rows.length != labels.length) {
            throw new IllegalArgumentException("need one label per row and at least one row");
        }
        features = rows[0].length;
        problem = new Problem();
        problem.l = rows.length;
        problem.n = features + 1;
        problem.bias = -1; // the bias is the explicit last feature below
        problem.x = new Feature[rows.length][];
        problem.y = new double[rows.length];
        for (int g = 0; g < rows.length; g++) {
            float[] row = rows[g];
            int nonZero = 0;
            for (float v : row) {
                nonZero += v != 0 ? 1 : 0;
            }
            Feature[] x = new Feature[nonZero + 1];
            int k = 0;
            for (int f = 0; f < features; f++) {
                if (row[f] != 0) {
                    x[k++] = new FeatureNode(f + 1, row[f]);
                }
            }
            x[k] = new FeatureNode(features + 1, 1.0);
            problem.x[g] = x;
            problem.y[g] = labels[g];
        }
    }

    /** Fits the {@code kind} (svm or logistic) at inverse regularisation {@code cost}; seeded, so repeatable. */
    public LinearModel.Parameters fit(ModelKind kind, double cost, long seed) {
        SolverType solver = switch (kind) {
            case SVM -> SolverType.L2R_L2LOSS_SVC_DUAL;
            case LOGISTIC -> SolverType.L2R_LR;
            case CNN, RF, RIDGE, ATTENTIVE -> throw new IllegalArgumentException(kind + " is not a liblinear classifier");
        };
        Parameter parameter = new Parameter(solver, cost, TOLERANCE, MAX_ITERATIONS, 0.1);
        parameter.setRandom(new Random(seed));
        if (kind == ModelKind.LOGISTIC && previousLogistic != null) {
            parameter.setInitSol(previousLogistic.clone());
        }
        Model model = Linear.train(problem, parameter);
        double[] w = model.getFeatureWeights();
        if (kind == ModelKind.LOGISTIC) {
            previousLogistic = w.clone();
        }
        // liblinear's decision is positive for its first label: the label of the first gene.
        double sign = model.getLabels()[0] == 1 ? 1 : -1;
        double[] weights = new double[features];
        for (int f = 0; f < features; f++) {
            weights[f] = sign * w[f];
        }
        return new LinearModel.Parameters(weights, sign * w[features]);
    }
}
