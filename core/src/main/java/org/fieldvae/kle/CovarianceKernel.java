package org.fieldvae.kle;

import java.util.Locale;

/**
 * Stationary isotropic covariance kernels k(x, x') = s2 * rho(|x - x'|_2 / l) of the log-permeability.
 */
public enum CovarianceKernel {
    /** k = s2 exp(-|x - x'|_2 / l): the paper's Eq. 18 and the authors' "gauss1" generator. */
    EXPONENTIAL("exponential") {
        @Override
        double correlation(double distance, double length) {
            return Math.exp(-distance / length);
        }
    },
    /** k = s2 exp(-|x - x'|_2^2 / (2 l^2)): smooth fields; its spectrum decays like exp(-c k^2). */
    SQUARED_EXPONENTIAL("squared-exponential") {
        @Override
        double correlation(double distance, double length) {
            double r = distance / length;
            return Math.exp(-0.5 * r * r);
        }
    };

    private final String spec;

    CovarianceKernel(String spec) {
        this.spec = spec;
    }

    /**
     * @param distance |x - x'|_2 >= 0
     * @param length   correlation length l > 0
     * @return k / s2, in (0, 1]
     */
    abstract double correlation(double distance, double length);

    /** @return the name used on the command line, e.g. {@code "squared-exponential"} */
    public String spec() {
        return spec;
    }

    /**
     * @param text "exponential" or "squared-exponential" (case-insensitive; "_" accepted for "-")
     * @throws IllegalArgumentException naming the setting {@code kernel} for anything else
     */
    public static CovarianceKernel parse(String text) {
        String key = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (CovarianceKernel k : values()) {
            if (k.spec.equals(key)) {
                return k;
            }
        }
        throw new IllegalArgumentException("kernel = " + text + ": must be exponential or squared-exponential");
    }
}
