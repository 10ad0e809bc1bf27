package org.fieldvae.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Rotation of the latent space (paper Fig. 18): with an isotropic posterior the KL to N(0, I) is
 * invariant under z -> R z, so the standard VAE cannot prefer an orientation; a non-isotropic prior or
 * the (learned, generally non-isotropic) hierarchical prior changes L_REG under rotation. Checks Eq. 4 (the
 * closed-form KL) and Eq. 10-14 (the hierarchical prior's term) of the paper; docs/equations.md.
 */
class RegulariserTest {
    private static final int BATCH = 16;

    @Test
    void onlyTheStandardNormalPriorIsRotationInvariant() {
        double standard = rotationChange(PriorKind.STANDARD);
        double scaled = rotationChange(PriorKind.SCALED);
        double hierarchical = rotationChange(PriorKind.HIERARCHICAL);
        assertEquals(0.0, standard, 1e-12);
        assertTrue(scaled > 1e-3, "scaled prior: " + scaled);
        assertTrue(hierarchical > 1e-3, "hierarchical prior: " + hierarchical);
    }

    @Test
    void standardKlMatchesItsClosedForm() {
        VaeSettings s = TinyVae.settings(PriorKind.STANDARD).withLossScale(LossScale.ELBO);
        Regulariser r = regulariser(s);
        double[][] mu = {{0.5, -1.0}};
        double[][] lv = {{Math.log(0.25), 0.0}};
        double kl = 0.5 * (0.25 + 0.25 - 1 - Math.log(0.25)) + 0.5 * (1 + 1 - 1 - 0);
        assertEquals(kl, r.evaluate(mu, lv, mu, new double[1][2], new double[1][2], 1, 1, false).loss(), 1e-12);
        Regulariser perPixel = regulariser(s.withLossScale(LossScale.PER_PIXEL));
        assertEquals(kl / 2, perPixel.evaluate(mu, lv, mu, new double[1][2], new double[1][2], 1, 1, false).loss(), 1e-12);
    }

    private static Regulariser regulariser(VaeSettings s) {
        return TinyVae.regulariser(s, 7);
    }

    /** Largest |L_REG(rotated) - L_REG| over a few angles, for an isotropic posterior. */
    private static double rotationChange(PriorKind prior) {
        Regulariser r = regulariser(TinyVae.settings(prior));
        SplittableRandom random = new SplittableRandom(4);
        double[][] mu = new double[BATCH][2];
        double[][] lv = new double[BATCH][2];
        double[][] eps = new double[BATCH][2];
        double[][] eps2 = new double[BATCH][2];
        for (int s = 0; s < BATCH; s++) {
            double l = -1 + random.nextDouble();
            for (int j = 0; j < 2; j++) {
                mu[s][j] = 1.5 * TinyVae.gaussian(random);
                lv[s][j] = l;
                eps[s][j] = TinyVae.gaussian(random);
                eps2[s][j] = TinyVae.gaussian(random);
            }
        }
        double base = value(r, mu, lv, eps, eps2);
        double change = 0;
        for (double angle : new double[] {0.3, Math.PI / 4, 2.0}) {
            change = Math.max(change, Math.abs(value(r, rotate(mu, angle), lv, rotate(eps, angle), eps2) - base));
        }
        return change;
    }

    private static double value(Regulariser r, double[][] mu, double[][] lv, double[][] eps, double[][] eps2) {
        double[][] z = new double[mu.length][2];
        for (int s = 0; s < mu.length; s++) {
            for (int j = 0; j < 2; j++) {
                z[s][j] = mu[s][j] + Math.exp(lv[s][j] / 2) * eps[s][j];
            }
        }
        return r.evaluate(mu, lv, z, eps, eps2, 1.0, 1.0, false).loss();
    }

    private static double[][] rotate(double[][] v, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double[][] out = new double[v.length][2];
        for (int i = 0; i < v.length; i++) {
            out[i][0] = c * v[i][0] - s * v[i][1];
            out[i][1] = s * v[i][0] + c * v[i][1];
        }
        return out;
    }
}
