package org.fieldvae.kle;

import org.fieldvae.Check;

/**
 * Settings of the discrete Karhunen-Loeve expansion of the log-permeability (paper Eq. 17-18): the covariance
 * k(x, x') on the n x n nodes (i h, j h), h = 1/(n-1), of the unit square, and how many leading modes to keep.
 *
 * @param grid     n, nodes per side, >= 3 (paper: 65)
 * @param kernel   covariance kernel (paper: exponential, Eq. 18)
 * @param length   correlation length l, > 0, in units of the domain side (paper: 0.1)
 * @param variance pointwise variance s2 of the log-permeability, > 0 (paper: 1)
 * @param modes    p, number of leading eigenpairs kept, in [1, n^2] (paper: 2 for KLE2)
 */
public record KleSettings(int grid, CovarianceKernel kernel, double length, double variance, int modes) {

    public KleSettings {
        Check.atLeast("grid", grid, 3);
        Check.that(kernel != null, "kernel", "must be given");
        Check.positive("length", length);
        Check.positive("variance", variance);
        Check.that(grid <= 46340, "grid", "must be <= 46340 so that grid^2 fits an int");
        Check.inRange("modes", modes, 1, grid * grid);
    }

    /** @return the paper's KLE2: 65 x 65, exponential kernel, l = 0.1, s2 = 1, p = 2 */
    public static KleSettings defaults() {
        return new KleSettings(65, CovarianceKernel.EXPONENTIAL, 0.1, 1.0, 2);
    }

    public KleSettings withGrid(int newGrid) {
        return new KleSettings(newGrid, kernel, length, variance, modes);
    }

    public KleSettings withKernel(CovarianceKernel newKernel) {
        return new KleSettings(grid, newKernel, length, variance, modes);
    }

    public KleSettings withLength(double newLength) {
        return new KleSettings(grid, kernel, newLength, variance, modes);
    }

    public KleSettings withVariance(double newVariance) {
        return new KleSettings(grid, kernel, length, newVariance, modes);
    }

    public KleSettings withModes(int newModes) {
        return new KleSettings(grid, kernel, length, variance, newModes);
    }

    /** @return the number of grid nodes n^2 */
    public int nodes() {
        return grid * grid;
    }
}
