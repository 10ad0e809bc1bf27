package org.fieldvae.kle;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Leading eigenpairs of one {@link SymmetryBlock}, in decreasing order, with their relative residuals
 * ||A v - lambda v|| / ||A v||.
 *
 * @param values    eigenvalues, decreasing
 * @param vectors   unit eigenvectors in block coordinates, [k][q]
 * @param residuals relative residual of each pair
 */
record BlockEigen(double[] values, double[][] vectors, double[] residuals) {

    int count() {
        return values.length;
    }

    /**
     * All eigenpairs of the explicitly formed block matrix by Commons Math's symmetric eigensolver (Householder
     * tridiagonalisation and implicit QL), keeping the leading {@code wanted}.
     */
    static BlockEigen dense(SymmetryBlock block, GridCovariance cov, int wanted) {
        double[][] a = block.denseMatrix(cov);
        RealMatrix m = new Array2DRowRealMatrix(a, false);
        EigenDecomposition eig = new EigenDecomposition(m);
        double[] all = eig.getRealEigenvalues();
        Integer[] order = decreasing(all);
        int d = a.length;
        double[] values = new double[wanted];
        double[][] vectors = new double[wanted][];
        double[] residuals = new double[wanted];
        double[] av = new double[d];
        for (int k = 0; k < wanted; k++) {
            double[] v = eig.getEigenvector(order[k]).toArray();
            normalize(v);
            for (int r = 0; r < d; r++) {
                av[r] = dot(a[r], v);
            }
            values[k] = dot(v, av);
            vectors[k] = v;
            residuals[k] = relativeResidual(av, v, values[k]);
        }
        return new BlockEigen(values, vectors, residuals);
    }

    static Integer[] decreasing(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (p, q) -> Double.compare(values[q], values[p]));
        return order;
    }

    /** ||av - lambda v|| / ||av||, or the absolute residual when av = 0. */
    static double relativeResidual(double[] av, double[] v, double lambda) {
        double r2 = 0;
        double a2 = 0;
        for (int i = 0; i < v.length; i++) {
            double r = av[i] - lambda * v[i];
            r2 += r * r;
            a2 += av[i] * av[i];
        }
        return a2 > 0 ? Math.sqrt(r2 / a2) : Math.sqrt(r2);
    }

    /** Dot product with four partial sums (the JIT does not vectorise a single floating-point reduction). */
    static double dot(double[] x, double[] y) {
        int len = x.length;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < len; i += 4) {
            s0 += x[i] * y[i];
            s1 += x[i + 1] * y[i + 1];
            s2 += x[i + 2] * y[i + 2];
            s3 += x[i + 3] * y[i + 3];
        }
        for (; i < len; i++) {
            s0 += x[i] * y[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    static double normalize(double[] v) {
        double norm = Math.sqrt(dot(v, v));
        for (int i = 0; i < v.length; i++) {
            v[i] /= norm;
        }
        return norm;
    }
}
