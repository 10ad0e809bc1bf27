package org.fieldvae.score;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.QRDecomposition;

/**
 * DCI disentanglement, completeness and informativeness (Eastwood &amp; Williams 2018) with a linear
 * regressor: on a training half, each standardised theta_j is regressed on all standardised latents by
 * least squares, and the importance is {@code R_ij = |beta_ij|} (absolute standardised coefficients;
 * Eastwood &amp; Williams use lasso or random-forest importances, which a linear code makes equivalent up
 * to scale). With {@code P_ij = R_ij / sum_k R_ik} and {@code Pt_ij = R_ij / sum_k R_kj}:
 * <pre>
 *   D = sum_i rho_i (1 - H_p(P_i.)),   rho_i = sum_j R_ij / sum_ij R_ij,    H_p: entropy with log base p
 *   C = (1/p) sum_j (1 - H_n(Pt_.j)),                                       H_n: entropy with log base n
 *   I = (1/p) sum_j R^2_j on the held-out half
 * </pre>
 * Informativeness departs from the paper: it is the held-out coefficient of determination (higher is
 * better, 1 perfect) rather than a prediction error, so that all three read "1 is best". With p = 1
 * (or n = 1) the base-1 entropy is taken as 0, i.e. D (or C) = 1.
 * <pre>
 * C. Eastwood, C. K. I. Williams, A framework for the quantitative evaluation of disentangled
 * representations, ICLR 2018.
 * </pre>
 */
final class Dci {
    record Result(double disentanglement, double completeness, double informativeness) {
    }

    private Dci() {
    }

    /**
     * @param train {@code [sample]} rows (indices into z, theta) used for fitting, not modified
     * @param test  rows used for the held-out R^2, not modified
     */
    static Result score(double[][] z, double[][] theta, int[] train, int[] test) {
        int n = z[0].length;
        int p = theta[0].length;
        double[][] zt = rowsOf(z, train);
        double[][] tt = rowsOf(theta, train);
        double[] mz = Moments.mean(zt);
        double[] sz = Moments.sd(zt, mz);
        double[] mt = Moments.mean(tt);
        double[] st = Moments.sd(tt, mt);
        DecompositionSolver solver = new QRDecomposition(new Array2DRowRealMatrix(standardise(zt, mz, sz), false)).getSolver();
        double[][] beta = new double[n][p];
        double informativeness = 0;
        double[][] zTest = standardise(rowsOf(z, test), mz, sz);
        for (int j = 0; j < p; j++) {
            double[] target = new double[train.length];
            for (int r = 0; r < train.length; r++) {
                target[r] = (tt[r][j] - mt[j]) / st[j];
            }
            double[] coef = solver.solve(new ArrayRealVector(target, false)).toArray();
            for (int i = 0; i < n; i++) {
                beta[i][j] = Math.abs(coef[i]);
            }
            informativeness += heldOutR2(zTest, theta, test, j, coef, mt[j], st[j]);
        }
        return new Result(disentanglement(beta), completeness(beta), informativeness / p);
    }

    static double disentanglement(double[][] importance) {
        int p = importance[0].length;
        double total = 0;
        for (double[] row : importance) {
            for (double r : row) {
                total += r;
            }
        }
        double d = 0;
        for (double[] row : importance) {
            double rowSum = 0;
            for (double r : row) {
                rowSum += r;
            }
            if (rowSum > 0) {
                d += rowSum / total * (1 - entropy(row, rowSum, p));
            }
        }
        return d;
    }

    static double completeness(double[][] importance) {
        int n = importance.length;
        int p = importance[0].length;
        double c = 0;
        for (int j = 0; j < p; j++) {
            double[] column = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                column[i] = importance[i][j];
                sum += column[i];
            }
            c += sum > 0 ? 1 - entropy(column, sum, n) : 0;
        }
        return c / p;
    }

    /** Entropy of {@code weights / sum} in log base {@code base}; 0 when base is 1. */
    private static double entropy(double[] weights, double sum, int base) {
        if (base == 1) {
            return 0;
        }
        double h = 0;
        for (double w : weights) {
            if (w > 0) {
                h -= w / sum * Math.log(w / sum);
            }
        }
        return h / Math.log(base);
    }

    private static double heldOutR2(double[][] zTest, double[][] theta, int[] test, int j, double[] coef,
            double mean, double sd) {
        double[] truth = new double[test.length];
        double truthMean = 0;
        for (int r = 0; r < test.length; r++) {
            truth[r] = theta[test[r]][j];
            truthMean += truth[r] / test.length;
        }
        double sse = 0;
        double sst = 0;
        for (int r = 0; r < test.length; r++) {
            double prediction = mean;
            for (int i = 0; i < coef.length; i++) {
                prediction += sd * coef[i] * zTest[r][i];
            }
            sse += (truth[r] - prediction) * (truth[r] - prediction);
            sst += (truth[r] - truthMean) * (truth[r] - truthMean);
        }
        return sst > 0 ? 1 - sse / sst : 0;
    }

    static double[][] rowsOf(double[][] t, int[] index) {
        double[][] out = new double[index.length][];
        for (int r = 0; r < index.length; r++) {
            out[r] = t[index[r]];
        }
        return out;
    }

    private static double[][] standardise(double[][] t, double[] mean, double[] sd) {
        double[][] out = new double[t.length][mean.length];
        for (int r = 0; r < t.length; r++) {
            for (int j = 0; j < mean.length; j++) {
                out[r][j] = (t[r][j] - mean[j]) / sd[j];
            }
        }
        return out;
    }
}
