package org.fieldvae.kle;

import java.util.SplittableRandom;
import org.fieldvae.Check;

/**
 * p(theta) = prod_k f(theta_k): the same one-dimensional law in every dimension, sampled as theta = F^{-1}(u) with
 * u from {@link LatinHypercube}, so LHS stratifies every dimension exactly.
 */
abstract class ProductDistribution implements ThetaDistribution {
    private final int dimension;

    ProductDistribution(int dimension) {
        this.dimension = Check.atLeast("dimension", dimension, 1);
    }

    /** @return F^{-1}(u), u in (0, 1) */
    abstract double quantile(double u);

    /** @return log f(x) */
    abstract double logDensity1(double x);

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public double[][] sample(int count, SampleDesign design, long seed) {
        Check.atLeast("count", count, 1);
        double[][] u = LatinHypercube.points(count, dimension, design, new SplittableRandom(seed));
        for (double[] row : u) {
            for (int k = 0; k < dimension; k++) {
                row[k] = quantile(row[k]);
            }
        }
        return u;
    }

    @Override
    public double logDensity(double[] theta) {
        DistributionSpec.checkLength(theta, dimension);
        double sum = 0;
        for (double x : theta) {
            sum += logDensity1(x);
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((ProductDistribution) o).dimension == dimension
            && ((ProductDistribution) o).toSpec().equals(toSpec());
    }

    @Override
    public int hashCode() {
        return toSpec().hashCode() * 31 + dimension;
    }

    @Override
    public String toString() {
        return toSpec() + " (dimension " + dimension + ")";
    }

    /** N(0, 1) per dimension. */
    static final class Normal extends ProductDistribution {
        Normal(int dimension) {
            super(dimension);
        }

        @Override
        double quantile(double u) {
            return StandardNormal.quantile(u);
        }

        @Override
        double logDensity1(double x) {
            return StandardNormal.logDensity(x);
        }

        @Override
        public String toSpec() {
            return "normal";
        }
    }

    /**
     * 0.5 N(a, s^2) + 0.5 N(-a, s^2) per dimension (the authors' generator for the KLE3 runs). F has no closed
     * inverse: F^{-1}(u) lies between -a + s Phi^{-1}(u) and a + s Phi^{-1}(u) (F is the mean of two shifted
     * normal distribution functions), and bisection on that bracket reaches the nearest double.
     */
    static final class Bimodal extends ProductDistribution {
        private static final double LOG_HALF = Math.log(0.5);
        private final double at;
        private final double sd;

        Bimodal(int dimension, double at, double sd) {
            super(dimension);
            this.at = Check.finite("bimodal at", at);
            this.sd = Check.positive("bimodal sd", sd);
        }

        double cdf(double x) {
            return 0.5 * StandardNormal.cdf((x - at) / sd) + 0.5 * StandardNormal.cdf((x + at) / sd);
        }

        @Override
        double quantile(double u) {
            double z = StandardNormal.quantile(u);
            double lo = -Math.abs(at) + sd * z;
            double hi = Math.abs(at) + sd * z;
            for (int iter = 0; iter < 200; iter++) {
                double mid = 0.5 * (lo + hi);
                if (mid <= lo || mid >= hi) {
                    break;
                }
                if (cdf(mid) < u) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return 0.5 * (lo + hi);
        }

        @Override
        double logDensity1(double x) {
            double a = StandardNormal.logDensity((x - at) / sd);
            double b = StandardNormal.logDensity((x + at) / sd);
            double max = Math.max(a, b);
            return LOG_HALF + max + Math.log(Math.exp(a - max) + Math.exp(b - max)) - Math.log(sd);
        }

        @Override
        public String toSpec() {
            return "bimodal:at=" + DistributionSpec.format(at) + ":sd=" + DistributionSpec.format(sd);
        }
    }

    /** U(low, high) per dimension. */
    static final class Uniform extends ProductDistribution {
        private final double low;
        private final double high;

        Uniform(int dimension, double low, double high) {
            super(dimension);
            this.low = Check.finite("uniform low", low);
            this.high = Check.finite("uniform high", high);
            Check.that(low < high, "uniform low = " + DistributionSpec.format(low) + ", high = "
                + DistributionSpec.format(high), "low must be < high");
        }

        @Override
        double quantile(double u) {
            return low + (high - low) * u;
        }

        @Override
        double logDensity1(double x) {
            return x >= low && x <= high ? -Math.log(high - low) : Double.NEGATIVE_INFINITY;
        }

        @Override
        public String toSpec() {
            return "uniform:low=" + DistributionSpec.format(low) + ":high=" + DistributionSpec.format(high);
        }
    }
}
