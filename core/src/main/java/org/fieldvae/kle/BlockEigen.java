package org.fieldvae.kle;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Leading eigenpairs of one {@link SymmetryBlock}, in decreasing order, with their relative residuals
 * ||A v - lambda v|| / ||A v||.
 *
 * @param values    eigenvalues, decreasing
 * @param vectors   unit eigenvectors in block coordinates, [k][q]
 * @param residuals relative residual of each pair
 * @param solver    "lanczos", "lapack" or "commons-math"
 */
record BlockEigen(double[] values, double[][] vectors, double[] residuals, String solver) {

    int count() {
        return values.length;
    }

    /** Serialises calls into ND4J's LAPACK, whose thread safety is not documented (it threads internally). */
    private static final Object LAPACK_LOCK = new Object();

    /**
     * All eigenpairs of the explicitly formed block matrix, keeping the leading {@code wanted}: by LAPACK's dsyev
     * through ND4J ({@code lapack} true; about ten times faster than Commons Math from a few hundred unknowns on)
     * or by Commons Math's symmetric eigensolver (Householder tridiagonalisation and implicit QL). Both are
     * backward stable; the pairs are refined by nothing and checked by their recomputed residuals.
     */
    static BlockEigen dense(SymmetryBlock block, GridCovariance cov, int wanted, boolean lapack) {
        double[][] a = block.denseMatrix(cov);
        Pairs all = lapack ? lapackOrCommonsPairs(a) : commonsPairs(a);
        double[][] columns = all.vectors;
        Integer[] order = decreasing(all.values);
        int d = a.length;
        double[] values = new double[wanted];
        double[][] vectors = new double[wanted][];
        double[] residuals = new double[wanted];
        for (int k = 0; k < wanted; k++) {
            double[] v = columns[order[k]];
            double[] av = all.products[order[k]];
            double norm = normalize(v);
            for (int r = 0; r < d; r++) {
                av[r] /= norm;
            }
            values[k] = dot(v, av);
            vectors[k] = v;
            residuals[k] = relativeResidual(av, v, values[k]);
        }
        return new BlockEigen(values, vectors, residuals, all.solver);
    }

    /** Set once ND4J's native backend failed to load, so that later blocks go straight to Commons Math. */
    private static volatile boolean lapackUnavailable;

    /**
     * LAPACK when ND4J's native backend loads on this platform, else Commons Math: slower, same results to
     * rounding, so a missing native library costs time, not the answer.
     */
    private static Pairs lapackOrCommonsPairs(double[][] a) {
        if (!lapackUnavailable) {
            try {
                return lapackPairs(a);
            } catch (LinkageError | RuntimeException e) {
                lapackUnavailable = true;
            }
        }
        return commonsPairs(a);
    }

    /** All eigenpairs in a solver's order: values[k], vectors[k][r], and the products A v_k, [k][r]. */
    private record Pairs(double[] values, double[][] vectors, double[][] products, String solver) {
    }

    private static Pairs commonsPairs(double[][] a) {
        RealMatrix m = new Array2DRowRealMatrix(a, false);
        EigenDecomposition eig = new EigenDecomposition(m);
        double[][] vectors = new double[a.length][];
        double[][] products = new double[a.length][a.length];
        for (int k = 0; k < a.length; k++) {
            vectors[k] = eig.getEigenvector(k).toArray();
            for (int r = 0; r < a.length; r++) {
                products[k][r] = dot(a[r], vectors[k]);
            }
        }
        return new Pairs(eig.getRealEigenvalues(), vectors, products, "commons-math");
    }

    /** dsyev leaves the eigenvectors in the columns of A. */
    private static Pairs lapackPairs(double[][] a) {
        double[][] byRow;
        double[][] productsByRow;
        double[] eigenvalues;
        synchronized (LAPACK_LOCK) {
            INDArray original = Nd4j.create(a).castTo(DataType.DOUBLE);
            INDArray m = original.dup();
            INDArray values = Nd4j.create(DataType.DOUBLE, a.length);
            int info = Nd4j.getBlasWrapper().lapack().syev('V', 'U', m, values);
            if (info != 0) {
                throw new IllegalStateException("LAPACK dsyev failed with info = " + info + " on a block of "
                    + a.length + " unknowns");
            }
            byRow = m.toDoubleMatrix();
            productsByRow = original.mmul(m).toDoubleMatrix();
            eigenvalues = values.toDoubleVector();
        }
        return new Pairs(eigenvalues, transpose(byRow), transpose(productsByRow), "lapack");
    }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int r = 0; r < m.length; r++) {
            for (int c = 0; c < m[r].length; c++) {
                t[c][r] = m[r][c];
            }
        }
        return t;
    }

    static Integer[] decreasing(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(values[q], values[p]));
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
