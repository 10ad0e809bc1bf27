package org.fieldvae.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.fieldvae.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * {@link HeldOutFit}: the negative ELBO (Eq. 7 at beta = 1, docs/equations.md) does not depend on the loss
 * scale a model trained in, and the unexplained variance is 1 - R^2 against the mean field.
 */
class HeldOutFitTest {
    private static final float[][][][] FIELDS = TinyVae.fields(24, 17, 3, null);

    /**
     * The same weights evaluated in the authors' per-pixel scale and in the true ELBO scale give one -ELBO in
     * nats: the conversion undoes the per-pixel and per-dimension averages for every prior.
     */
    @Test
    void negativeElboIsTheSameInBothLossScales() {
        for (PriorKind prior : PriorKind.values()) {
            VaeSettings perPixel = TinyVae.settings(prior).withLossScale(LossScale.PER_PIXEL);
            ProbeSettings probe = new ProbeSettings(3, 7L, 0.0);
            try (TrainedModel a = LossLandscape.initialisation(perPixel, 5);
                    TrainedModel b = LossLandscape.initialisation(perPixel.withLossScale(LossScale.ELBO), 5)) {
                HeldOutFit fa = HeldOutFit.of(a, FIELDS, probe);
                HeldOutFit fb = HeldOutFit.of(b, FIELDS, probe);
                assertEquals(fb.negativeElbo(), fa.negativeElbo(), 1e-6 * Math.abs(fb.negativeElbo()), prior.toString());
                assertEquals(fb.losses().rec() + fb.losses().reg(), fb.negativeElbo(), 0.0, prior.toString());
                assertEquals(fb.unexplainedTotal(), fa.unexplainedTotal(), 0.0, prior.toString());
            }
        }
    }

    /**
     * A perfect reconstruction explains everything; the mean field explains nothing; halfway explains 3/4. The
     * total variance is the mean-field spread plus the spread of the mean field around the channel mean, so the
     * mean field's error over it is the first over the sum (a constant channel mean would score 1).
     */
    @Test
    void unexplainedVarianceIsOneMinusRSquaredAgainstTheMeanField() {
        float[][][][] mean = new float[FIELDS.length][3][17][17];
        float[][][][] half = new float[FIELDS.length][3][17][17];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 17; i++) {
                for (int j = 0; j < 17; j++) {
                    double m = 0;
                    for (float[][][] f : FIELDS) {
                        m += f[c][i][j];
                    }
                    m /= FIELDS.length;
                    for (int s = 0; s < FIELDS.length; s++) {
                        mean[s][c][i][j] = (float) m;
                        half[s][c][i][j] = (float) (m + 0.5 * (FIELDS[s][c][i][j] - m));
                    }
                }
            }
        }
        for (int c = 0; c < 3; c++) {
            assertEquals(0.0, ratio(HeldOutFit.squaredSums(FIELDS, FIELDS)[c]), 0.0);
            assertEquals(1.0, ratio(HeldOutFit.squaredSums(FIELDS, mean)[c]), 1e-5);
            assertEquals(0.25, ratio(HeldOutFit.squaredSums(FIELDS, half)[c]), 1e-5);
            double[] sums = HeldOutFit.squaredSums(FIELDS, mean)[c];
            assertEquals(sums[1] / (sums[1] + spreadOfTheMeanField(mean[0][c])), sums[0] / sums[2], 1e-5);
        }
    }

    @Test
    void constantDataAreRefusedNamingTheChannel() {
        float[][][][] constant = new float[4][3][17][17];
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> HeldOutFit.squaredSums(constant, constant));
        assertEquals(true, e.getMessage().startsWith("channel 1 "), e.getMessage());
    }

    /** FIELDS.length times the sum over nodes of (m_ij - mean of m)^2 for one channel's mean field m. */
    private static double spreadOfTheMeanField(float[][] m) {
        double mean = 0;
        for (float[] row : m) {
            for (float v : row) {
                mean += v / (double) (m.length * m.length);
            }
        }
        double sum = 0;
        for (float[] row : m) {
            for (float v : row) {
                sum += (v - mean) * (v - mean);
            }
        }
        return FIELDS.length * sum;
    }

    private static double ratio(double[] sums) {
        return sums[0] / sums[1];
    }
}
