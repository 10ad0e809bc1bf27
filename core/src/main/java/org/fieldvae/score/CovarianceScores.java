package org.fieldvae.score;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;

/** The scores computed from second moments alone: S_D, the correlation matrix, SAP and the Gaussian total correlation. */
final class CovarianceScores {
    private CovarianceScores() {
    }

    /**
     * S_D of the paper's Eq. 5 with absolute covariances, as the authors' code computes it:
     * <pre>
     *   S_D = (1/n) sum_i max_j |cov(z_i, theta_j)| / sum_j |cov(z_i, theta_j)|,   in [1/p, 1]
     * </pre>
     * A latent whose covariances with every theta vanish contributes 1/p (no preference).
     *
     * @param cov {@code [latent][parameter]}, not modified
     */
    static double sD(double[][] cov) {
        double sum = 0;
        for (double[] row : cov) {
            double max = 0;
            double total = 0;
            for (double c : row) {
                max = Math.max(max, Math.abs(c));
                total += Math.abs(c);
            }
            sum += total > 0 ? max / total : 1.0 / row.length;
        }
        return sum / cov.length;
    }

    /** Pearson correlation {@code corr[i][j] = cov(z_i, theta_j) / (sd(z_i) sd(theta_j))}, an n x p matrix. */
    static double[][] correlation(double[][] cov, double[] sdZ, double[] sdTheta) {
        double[][] r = new double[cov.length][];
        for (int i = 0; i < cov.length; i++) {
            r[i] = new double[cov[i].length];
            for (int j = 0; j < r[i].length; j++) {
                r[i][j] = cov[i][j] / (sdZ[i] * sdTheta[j]);
            }
        }
        return r;
    }

    /**
     * SAP, the separated attribute predictability of Kumar et al. (2018), for continuous factors: the score
     * matrix {@code S_ij} is the R^2 of the linear regression of theta_j on z_i alone, which equals
     * {@code corr(z_i, theta_j)^2}; SAP is the mean over j of the gap between the largest and the second
     * largest {@code S_ij} over i (the largest alone when n = 1).
     * <pre>
     * A. Kumar, P. Sattigeri, A. Balakrishnan, Variational inference of disentangled latent concepts from
     * unlabeled observations, ICLR 2018.
     * </pre>
     */
    static double sap(double[][] correlation) {
        int n = correlation.length;
        int p = correlation[0].length;
        double sum = 0;
        for (int j = 0; j < p; j++) {
            double first = 0;
            double second = 0;
            for (int i = 0; i < n; i++) {
                double s = correlation[i][j] * correlation[i][j];
                if (s > first) {
                    second = first;
                    first = s;
                } else if (s > second) {
                    second = s;
                }
            }
            sum += first - second;
        }
        return sum / p;
    }

    /**
     * Total correlation {@code D_KL[q(z) || prod_i q(z_i)]} of the aggregated posterior (the quantity of
     * FactorVAE, Kim &amp; Mnih 2018, and of the paper's conclusions) for the Gaussian with the sample
     * covariance Sigma of the latent means:
     * <pre>
     *   TC = (1/2) (sum_i log Sigma_ii - log det Sigma)   >= 0, 0 iff Sigma is diagonal
     * </pre>
     * It sees only linear dependence: a rotated non-Gaussian code with uncorrelated latents scores 0.
     * <pre>
     * H. Kim, A. Mnih, Disentangling by factorising, ICML 2018.
     * </pre>
     *
     * @param covZ {@code [latent][latent]}, not modified
     */
    static double gaussianTotalCorrelation(double[][] covZ) {
        double sumLogVar = 0;
        for (int i = 0; i < covZ.length; i++) {
            sumLogVar += Math.log(covZ[i][i]);
        }
        double det = new LUDecomposition(new Array2DRowRealMatrix(covZ, true)).getDeterminant();
        return det > 0 ? 0.5 * (sumLogVar - Math.log(det)) : Double.POSITIVE_INFINITY;
    }
}
