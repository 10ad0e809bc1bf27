package org.fieldvae.kle;

import org.apache.commons.math3.special.Erf;

/** The standard normal distribution function Phi, its inverse and log density, in double precision. */
final class StandardNormal {
    private static final double SQRT2 = Math.sqrt(2);
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    /** The smallest u whose 1 - 2u is below 1 in double precision. */
    private static final double SMALLEST = 0x1.0p-54;

    private StandardNormal() {
    }

    /** Phi(z) = erfc(-z / sqrt 2) / 2, accurate in both tails. */
    static double cdf(double z) {
        return 0.5 * Erf.erfc(-z / SQRT2);
    }

    /**
     * Phi^{-1}(u) = sqrt 2 erfinv(2u - 1), evaluated on the side u <= 1/2 (where 2u is exact) and mirrored.
     *
     * @param u in (0, 1)
     */
    static double quantile(double u) {
        if (u > 0.5) {
            return -quantile(1 - u);
        }
        // below 2^-54, 1 - 2u rounds to 1 and erfinv to infinity: such u (chance ~1e-16 per draw) give -8.3
        return -SQRT2 * Erf.erfInv(1 - 2 * Math.max(u, SMALLEST));
    }

    static double logDensity(double z) {
        return -0.5 * z * z - LOG_SQRT_2PI;
    }
}
