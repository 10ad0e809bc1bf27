package org.fieldvae.score;

import java.util.SplittableRandom;

/** Column means, standard deviations and covariances of {@code [sample][column]} tables (not modified). */
final class Moments {
    private Moments() {
    }

    static double[] mean(double[][] t) {
        double[] m = new double[t[0].length];
        for (double[] row : t) {
            for (int j = 0; j < m.length; j++) {
                m[j] += row[j];
            }
        }
        for (int j = 0; j < m.length; j++) {
            m[j] /= t.length;
        }
        return m;
    }

    /** Sample standard deviation (divisor N - 1). */
    static double[] sd(double[][] t, double[] mean) {
        double[] s = new double[mean.length];
        for (double[] row : t) {
            for (int j = 0; j < s.length; j++) {
                double d = row[j] - mean[j];
                s[j] += d * d;
            }
        }
        for (int j = 0; j < s.length; j++) {
            s[j] = Math.sqrt(s[j] / (t.length - 1));
        }
        return s;
    }

    /** {@code cov[i][j] = (1/(N-1)) sum_r (u[r][i] - mean_u[i]) (v[r][j] - mean_v[j])}. */
    static double[][] covariance(double[][] u, double[][] v) {
        double[] mu = mean(u);
        double[] mv = mean(v);
        double[][] c = new double[mu.length][mv.length];
        for (int r = 0; r < u.length; r++) {
            for (int i = 0; i < mu.length; i++) {
                double du = u[r][i] - mu[i];
                for (int j = 0; j < mv.length; j++) {
                    c[i][j] += du * (v[r][j] - mv[j]);
                }
            }
        }
        for (double[] row : c) {
            for (int j = 0; j < row.length; j++) {
                row[j] /= u.length - 1;
            }
        }
        return c;
    }

    /** A standard normal draw (Box-Muller), so that every stream is a plain {@link SplittableRandom}. */
    static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
