package org.fieldvae.kle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.fieldvae.Check;

/**
 * sum_c w_c N(mean_c, cov_c). MC: per sample one uniform picks the component (inverse of the cumulative weights)
 * and p more give mean_c + L_c Phi^{-1}(u). LHS (a mixture is not a product law, so per-dimension strata of theta
 * are not exact): the component choice is stratified like one LHS dimension, which makes the number of samples of
 * component c differ from N w_c by less than two (every stratum inside [w_1 + .. + w_{c-1}, w_1 + .. + w_c)
 * holds one, the two cut by its ends at most one each; MC: binomial spread), and the samples of each component
 * form their own Latin hypercube in z, mapped by mean_c + L_c z. Samples keep the order of the stratified
 * component draw.
 */
final class MixtureDistribution implements ThetaDistribution {
    private final double[] weights;
    private final GaussianDistribution[] components;

    MixtureDistribution(double[] weights, GaussianDistribution[] components) {
        Check.that(weights.length == components.length && weights.length >= 1, "mixture weights",
            "must have one entry per component (" + components.length + ")");
        double sum = 0;
        for (double w : weights) {
            Check.positive("mixture weight", w);
            sum += w;
        }
        Check.that(Math.abs(sum - 1) <= 1e-9, "mixture weights = " + DistributionSpec.format(weights),
            "must sum to 1 (they sum to " + sum + ")");
        this.weights = weights.clone();
        this.components = components.clone();
    }

    @Override
    public int dimension() {
        return components[0].dimension();
    }

    int component(double u) {
        double cumulative = 0;
        for (int c = 0; c < weights.length - 1; c++) {
            cumulative += weights[c];
            if (u < cumulative) {
                return c;
            }
        }
        return weights.length - 1;
    }

    @Override
    public double[][] sample(int count, SampleDesign design, long seed) {
        Check.atLeast("count", count, 1);
        SplittableRandom random = new SplittableRandom(seed);
        int p = dimension();
        double[][] theta = new double[count][];
        if (design == SampleDesign.MC) {
            double[][] u = LatinHypercube.points(count, p + 1, design, random);
            for (int i = 0; i < count; i++) {
                theta[i] = components[component(u[i][0])].transform(Arrays.copyOfRange(u[i], 1, p + 1));
            }
            return theta;
        }
        double[][] u0 = LatinHypercube.points(count, 1, SampleDesign.LHS, random);
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < weights.length; c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < count; i++) {
            members.get(component(u0[i][0])).add(i);
        }
        for (int c = 0; c < weights.length; c++) {
            List<Integer> mine = members.get(c);
            if (mine.isEmpty()) {
                continue;
            }
            double[][] u = LatinHypercube.points(mine.size(), p, SampleDesign.LHS, random);
            for (int t = 0; t < mine.size(); t++) {
                theta[mine.get(t)] = components[c].transform(u[t]);
            }
        }
        return theta;
    }

    @Override
    public double logDensity(double[] theta) {
        DistributionSpec.checkLength(theta, dimension());
        double[] terms = new double[weights.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < weights.length; c++) {
            terms[c] = Math.log(weights[c]) + components[c].logDensity(theta);
            max = Math.max(max, terms[c]);
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum);
    }

    @Override
    public String toSpec() {
        StringBuilder means = new StringBuilder();
        boolean shared = true;
        for (int c = 0; c < components.length; c++) {
            means.append(c == 0 ? "" : ";").append(DistributionSpec.format(components[c].mean()));
            shared &= Arrays.deepEquals(components[c].covariance(), components[0].covariance());
        }
        String covariance;
        if (shared) {
            covariance = DistributionSpec.formatCovariance(components[0].covariance(), true);
        } else {
            StringBuilder all = new StringBuilder("cov=");
            for (int c = 0; c < components.length; c++) {
                all.append(c == 0 ? "" : "|").append(DistributionSpec.formatMatrix(components[c].covariance()));
            }
            covariance = all.toString();
        }
        return "mixture:weights=" + DistributionSpec.format(weights) + ":means=" + means + ":" + covariance;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MixtureDistribution m && Arrays.equals(weights, m.weights)
            && Arrays.equals(components, m.components);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(weights) * 31 + Arrays.hashCode(components);
    }

    @Override
    public String toString() {
        return toSpec();
    }
}
