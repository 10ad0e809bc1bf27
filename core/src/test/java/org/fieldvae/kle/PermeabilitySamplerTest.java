package org.fieldvae.kle;

import static org.fieldvae.kle.KleBasisTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fieldvae.Progress;
import org.junit.jupiter.api.Test;

/**
 * Checks Eq. 17 and 19 of the paper, K = exp(m + sum sqrt(lambda) theta phi), positivity, batches, reproducibility;
 * docs/equations.md.
 */
class PermeabilitySamplerTest {
    private static final KleResult BASIS = KleBasis.compute(
        new KleSettings(17, CovarianceKernel.EXPONENTIAL, 0.1, 1, 5), Progress.NONE);

    @Test
    void logPermeabilityIsTheKleSumAndPermeabilityItsExponential() {
        double mean = 0.4;
        double[][] thetas = ThetaDistribution.parse("normal", 5).sample(20, SampleDesign.LHS, 3);
        for (double[] theta : thetas) {
            float[][] g = PermeabilitySampler.logPermeability(BASIS, mean, theta);
            float[][] k = PermeabilitySampler.permeability(BASIS, mean, theta);
            for (int i = 0; i < 17; i++) {
                for (int j = 0; j < 17; j++) {
                    double expected = mean;
                    for (int m = 0; m < 5; m++) {
                        expected += Math.sqrt(BASIS.eigenvalue(m)) * theta[m] * BASIS.mode(m)[i][j];
                    }
                    // float rounding of the result only
                    assertEquals(expected, g[i][j], 1e-6 * Math.max(1, Math.abs(expected)));
                    assertEquals(Math.exp(expected), k[i][j], 1e-6 * Math.exp(expected));
                    assertTrue(k[i][j] > 0 && Float.isFinite(k[i][j]));
                }
            }
        }
    }

    @Test
    void zeroThetaGivesTheMeanField() {
        float[][] k = PermeabilitySampler.permeability(BASIS, -1.5, new double[5]);
        for (float[] row : k) {
            for (float v : row) {
                assertEquals((float) Math.exp(-1.5), v, 0f);
            }
        }
    }

    @Test
    void batchesEqualSingleFieldsAndRepeat() {
        double[][] thetas = ThetaDistribution.parse("mixture:means=-1,-1,0,0,0;1,1,0,0,0:var=0.25", 5)
            .sample(64, SampleDesign.MC, 9);
        float[][][] batch = PermeabilitySampler.permeability(BASIS, 0, thetas);
        assertEquals(64, batch.length);
        for (int s = 0; s < 64; s++) {
            assertArrayEquals(PermeabilitySampler.permeability(BASIS, 0, thetas[s]), batch[s]);
        }
        float[][][] again = PermeabilitySampler.permeability(BASIS, 0, thetas);
        for (int s = 0; s < 64; s++) {
            assertArrayEquals(batch[s], again[s]);
        }
        float[][][] logs = PermeabilitySampler.logPermeability(BASIS, 0, thetas);
        assertEquals(Math.exp(logs[3][4][5]), batch[3][4][5], 1e-6 * batch[3][4][5]);
    }

    @Test
    void sampleDrawsThetasThenFieldsReproducibly() {
        ThetaDistribution d = ThetaDistribution.parse("bimodal:at=1:sd=0.25", 5);
        KleSamples a = PermeabilitySampler.sample(BASIS, 0.1, d, 32, SampleDesign.LHS, 77);
        KleSamples b = PermeabilitySampler.sample(BASIS, 0.1, d, 32, SampleDesign.LHS, 77);
        assertEquals(32, a.count());
        double[][] theta = d.sample(32, SampleDesign.LHS, 77);
        for (int s = 0; s < 32; s++) {
            assertArrayEquals(theta[s], a.theta()[s], 0.0);
            assertArrayEquals(PermeabilitySampler.permeability(BASIS, 0.1, theta[s]), a.permeability()[s]);
            assertArrayEquals(a.permeability()[s], b.permeability()[s]);
        }
        assertMessage("dist", () -> PermeabilitySampler.sample(BASIS, 0, ThetaDistribution.parse("normal", 2), 4,
            SampleDesign.MC, 1));
    }

    @Test
    void thetaOfTheWrongLengthOrNotFiniteIsRejected() {
        assertMessage("theta", () -> PermeabilitySampler.permeability(BASIS, 0, new double[4]));
        assertMessage("theta[2]", () -> PermeabilitySampler.permeability(BASIS, 0,
            new double[] {0, 0, Double.NaN, 0, 0}));
        assertMessage("mean", () -> PermeabilitySampler.logPermeability(BASIS, Double.POSITIVE_INFINITY,
            new double[5]));
    }
}
