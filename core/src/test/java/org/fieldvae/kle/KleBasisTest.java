package org.fieldvae.kle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.fieldvae.CancelledException;
import org.fieldvae.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checks Eq. 18-19 of the paper: the KLE basis of the covariance against dense eigensolvers, the trace, the
 * symmetries and a separable closed form; docs/equations.md.
 */
class KleBasisTest {

    /** Reference: all eigenpairs of the explicitly formed n^2 x n^2 matrix, decreasing. */
    private static final class Dense {
        final double[] values;
        final double[][] vectors;

        Dense(KleSettings s) {
            GridCovariance cov = new GridCovariance(s);
            int nodes = s.nodes();
            double[][] c = new double[nodes][nodes];
            for (int p = 0; p < nodes; p++) {
                for (int q = 0; q < nodes; q++) {
                    c[p][q] = cov.entry(p, q);
                }
            }
            EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(c, false));
            Integer[] order = BlockEigen.decreasing(eig.getRealEigenvalues());
            values = new double[nodes];
            vectors = new double[nodes][];
            for (int k = 0; k < nodes; k++) {
                values[k] = eig.getRealEigenvalue(order[k]);
                vectors[k] = eig.getEigenvector(order[k]).toArray();
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"17, EXPONENTIAL, 0.1, 40, LANCZOS", "16, EXPONENTIAL, 0.3, 30, LANCZOS",
        "17, SQUARED_EXPONENTIAL, 0.2, 12, LANCZOS", "17, EXPONENTIAL, 0.1, 40, DENSE", "9, EXPONENTIAL, 0.5, 81, AUTO",
        "11, SQUARED_EXPONENTIAL, 0.15, 20, AUTO"})
    void agreesWithDenseEigensolverOfTheFullMatrix(int n, CovarianceKernel kernel, double length, int p,
                                                   KleBasis.Method method) {
        KleSettings s = new KleSettings(n, kernel, length, 1.3, p);
        Dense dense = new Dense(s);
        KleResult r = KleBasis.compute(s, Progress.NONE, method);
        double[] values = r.eigenvalues();
        double top = dense.values[0];
        for (int k = 0; k < p; k++) {
            // eigenvalues: 1e-9 relative to lambda_k where lambda_k is resolvable, else to lambda_1
            double scale = Math.max(dense.values[k], 1e-6 * top);
            assertEquals(dense.values[k], values[k], 1e-9 * scale, "eigenvalue " + k);
        }
        for (int k = 0; k < p; k++) {
            // eigenvectors up to sign, or up to a rotation inside a (symmetry-)degenerate eigenspace:
            // the projection of phi_k onto the dense eigenvectors with the same eigenvalue has norm 1
            if (dense.values[k] < 1e-6 * top) {
                continue;
            }
            double[] phi = r.modeVector(k);
            double projected = 0;
            for (int j = 0; j < dense.values.length; j++) {
                if (Math.abs(dense.values[j] - values[k]) <= 1e-9 * top) {
                    double d = BlockEigen.dot(phi, dense.vectors[j]);
                    projected += d * d;
                }
            }
            assertEquals(1.0, projected, 1e-8, "mode " + k + " lies in the dense eigenspace of lambda = " + values[k]);
        }
        assertTrue(r.residual() < 1e-8, "residual " + r.residual());
        double sum = Arrays.stream(values).sum();
        assertEquals(sum / (n * n * 1.3), r.capturedVariance(), 1e-14);
    }

    @Test
    void blocksAskedForTooFewPairsAreSolvedAgainUntilTheLeadingModesAreComplete() {
        // a first guess of one pair per block: the leading 40 need up to 12 from a block, found by doubling
        KleSettings s = new KleSettings(17, CovarianceKernel.EXPONENTIAL, 0.2, 1, 40);
        KleResult guessed = KleBasis.compute(s, Progress.NONE, KleBasis.Method.LANCZOS, 0, 1);
        double[] dense = new Dense(s).values;
        for (int k = 0; k < 40; k++) {
            assertEquals(dense[k], guessed.eigenvalue(k), 1e-9 * dense[k], "eigenvalue " + k);
        }
    }

    @Test
    void fullSpectrumHasTraceAndPointwiseVarianceS2AndOrthonormalModes() {
        for (int n : new int[] {9, 10}) {
            double s2 = 0.7;
            KleSettings s = new KleSettings(n, CovarianceKernel.EXPONENTIAL, 0.2, s2, n * n);
            KleResult r = KleBasis.compute(s, Progress.NONE);
            int nodes = n * n;
            assertEquals(nodes * s2, Arrays.stream(r.eigenvalues()).sum(), 1e-10 * nodes, "trace");
            assertEquals(1.0, r.capturedVariance(), 1e-12);
            double[] variance = new double[nodes];
            double[][] phi = new double[nodes][];
            for (int k = 0; k < nodes; k++) {
                phi[k] = r.modeVector(k);
                for (int q = 0; q < nodes; q++) {
                    variance[q] += r.eigenvalue(k) * phi[k][q] * phi[k][q];
                }
            }
            for (int q = 0; q < nodes; q++) {
                assertEquals(s2, variance[q], 1e-10, "pointwise variance at node " + q);
            }
            for (int a = 0; a < nodes; a++) {
                for (int b = a; b < nodes; b++) {
                    assertEquals(a == b ? 1 : 0, BlockEigen.dot(phi[a], phi[b]), 1e-10, "phi_" + a + " . phi_" + b);
                }
            }
        }
    }

    @Test
    void modesHaveDefiniteParityAndSwapPairsShareEigenvalues() {
        int n = 21;
        KleResult r = KleBasis.compute(new KleSettings(n, CovarianceKernel.EXPONENTIAL, 0.1, 1, 60), Progress.NONE,
            KleBasis.Method.LANCZOS);
        int pairs = 0;
        for (int k = 0; k < r.modes(); k++) {
            double[][] m = r.mode(k);
            int p1 = parity(m, (i, j) -> m[n - 1 - i][j]);
            int p2 = parity(m, (i, j) -> m[i][n - 1 - j]);
            assertTrue(p1 != 0 && p2 != 0, "mode " + k + " has definite parity in x1 and x2");
            if (p1 == p2) {
                assertTrue(parity(m, (i, j) -> m[j][i]) != 0, "mode " + k + " is symmetric or antisymmetric");
            } else {
                // EO: its transpose, OE, is the next mode with the same eigenvalue
                if (p1 == 1) {
                    double[][] next = r.mode(k + 1);
                    assertEquals(r.eigenvalue(k), r.eigenvalue(k + 1), 0.0);
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            assertEquals(Math.abs(m[j][i]), Math.abs(next[i][j]), 1e-14);
                        }
                    }
                    pairs++;
                }
            }
        }
        assertTrue(pairs >= 10, "double eigenvalues found: " + pairs);
        assertEquals(r.eigenvalue(1), r.eigenvalue(2), 0.0, "lambda_2 = lambda_3 on the square (EO, OE)");
    }

    private interface Image {
        double at(int i, int j);
    }

    /** @return +1 or -1 when m = +-image everywhere, else 0 */
    private static int parity(double[][] m, Image image) {
        boolean even = true;
        boolean odd = true;
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                even &= Math.abs(m[i][j] - image.at(i, j)) < 1e-9;
                odd &= Math.abs(m[i][j] + image.at(i, j)) < 1e-9;
            }
        }
        return even ? 1 : odd ? -1 : 0;
    }

    @Test
    void squaredExponentialEigenvaluesAreProductsOfOneDimensionalOnes() {
        // exp(-|d|^2 / 2l^2) = exp(-d1^2 / 2l^2) exp(-d2^2 / 2l^2), so C = C1 (x) C1 and its eigenvalues are
        // s2 mu_a mu_b with mu the eigenvalues of the n x n one-dimensional correlation matrix
        int n = 33;
        double l = 0.15;
        double s2 = 2.0;
        int p = 40;
        double h = 1.0 / (n - 1);
        double[][] c1 = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double d = h * (i - j) / l;
                c1[i][j] = Math.exp(-0.5 * d * d);
            }
        }
        double[] mu = new EigenDecomposition(new Array2DRowRealMatrix(c1)).getRealEigenvalues();
        double[] products = new double[n * n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                products[a * n + b] = s2 * mu[a] * mu[b];
            }
        }
        Arrays.sort(products);
        KleResult r = KleBasis.compute(new KleSettings(n, CovarianceKernel.SQUARED_EXPONENTIAL, l, s2, p),
            Progress.NONE, KleBasis.Method.LANCZOS);
        for (int k = 0; k < p; k++) {
            double expected = products[products.length - 1 - k];
            assertEquals(expected, r.eigenvalue(k), 1e-9 * expected, "lambda_" + k);
        }
        assertTrue(r.residual() < 1e-8);
    }

    @Test
    void lanczosAgreesWithLapackBlocks() {
        // n = 41: blocks of 190..420 unknowns, dense ones go to LAPACK (LAPACK_DIMENSION)
        KleSettings s = new KleSettings(41, CovarianceKernel.EXPONENTIAL, 0.1, 1, 50);
        KleResult lanczos = KleBasis.compute(s, Progress.NONE, KleBasis.Method.LANCZOS);
        KleResult dense = KleBasis.compute(s, Progress.NONE, KleBasis.Method.DENSE);
        assertEquals("lanczos", lanczos.method());
        assertTrue(dense.method().contains("lapack"), dense.method());
        for (int k = 0; k < 50; k++) {
            assertEquals(dense.eigenvalue(k), lanczos.eigenvalue(k), 1e-10 * dense.eigenvalue(k));
            // same eigenvalue order and the same sign rule: the same vectors where eigenvalues are simple
            if (k > 0 && k < 49 && dense.eigenvalue(k) != dense.eigenvalue(k - 1)
                && dense.eigenvalue(k) != dense.eigenvalue(k + 1)) {
                assertArrayEquals(dense.modeVector(k), lanczos.modeVector(k), 1e-7, "mode " + k);
            }
        }
        assertTrue(dense.residual() < 1e-10 && lanczos.residual() < 1e-8);
    }

    @Test
    void resultIsReproducibleWithItsSignRuleAndCopiesItsArrays() {
        KleSettings s = new KleSettings(25, CovarianceKernel.EXPONENTIAL, 0.1, 1, 12);
        KleResult a = KleBasis.compute(s, Progress.NONE);
        KleResult b = KleBasis.compute(s, Progress.NONE);
        assertEquals(a, b);
        for (int k = 0; k < 12; k++) {
            double[] v = a.modeVector(k);
            double max = Arrays.stream(v).map(Math::abs).max().orElseThrow();
            double first = Arrays.stream(v).filter(x -> Math.abs(x) >= 0.01 * max).findFirst().orElseThrow();
            assertTrue(first > 0, "sign rule of mode " + k);
            assertEquals(v[7 * 25 + 3], a.mode(k)[7][3], 0.0, "mode(k)[i][j] = modeVector(k)[i*n+j]");
        }
        a.eigenvalues()[0] = -1;
        a.modeVector(0)[0] = 99;
        assertEquals(b, a, "accessors return copies");
        assertTrue(a.eigenvalue(0) > a.eigenvalue(1));
    }

    @Test
    void lanczosReportsFailureWhenItsStepLimitIsTooSmallAndConvergesOtherwise() {
        GridCovariance cov = new GridCovariance(new KleSettings(17, CovarianceKernel.EXPONENTIAL, 0.1, 1, 1));
        SymmetryBlock block = SymmetryBlock.all(cov).get(0);
        assertEquals(null, Lanczos.solve(block, 5, 1e-10, 1e-4, 6, 1, Progress.NONE));
        BlockEigen eig = Lanczos.solve(block, 5, 1e-10, 1e-4, 60, 1, Progress.NONE);
        BlockEigen dense = BlockEigen.dense(block, cov, 5, false);
        for (int k = 0; k < 5; k++) {
            assertEquals(dense.values()[k], eig.values()[k], 1e-10 * dense.values()[k]);
            assertTrue(eig.residuals()[k] < 1e-9);
        }
    }

    @Test
    void progressRisesToOne() {
        java.util.List<Double> fractions = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Progress listener = Progress.listening((fraction, message) -> fractions.add(fraction));
        KleBasis.compute(new KleSettings(21, CovarianceKernel.EXPONENTIAL, 0.1, 1, 8), listener);
        assertTrue(fractions.size() >= 2);
        assertEquals(1.0, fractions.get(fractions.size() - 1), 0.0);
        assertTrue(fractions.stream().allMatch(f -> f >= 0 && f <= 1));
    }

    @Test
    void cancellationStopsTheWork() {
        Progress cancelled = new Progress() {
            @Override
            public void report(double fraction, String message) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThrows(CancelledException.class, () -> KleBasis.compute(KleSettings.defaults().withModes(5), cancelled));
    }

    @Test
    void settingsRejectBadValuesNamingThem() {
        assertMessage("grid", () -> KleSettings.defaults().withGrid(2));
        assertMessage("length", () -> KleSettings.defaults().withLength(0));
        assertMessage("length", () -> KleSettings.defaults().withLength(Double.NaN));
        assertMessage("variance", () -> KleSettings.defaults().withVariance(-1));
        assertMessage("modes", () -> KleSettings.defaults().withModes(0));
        assertMessage("modes", () -> KleSettings.defaults().withModes(65 * 65 + 1));
        assertMessage("modes", () -> KleSettings.defaults().withModes(10).withGrid(3));
        assertMessage("kernel", () -> CovarianceKernel.parse("matern"));
        assertMessage("kernel", () -> KleSettings.defaults().withKernel(null));
        assertEquals(CovarianceKernel.SQUARED_EXPONENTIAL, CovarianceKernel.parse("Squared-Exponential"));
        assertEquals(new KleSettings(65, CovarianceKernel.EXPONENTIAL, 0.1, 1.0, 2), KleSettings.defaults());
    }

    static void assertMessage(String name, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(name), "message '" + e.getMessage() + "' names " + name);
    }
}
