package org.fieldvae.kle;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.fieldvae.Progress;

/**
 * Leading eigenpairs of a symmetric block by the Lanczos process with full reorthogonalisation:
 * A V_m = V_m T_m + beta_m v_{m+1} e_m^T with T_m tridiagonal; a Ritz pair (theta, V_m s) of T_m has residual
 * norm beta_m |s_m|, which is the stopping test. Every new vector is orthogonalised twice against all previous
 * ones (classical Gram-Schmidt, "twice is enough"), so no spurious copies of converged eigenvalues appear; the
 * blocks are small (n^2/8 to n^2/4), which keeps that affordable. The returned residuals are recomputed from the
 * stored products A v_j, not taken from the estimate.
 * <pre>
 * Golub, G. H. and Van Loan, C. F., Matrix Computations, 4th ed., Johns Hopkins University Press, 2013,
 * Sections 10.1-10.3 (Lanczos, full reorthogonalisation).
 * Giraud, L., Langou, J. and Rozloznik, M., "The loss of orthogonality in the Gram-Schmidt orthogonalization
 * process", Computers and Mathematics with Applications 50, 2005 ("twice is enough").
 * </pre>
 */
final class Lanczos {
    /** Steps between tests of the Ritz residuals, at least; ... */
    private static final int CHECK_EVERY = 4;
    /** ... and at least this fraction of the steps so far, which keeps the O(m^3) tests below the O(m^2 d) work. */
    private static final double CHECK_FRACTION = 0.1;
    /**
     * beta_m below this times |alpha_1| (a Rayleigh quotient, so of the order of ||A||) means an invariant subspace
     * was found; the process continues from a new random vector orthogonal to it.
     */
    private static final double BREAKDOWN = 1e-13;

    private Lanczos() {
    }

    /**
     * @param wanted    number of leading eigenpairs, 1 to block dimension
     * @param tolerance stop when beta_m |s_m,k| <= tolerance * max(theta_k, floor * theta_1) for every wanted k
     * @param floor     relative size below which eigenvalues are judged against theta_1 instead (they cannot be
     *                  resolved better than machine precision times ||A||)
     * @param maxSteps  Krylov dimension limit
     * @param seed      seed of the random start vector
     * @return the eigenpairs, or null when they did not converge within maxSteps
     */
    static BlockEigen solve(SymmetryBlock block, int wanted, double tolerance, double floor, int maxSteps,
                            long seed, Progress progress) {
        int d = block.dimension();
        int m = Math.min(d, maxSteps);
        double[][] v = new double[m + 1][];
        double[][] av = new double[m][];
        double[] alpha = new double[m];
        double[] beta = new double[m];
        SplittableRandom random = new SplittableRandom(seed);
        v[0] = randomUnit(d, random);
        int lastTest = 0;
        for (int j = 0; j < m; j++) {
            progress.checkCancelled();
            av[j] = new double[d];
            block.apply(v[j], av[j]);
            double[] r = av[j].clone();
            alpha[j] = BlockEigen.dot(v[j], r);
            for (int pass = 0; pass < 2; pass++) {
                orthogonalize(r, v, j + 1);
            }
            beta[j] = Math.sqrt(BlockEigen.dot(r, r));
            int size = j + 1;
            boolean breakdown = beta[j] <= BREAKDOWN * Math.abs(alpha[0]) + Double.MIN_NORMAL;
            boolean due = size - lastTest >= Math.max(CHECK_EVERY, CHECK_FRACTION * size);
            boolean test = size >= wanted && ((!breakdown && due) || size == m);
            if (test) {
                lastTest = size;
                BlockEigen ritz = ritz(block, v, av, alpha, beta, size, wanted, tolerance, floor, size == d);
                if (ritz != null) {
                    return ritz;
                }
            }
            if (size == m) {
                break;
            }
            if (breakdown) {
                beta[j] = 0;
                r = randomUnit(d, random);
                for (int pass = 0; pass < 2; pass++) {
                    orthogonalize(r, v, j + 1);
                }
                BlockEigen.normalize(r);
            } else {
                for (int i = 0; i < d; i++) {
                    r[i] /= beta[j];
                }
            }
            v[j + 1] = r;
        }
        return null;
    }

    /** The wanted Ritz pairs of T_size when converged (or when the Krylov space is the whole block), else null. */
    private static BlockEigen ritz(SymmetryBlock block, double[][] v, double[][] av, double[] alpha, double[] beta,
                                   int size, int wanted, double tolerance, double floor, boolean complete) {
        double[] main = Arrays.copyOf(alpha, size);
        double[] secondary = Arrays.copyOf(beta, size - 1);
        EigenDecomposition eig = new EigenDecomposition(main, secondary);
        double[] theta = eig.getRealEigenvalues();
        Integer[] order = BlockEigen.decreasing(theta);
        double top = Math.abs(theta[order[0]]);
        double[][] s = new double[wanted][];
        for (int k = 0; k < wanted; k++) {
            s[k] = eig.getEigenvector(order[k]).toArray();
            double estimate = Math.abs(beta[size - 1] * s[k][size - 1]);
            double scale = Math.max(Math.abs(theta[order[k]]), floor * top);
            if (!complete && estimate > tolerance * scale) {
                return null;
            }
        }
        int d = block.dimension();
        double[] values = new double[wanted];
        double[][] vectors = new double[wanted][];
        double[] residuals = new double[wanted];
        for (int k = 0; k < wanted; k++) {
            double[] y = new double[d];
            double[] ay = new double[d];
            for (int j = 0; j < size; j++) {
                axpy(s[k][j], v[j], y);
                axpy(s[k][j], av[j], ay);
            }
            double norm = BlockEigen.normalize(y);
            for (int i = 0; i < d; i++) {
                ay[i] /= norm;
            }
            values[k] = BlockEigen.dot(y, ay);
            vectors[k] = y;
            residuals[k] = BlockEigen.relativeResidual(ay, y, values[k]);
        }
        return new BlockEigen(values, vectors, residuals, "lanczos");
    }

    /** r -= sum_i (v_i . r) v_i over the first count basis vectors (classical Gram-Schmidt). */
    private static void orthogonalize(double[] r, double[][] v, int count) {
        double[] c = new double[count];
        for (int i = 0; i < count; i++) {
            c[i] = BlockEigen.dot(v[i], r);
        }
        for (int i = 0; i < count; i++) {
            axpy(-c[i], v[i], r);
        }
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double[] randomUnit(int d, SplittableRandom random) {
        double[] r = new double[d];
        for (int i = 0; i < d; i++) {
            r[i] = random.nextDouble() - 0.5;
        }
        BlockEigen.normalize(r);
        return r;
    }
}
