package org.fieldvae.knime.support.kle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.fieldvae.Progress;
import org.fieldvae.kle.CovarianceKernel;
import org.fieldvae.kle.KleBasis;
import org.fieldvae.kle.KleResult;
import org.fieldvae.kle.KleSettings;
import org.junit.jupiter.api.Test;

/**
 * Checks the KLE basis rows of Eq. 19 of the paper (captured variance, eigenfunctions on the grid); docs/equations.md.
 */
class KleBasisRowsTest {

    /** With all n^2 modes kept the eigenvalues sum to trace(C) = n^2 s2, so the fractions sum to 1. */
    @Test
    void allModesCaptureTheWholeVariance() {
        final KleResult all = KleBasis.compute(new KleSettings(5, CovarianceKernel.EXPONENTIAL, 0.3, 2.0, 25),
            Progress.NONE);
        final double[] cumulative = KleBasisRows.cumulativeFractions(all);
        assertEquals(1.0, cumulative[24], 1e-12);
        assertEquals(all.capturedVariance(), cumulative[24], 1e-12);
        final double[] fractions = KleBasisRows.varianceFractions(all);
        assertEquals(all.eigenvalue(3) / (25 * 2.0), fractions[3], 1e-15);
        assertEquals(fractions[0] + fractions[1], cumulative[1], 1e-15);
    }

    @Test
    void eigenfunctionIsTheModeOnTheGrid() {
        final KleResult basis = KleBasis.compute(new KleSettings(6, CovarianceKernel.EXPONENTIAL, 0.1, 1.0, 3),
            Progress.NONE);
        final float[][] phi = KleBasisRows.eigenfunction(basis, 2);
        final double[][] mode = basis.mode(2);
        double norm = 0;
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                assertEquals((float)mode[i][j], phi[i][j]);
                norm += (double)phi[i][j] * phi[i][j];
            }
        }
        assertEquals(1.0, norm, 1e-6); // |phi_k|_2 = 1 (KleResult), up to the float rounding
    }
}
