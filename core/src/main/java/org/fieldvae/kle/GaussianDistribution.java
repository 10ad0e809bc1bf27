package org.fieldvae.kle;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.fieldvae.Check;

/**
 * N(mean, cov), sampled as theta = mean + L z with cov = L L^T (Cholesky) and z standard normal; under LHS z is
 * stratified per dimension, which stratifies theta per dimension exactly when cov is diagonal.
 */
final class GaussianDistribution implements ThetaDistribution {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private final double[] mean;
    private final double[][] cov;
    private final double[][] chol;
    private final double logDet;

    /**
     * @param what name of the covariance setting in messages, e.g. "gaussian cov"
     */
    GaussianDistribution(double[] mean, double[][] cov, String what) {
        this.mean = mean.clone();
        this.cov = new double[cov.length][];
        for (int i = 0; i < cov.length; i++) {
            this.cov[i] = cov[i].clone();
        }
        this.chol = cholesky(this.cov, what);
        double sum = 0;
        for (int i = 0; i < chol.length; i++) {
            sum += 2 * Math.log(chol[i][i]);
        }
        this.logDet = sum;
    }

    /**
     * cov = L L^T, L lower triangular with positive diagonal.
     *
     * @throws IllegalArgumentException naming {@code what} unless cov is square, symmetric and positive definite
     */
    static double[][] cholesky(double[][] cov, String what) {
        int p = cov.length;
        for (int i = 0; i < p; i++) {
            Check.that(cov[i].length == p, what, "must be a square " + p + " x " + p + " matrix");
            for (int j = 0; j < p; j++) {
                Check.that(Double.isFinite(cov[i][j]), what, "must be finite");
                double scale = Math.max(Math.abs(cov[i][j]), Math.abs(cov[j][i]));
                Check.that(Math.abs(cov[i][j] - cov[j][i]) <= 1e-12 * scale, what, "must be symmetric");
            }
        }
        double[][] l = new double[p][p];
        for (int j = 0; j < p; j++) {
            double d = cov[j][j];
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            Check.that(d > 1e-14 * Math.abs(cov[j][j]) && d > 0, what, "must be positive definite");
            l[j][j] = Math.sqrt(d);
            for (int i = j + 1; i < p; i++) {
                double s = cov[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = s / l[j][j];
            }
        }
        return l;
    }

    @Override
    public int dimension() {
        return mean.length;
    }

    double[] mean() {
        return mean.clone();
    }

    double[][] covariance() {
        double[][] c = new double[cov.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = cov[i].clone();
        }
        return c;
    }

    @Override
    public double[][] sample(int count, SampleDesign design, long seed) {
        Check.atLeast("count", count, 1);
        double[][] u = LatinHypercube.points(count, mean.length, design, new SplittableRandom(seed));
        double[][] theta = new double[count][];
        for (int i = 0; i < count; i++) {
            theta[i] = transform(u[i]);
        }
        return theta;
    }

    /** @return mean + L Phi^{-1}(u) */
    double[] transform(double[] u) {
        int p = mean.length;
        double[] z = new double[p];
        for (int k = 0; k < p; k++) {
            z[k] = StandardNormal.quantile(u[k]);
        }
        double[] x = mean.clone();
        for (int i = 0; i < p; i++) {
            for (int k = 0; k <= i; k++) {
                x[i] += chol[i][k] * z[k];
            }
        }
        return x;
    }

    @Override
    public double logDensity(double[] theta) {
        DistributionSpec.checkLength(theta, mean.length);
        int p = mean.length;
        double[] y = new double[p];
        double q = 0;
        for (int i = 0; i < p; i++) {
            double s = theta[i] - mean[i];
            for (int k = 0; k < i; k++) {
                s -= chol[i][k] * y[k];
            }
            y[i] = s / chol[i][i];
            q += y[i] * y[i];
        }
        return -0.5 * (p * LOG_2PI + logDet + q);
    }

    /** "mean=..:var=.." when cov is diagonal, else "mean=..:cov=..". */
    String settingsSpec() {
        return "mean=" + DistributionSpec.format(mean) + ":" + DistributionSpec.formatCovariance(cov, false);
    }

    @Override
    public String toSpec() {
        return "gaussian:" + settingsSpec();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GaussianDistribution g && Arrays.equals(mean, g.mean) && Arrays.deepEquals(cov, g.cov);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(mean) * 31 + Arrays.deepHashCode(cov);
    }

    @Override
    public String toString() {
        return toSpec();
    }
}
