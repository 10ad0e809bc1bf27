package org.fieldvae.knime.support.kle;

import org.fieldvae.kle.KleResult;

/**
 * The rows of the sampler's basis table: per mode k its eigenvalue lambda_k, the fraction of the total variance it
 * carries, lambda_k / trace(C) with trace(C) = n^2 s2 (every node has variance s2), the running sum of those fractions
 * (the last equals {@link KleResult#capturedVariance()}), and its eigenfunction phi_k as a field.
 */
public final class KleBasisRows {

    private KleBasisRows() {
    }

    /**
     * @param basis the KLE basis
     * @return lambda_k / (n^2 s2), k = 0..p-1
     */
    public static double[] varianceFractions(final KleResult basis) {
        final double trace = (double)basis.grid() * basis.grid() * basis.settings().variance();
        final double[] lambda = basis.eigenvalues();
        final double[] out = new double[lambda.length];
        for (int k = 0; k < lambda.length; k++) {
            out[k] = lambda[k] / trace;
        }
        return out;
    }

    /**
     * @param basis the KLE basis
     * @return sum_{j <= k} lambda_j / (n^2 s2), k = 0..p-1
     */
    public static double[] cumulativeFractions(final KleResult basis) {
        final double[] out = varianceFractions(basis);
        for (int k = 1; k < out.length; k++) {
            out[k] += out[k - 1];
        }
        return out;
    }

    /**
     * @param basis the KLE basis
     * @param k mode, 0-based
     * @return phi_k as [i][j] floats at x1 = i h, x2 = j h (rounded once from double)
     */
    public static float[][] eigenfunction(final KleResult basis, final int k) {
        final double[][] mode = basis.mode(k);
        final float[][] out = new float[mode.length][mode.length];
        for (int i = 0; i < mode.length; i++) {
            for (int j = 0; j < mode.length; j++) {
                out[i][j] = (float)mode[i][j];
            }
        }
        return out;
    }
}
