package org.fieldvae.kle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks Eq. 18 of the paper: the fast block products against the definition of the covariance matrix C, and the
 * block decomposition against the full space; docs/equations.md.
 */
class SymmetryBlockTest {

    private static GridCovariance covariance(int n, CovarianceKernel kernel) {
        return new GridCovariance(new KleSettings(n, kernel, 0.3, 1.7, 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 8, 9, 12})
    void blockProductEqualsDirectProduct(int n) {
        for (CovarianceKernel kernel : CovarianceKernel.values()) {
            GridCovariance cov = covariance(n, kernel);
            SplittableRandom random = new SplittableRandom(n);
            for (SymmetryBlock block : SymmetryBlock.all(cov)) {
                double[] s = new double[block.dimension()];
                for (int q = 0; q < s.length; q++) {
                    s[q] = random.nextDouble() - 0.5;
                }
                double[] fast = new double[s.length];
                block.apply(s, fast);
                double[] full = block.expand(s, false);
                double[] cFull = new double[n * n];
                cov.applyDirect(full, cFull);
                double[] direct = block.restrict(cFull);
                // C maps the block into itself: the expansion of the restriction is C v itself
                assertArrayClose(cFull, block.expand(direct, false), 1e-12, block.name() + " invariance");
                assertArrayClose(direct, fast, 1e-12, block.name() + " product, n = " + n);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 7, 10})
    void blocksPartitionTheGridAndDenseMatricesAreSymmetric(int n) {
        GridCovariance cov = covariance(n, CovarianceKernel.EXPONENTIAL);
        List<SymmetryBlock> blocks = SymmetryBlock.all(cov);
        int total = 0;
        for (SymmetryBlock block : blocks) {
            total += block.dimension() * (block.doubled() ? 2 : 1);
            double[][] a = block.denseMatrix(cov);
            double[] s = new double[block.dimension()];
            double[] as = new double[s.length];
            for (int q = 0; q < s.length; q++) {
                s[q] = Math.sin(q + 1.0);
            }
            block.apply(s, as);
            for (int r = 0; r < a.length; r++) {
                assertEquals(BlockEigen.dot(a[r], s), as[r], 1e-12, "dense row " + r + " of " + block.name());
                for (int c = 0; c < a.length; c++) {
                    assertEquals(a[r][c], a[c][r], 1e-14, "symmetry of " + block.name());
                }
            }
            // expansion is an isometry: |expand(s)| = |s|
            double[] e = block.expand(s, true);
            assertEquals(Math.sqrt(BlockEigen.dot(s, s)), Math.sqrt(BlockEigen.dot(e, e)), 1e-12);
        }
        assertEquals(n * n, total, "blocks (EO counted twice) span the grid");
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 6, 9})
    void embeddingSpectrumEqualsNaiveComplexDft(int n) {
        // Lambda(k1, k2) = sum_{a,b} c(a,b) exp(-2 pi i (a k1 + b k2) / N) on the N x N torus, N = 2(n-1)
        GridCovariance cov = covariance(n, CovarianceKernel.EXPONENTIAL);
        int big = 2 * (n - 1);
        double[] spectrum = cov.spectrum();
        for (int k1 = 0; k1 < n; k1++) {
            for (int k2 = 0; k2 < n; k2++) {
                double re = 0;
                double im = 0;
                for (int a = 0; a < big; a++) {
                    for (int b = 0; b < big; b++) {
                        double c = cov.cov(Math.min(a, big - a), Math.min(b, big - b));
                        double angle = -2 * Math.PI * (a * k1 + b * k2) / big;
                        re += c * Math.cos(angle);
                        im += c * Math.sin(angle);
                    }
                }
                assertEquals(re, spectrum[k1 * n + k2], 1e-11 * big * big, "Lambda(" + k1 + ", " + k2 + ")");
                assertEquals(0, im, 1e-11 * big * big, "the spectrum of an even generator is real");
            }
        }
    }

    static void assertArrayClose(double[] expected, double[] actual, double relTol, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (double x : expected) {
            scale = Math.max(scale, Math.abs(x));
        }
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - actual[i]) <= relTol * scale,
                what + " at " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }
}
