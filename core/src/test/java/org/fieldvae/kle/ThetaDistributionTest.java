package org.fieldvae.kle;

import static org.fieldvae.kle.KleBasisTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checks the generative parameter laws of Sec. 5.1-5.3 of the paper (docs/equations.md): spec parsing, sample
 * moments against the true ones, Latin hypercube strata, densities and bad input.
 */
class ThetaDistributionTest {

    @Test
    void designSpecsParseToTheirCanonicalForms() {
        assertEquals("normal", ThetaDistribution.parse("normal", 2).toSpec());
        assertEquals("gaussian:mean=1,1:var=0.5,0.5", ThetaDistribution.parse("gaussian:mean=1,1:var=0.5,0.5", 2)
            .toSpec());
        assertEquals("mixture:weights=0.25,0.25,0.25,0.25:means=-1,-1;1,1;-1,1;1,-1:var=0.25",
            ThetaDistribution.parse("mixture:means=-1,-1;1,1;-1,1;1,-1:var=0.25", 2).toSpec());
        assertEquals("bimodal:at=1:sd=0.25", ThetaDistribution.parse("bimodal:at=1:sd=0.25", 3).toSpec());
        assertEquals("uniform:low=-3:high=3", ThetaDistribution.parse("uniform:low=-3:high=3", 2).toSpec());
        assertEquals(3, ThetaDistribution.parse("bimodal:at=1:sd=0.25", 3).dimension());
        for (String spec : new String[] {"normal", "gaussian:mean=1,1:var=0.5,0.5", "gaussian:cov=1,0.5;0.5,2",
            "mixture:means=-1,-1;1,1:weights=0.3,0.7:cov=1,0.2;0.2,1|0.5,0;0,0.5", "mixture:means=0,0;1,1:var=2,3",
            "bimodal", "uniform:low=-3:high=2.5"}) {
            ThetaDistribution d = ThetaDistribution.parse(spec, 2);
            assertEquals(d, ThetaDistribution.parse(d.toSpec(), 2), spec + " round trip");
            assertEquals(d.toSpec(), ThetaDistribution.parse(d.toSpec(), 2).toSpec());
        }
        assertEquals("gaussian:mean=0,0:cov=1,0.5;0.5,2", ThetaDistribution.parse("gaussian:cov=1,0.5;0.5,2", 2)
            .toSpec());
    }

    /** A distribution with its true mean and covariance (p = 2). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "normal | 0,0 | 1,0,0,1",
        "gaussian:mean=1,1:var=0.5,0.5 | 1,1 | 0.5,0,0,0.5",
        "gaussian:mean=1,-2:cov=1,0.6;0.6,2 | 1,-2 | 1,0.6,0.6,2",
        // four components at (+-1, +-1), cov 0.25 I: mean 0, cov 0.25 I + E[mu mu^T] = 1.25 I
        "mixture:means=-1,-1;1,1;-1,1;1,-1:var=0.25 | 0,0 | 1.25,0,0,1.25",
        // 0.3 N((0,0), I) + 0.7 N((2,1), I): mean (1.4, 0.7), cov I + 0.21 d d^T with d = (2, 1)
        "mixture:means=0,0;2,1:weights=0.3,0.7 | 1.4,0.7 | 1.84,0.42,0.42,1.21",
        // a^2 + sd^2
        "bimodal:at=1:sd=0.25 | 0,0 | 1.0625,0,0,1.0625",
        // (high - low)^2 / 12
        "uniform:low=-3:high=3 | 0,0 | 3,0,0,3"})
    void sampleMomentsMatchTheTruthWithinStandardErrors(String spec, String meanText, String covText) {
        double[] mean = Arrays.stream(meanText.split(",")).mapToDouble(Double::parseDouble).toArray();
        double[] cov = Arrays.stream(covText.split(",")).mapToDouble(Double::parseDouble).toArray();
        ThetaDistribution d = ThetaDistribution.parse(spec, 2);
        int count = 4000;
        for (SampleDesign design : SampleDesign.values()) {
            double[][] x = d.sample(count, design, 42);
            assertEquals(count, x.length);
            for (int a = 0; a < 2; a++) {
                int ia = a;
                // standard error of a mean of count samples, from the sample itself; 5 of them
                double m = mean(x, r -> r[ia]);
                double se = Math.sqrt(mean(x, r -> (r[ia] - m) * (r[ia] - m)) / count);
                assertEquals(mean[a], m, 5 * se, spec + " " + design + " mean " + a);
                for (int b = 0; b < 2; b++) {
                    int ib = b;
                    double c = mean(x, r -> (r[ia] - mean[ia]) * (r[ib] - mean[ib]));
                    double sc = Math.sqrt(mean(x, r -> Math.pow((r[ia] - mean[ia]) * (r[ib] - mean[ib]) - c, 2))
                        / count);
                    assertEquals(cov[2 * a + b], c, 5 * sc, spec + " " + design + " cov " + a + b);
                }
            }
        }
    }

    private interface Statistic {
        double of(double[] row);
    }

    private static double mean(double[][] x, Statistic f) {
        double s = 0;
        for (double[] r : x) {
            s += f.of(r);
        }
        return s / x.length;
    }

    @Test
    void latinHypercubePutsOneSamplePerStratumPerDimensionForProductLaws() {
        int count = 257;
        ProductDistribution.Bimodal bimodal = new ProductDistribution.Bimodal(3, 1, 0.25);
        check(ThetaDistribution.parse("normal", 3), count, StandardNormal::cdf);
        check(bimodal, count, bimodal::cdf);
        check(ThetaDistribution.parse("uniform:low=-3:high=3", 3), count, x -> (x + 3) / 6);
        // diagonal Gaussian: a product law; stratified in each coordinate's own distribution function
        ThetaDistribution g = ThetaDistribution.parse("gaussian:mean=1,-1,0:var=0.5,2,3", 3);
        double[][] x = g.sample(count, SampleDesign.LHS, 7);
        double[] m = {1, -1, 0};
        double[] v = {0.5, 2, 3};
        for (int k = 0; k < 3; k++) {
            int kk = k;
            strata(x, k, t -> StandardNormal.cdf((t - m[kk]) / Math.sqrt(v[kk])));
        }
        // MC is not stratified: some stratum is empty or doubled
        double[][] mc = ThetaDistribution.parse("normal", 3).sample(count, SampleDesign.MC, 7);
        assertFalse(isPermutation(mc, 0, StandardNormal::cdf));
    }

    private static void check(ThetaDistribution d, int count, DoubleUnaryOperator cdf) {
        double[][] x = d.sample(count, SampleDesign.LHS, 11);
        for (int k = 0; k < d.dimension(); k++) {
            strata(x, k, cdf);
        }
    }

    private static void strata(double[][] x, int k, DoubleUnaryOperator cdf) {
        assertTrue(isPermutation(x, k, cdf), "dimension " + k + ": one sample in each of the strata");
    }

    private static boolean isPermutation(double[][] x, int k, DoubleUnaryOperator cdf) {
        boolean[] seen = new boolean[x.length];
        for (double[] row : x) {
            int s = (int) Math.floor(cdf.applyAsDouble(row[k]) * x.length);
            if (s < 0 || s >= x.length || seen[s]) {
                return false;
            }
            seen[s] = true;
        }
        return true;
    }

    @Test
    void mixtureLatinHypercubeStratifiesTheComponentCounts() {
        // far-apart components, so each sample's component is its nearest mean
        ThetaDistribution d = ThetaDistribution.parse("mixture:means=-100,0;0,100;100,0:weights=0.2,0.3,0.5", 2);
        double[] w = {0.2, 0.3, 0.5};
        double[][] centres = {{-100, 0}, {0, 100}, {100, 0}};
        for (int count : new int[] {7, 50, 333}) {
            int[] counts = new int[3];
            for (double[] x : d.sample(count, SampleDesign.LHS, count)) {
                int best = 0;
                for (int c = 1; c < 3; c++) {
                    if (Math.hypot(x[0] - centres[c][0], x[1] - centres[c][1])
                        < Math.hypot(x[0] - centres[best][0], x[1] - centres[best][1])) {
                        best = c;
                    }
                }
                counts[best]++;
            }
            for (int c = 0; c < 3; c++) {
                assertTrue(Math.abs(counts[c] - count * w[c]) < 2, "component " + c + " of " + count + ": "
                    + counts[c]);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SampleDesign.class)
    void sameSeedSameSamplesOtherSeedOtherSamples(SampleDesign design) {
        for (String spec : new String[] {"normal", "gaussian:mean=1,1:var=0.5,0.5",
            "mixture:means=-1,-1;1,1;-1,1;1,-1:var=0.25", "bimodal:at=1:sd=0.25", "uniform:low=-3:high=3"}) {
            ThetaDistribution d = ThetaDistribution.parse(spec, 2);
            double[][] a = d.sample(100, design, 5);
            assertArrayEquals(a, d.sample(100, design, 5), spec);
            assertFalse(Arrays.deepEquals(a, d.sample(100, design, 6)), spec);
        }
    }

    @Test
    void densitiesMatchClosedFormsAndIntegrateToOne() {
        double log2pi = Math.log(2 * Math.PI);
        assertEquals(-log2pi, ThetaDistribution.parse("normal", 2).logDensity(new double[] {0, 0}), 1e-14);
        // N(m, C) with det C = 2 - 0.25, C^{-1} (x - m) at x - m = (1, 0): quadratic form 2 / 1.75
        ThetaDistribution g = ThetaDistribution.parse("gaussian:mean=1,1:cov=1,0.5;0.5,2", 2);
        assertEquals(-log2pi - 0.5 * Math.log(1.75) - 0.5 * 2 / 1.75, g.logDensity(new double[] {2, 1}), 1e-13);
        ThetaDistribution one = ThetaDistribution.parse("mixture:means=1,1:cov=1,0.5;0.5,2", 2);
        assertEquals(g.logDensity(new double[] {0.3, -2}), one.logDensity(new double[] {0.3, -2}), 1e-13);
        ThetaDistribution u = ThetaDistribution.parse("uniform:low=-3:high=3", 2);
        assertEquals(-2 * Math.log(6), u.logDensity(new double[] {0, 2.9}), 1e-14);
        assertEquals(Double.NEGATIVE_INFINITY, u.logDensity(new double[] {0, 3.1}));
        // one-dimensional densities integrate to 1 (trapezoid rule on [-6, 6], error far below 1e-6)
        for (String spec : new String[] {"bimodal:at=1:sd=0.25", "mixture:means=-1;2:weights=0.4,0.6:var=0.3"}) {
            ThetaDistribution d = ThetaDistribution.parse(spec, 1);
            double h = 1e-3;
            double sum = 0;
            for (int i = 0; i <= 12000; i++) {
                double w = (i == 0 || i == 12000) ? 0.5 : 1;
                sum += w * Math.exp(d.logDensity(new double[] {-6 + i * h}));
            }
            assertEquals(1.0, sum * h, 1e-6, spec);
        }
    }

    @Test
    void quantilesInvertTheirDistributionFunctions() {
        assertEquals(1.959963984540054, StandardNormal.quantile(0.975), 1e-12);
        assertEquals(-1.959963984540054, StandardNormal.quantile(0.025), 1e-12);
        assertEquals(-4.753424308822899, StandardNormal.quantile(1e-6), 1e-9);
        assertTrue(Double.isFinite(StandardNormal.quantile(1e-300)) && StandardNormal.quantile(1e-300) < -8);
        assertTrue(Double.isFinite(StandardNormal.quantile(Math.nextDown(1.0))));
        ProductDistribution.Bimodal b = new ProductDistribution.Bimodal(1, 1, 0.25);
        for (double u : new double[] {1e-9, 0.01, 0.3, 0.5, 0.77, 0.999999}) {
            assertEquals(u, b.cdf(b.quantile(u)), 1e-12 + 1e-9 * u, "F(F^-1(" + u + "))");
        }
        assertEquals(0, b.quantile(0.5), 1e-12);
    }

    @Test
    void badSpecsFailNamingTheSetting() {
        assertMessage("weights", () -> ThetaDistribution.parse("mixture:means=0,0;1,1:weights=0.5,0.6", 2));
        assertMessage("weights", () -> ThetaDistribution.parse("mixture:means=0,0;1,1:weights=1", 2));
        assertMessage("positive definite", () -> ThetaDistribution.parse("gaussian:cov=1,2;2,1", 2));
        assertMessage("symmetric", () -> ThetaDistribution.parse("gaussian:cov=1,0.1;0.2,1", 2));
        assertMessage("mixture cov", () -> ThetaDistribution.parse("mixture:means=0,0:cov=1,2;2,1", 2));
        assertMessage("gaussian var", () -> ThetaDistribution.parse("gaussian:mean=1,1:var=0.5,0", 2));
        assertMessage("mixture var", () -> ThetaDistribution.parse("mixture:means=1,1:var=-0.25", 2));
        assertMessage("bimodal sd", () -> ThetaDistribution.parse("bimodal:at=1:sd=0", 2));
        assertMessage("uniform low", () -> ThetaDistribution.parse("uniform:low=3:high=3", 2));
        assertMessage("uniform", () -> ThetaDistribution.parse("uniform:low=3", 2));
        assertMessage("dist", () -> ThetaDistribution.parse("cauchy", 2));
        assertMessage("dist", () -> ThetaDistribution.parse("", 2));
        assertMessage("'scale'", () -> ThetaDistribution.parse("normal:scale=2", 2));
        assertMessage("gaussian mean", () -> ThetaDistribution.parse("gaussian:mean=1,1:var=0.5,0.5", 3));
        assertMessage("mixture means", () -> ThetaDistribution.parse("mixture:means=-1,-1;1,1:var=0.25", 1));
        assertMessage("gaussian cov", () -> ThetaDistribution.parse("gaussian:cov=1,0;0,1", 3));
        assertMessage("gaussian mean", () -> ThetaDistribution.parse("gaussian:mean=1,x", 2));
        assertMessage("twice", () -> ThetaDistribution.parse("bimodal:at=1:at=2", 2));
        assertMessage("dimension", () -> ThetaDistribution.parse("normal", 0));
        assertMessage("count", () -> ThetaDistribution.parse("normal", 2).sample(0, SampleDesign.MC, 1));
        assertMessage("design", () -> SampleDesign.parse("sobol"));
        assertEquals(SampleDesign.LHS, SampleDesign.parse("LHS"));
    }
}
