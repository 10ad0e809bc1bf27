package org.fieldvae.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.fieldvae.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks Eq. 27 (interpolation), Eq. 7 (the loss along it) and the Fig. 18 latent rotation with Eq. 10-14's
 * hierarchical term, on tiny nets and 17 x 17 two-factor fields; docs/equations.md.
 */
class LossLandscapeTest {
    private static final int SAMPLES = 24;
    private static final float[][][][] FIELDS = TinyVae.fields(SAMPLES, 17, 11, null);
    private static final double[] ANGLES = {0, 0.4, Math.PI / 4, 1.3, Math.PI / 2, 2.6};
    private static TrainedModel trained;

    @BeforeAll
    static void train() {
        VaeSettings s = TinyVae.settings(PriorKind.STANDARD).withEpochs(4, 2);
        trained = VaeTrainer.train(s, TrainingData.of(FIELDS), null, Progress.NONE);
    }

    private static ProbeSettings probe() {
        return new ProbeSettings(2, 7L, 1.0);
    }

    @Test
    void interpolationHitsBothEndsAndTheMidpointIncludingBatchNormStatistics() {
        TrainedModel init = LossLandscape.initialisation(trained.settings(), 42);
        TrainedModel at0 = LossLandscape.interpolate(init, trained, 0.0);
        TrainedModel at1 = LossLandscape.interpolate(init, trained, 1.0);
        TrainedModel half = LossLandscape.interpolate(init, trained, 0.5);
        assertArrayEquals(init.vae.params.getAll(), at0.vae.params.getAll());
        assertArrayEquals(trained.vae.params.getAll(), at1.vae.params.getAll());
        assertArrayEquals(trained.vae.state.getAll(), at1.vae.state.getAll());
        double[] a = init.vae.state.getAll();
        double[] b = trained.vae.state.getAll();
        double[] m = half.vae.state.getAll();
        boolean trainedStatisticsDiffer = false;
        for (int i = 0; i < m.length; i++) {
            assertEquals(0.5 * (a[i] + b[i]), m[i], 1e-6 * (1 + Math.abs(m[i])), "running statistic " + i);
            trainedStatisticsDiffer |= a[i] != b[i];
        }
        assertTrue(trainedStatisticsDiffer, "training moved the running statistics");
        assertEquals(LossLandscape.evaluate(trained, FIELDS, probe()), LossLandscape.evaluate(at1, FIELDS, probe()));
        assertEquals(LossLandscape.evaluate(init, FIELDS, probe()), LossLandscape.evaluate(at0, FIELDS, probe()));
    }

    @Test
    void trainingLowersTheLossAlongTheLineFromItsInitialisation() {
        // the trained model started from its own seed's initialisation; Fig. 6 draws this line
        TrainedModel init = LossLandscape.initialisation(trained.settings(), trained.settings().run().seed());
        ProbeLosses start = LossLandscape.evaluate(LossLandscape.interpolate(init, trained, 0.0), FIELDS, probe());
        ProbeLosses end = LossLandscape.evaluate(LossLandscape.interpolate(init, trained, 1.0), FIELDS, probe());
        assertTrue(end.rec() < start.rec(), "L_REC " + start.rec() + " -> " + end.rec());
        assertEquals(end.rec() + end.beta() * end.reg(), end.loss(), 1e-12);
    }

    @Test
    void differentArchitecturesAreRefusedNamingTheSetting() {
        TrainedModel other = LossLandscape.initialisation(trained.settings().withLatent(3), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LossLandscape.interpolate(trained, other, 0.5));
        assertTrue(e.getMessage().contains("latent"), e.getMessage());
        TrainedModel scaled = LossLandscape.initialisation(TinyVae.settings(PriorKind.SCALED), 1);
        e = assertThrows(IllegalArgumentException.class, () -> LossLandscape.interpolate(trained, scaled, 0.5));
        assertTrue(e.getMessage().contains("prior"), e.getMessage());
    }

    @Test
    void rotationLeavesReconstructionAloneAndStandardPriorRegularisationInvariant() {
        List<ProbeLosses> l = LossLandscape.rotate(trained, FIELDS, ANGLES, probe(), Progress.NONE);
        for (ProbeLosses p : l) {
            assertEquals(l.get(0).rec(), p.rec(), 1e-6 * Math.abs(l.get(0).rec()), "L_REC");
            assertEquals(l.get(0).reg(), p.reg(), 1e-12 * Math.abs(l.get(0).reg()) + 1e-14,
                    "N(0, I) is rotationally invariant (Appendix A)");
        }
        assertEquals(ownRegularisation(trained), l.get(0).reg(), 1e-9 * Math.abs(l.get(0).reg()));
    }

    @Test
    void scaledPriorRegularisationDependsOnTheAngleWithPeriodPi() {
        TrainedModel scaled = LossLandscape.initialisation(TinyVae.settings(PriorKind.SCALED), 5);
        double[] angles = {0, 0.7, Math.PI / 2, Math.PI, Math.PI + 0.7};
        List<ProbeLosses> l = LossLandscape.rotate(scaled, FIELDS, angles, probe(), Progress.NONE);
        assertEquals(ownRegularisation(scaled), l.get(0).reg(), 1e-9 * Math.abs(l.get(0).reg()));
        assertTrue(Math.abs(l.get(1).reg() - l.get(0).reg()) > 1e-4, "variances (1, 2) are not isotropic");
        assertEquals(l.get(0).reg(), l.get(3).reg(), 1e-9, "R(pi) = -I leaves a zero-mean Gaussian KL alone");
        assertEquals(l.get(1).reg(), l.get(4).reg(), 1e-9);
        for (ProbeLosses p : l) {
            assertEquals(l.get(0).rec(), p.rec(), 1e-6 * Math.abs(l.get(0).rec()));
        }
    }

    @Test
    void rotatedKlMatchesClosedFormsAndMonteCarlo() {
        double[] mu = {0.3, -1.1};
        double[] lv = {-0.4, 0.9};
        double[] v = {1.0, 2.0};
        // a quarter turn swaps the axes: R mu = (-mu_2, mu_1), R Sigma R^T = diag(sigma_2^2, sigma_1^2)
        double swapped = 0.5 * ((Math.exp(lv[1]) + mu[1] * mu[1]) / v[0] - 1 + Math.log(v[0]) - lv[1])
                + 0.5 * ((Math.exp(lv[0]) + mu[0] * mu[0]) / v[1] - 1 + Math.log(v[1]) - lv[0]);
        assertEquals(swapped, LossLandscape.rotatedKl(LossLandscape.rotation(2, Math.PI / 2), mu, lv, v), 1e-12);
        // an isotropic posterior against an isotropic prior is invariant whatever the mean
        double[] iso = {0.2, 0.2};
        double[] isoPrior = {1.5, 1.5};
        double k0 = LossLandscape.rotatedKl(LossLandscape.rotation(2, 0), mu, iso, isoPrior);
        for (double phi : ANGLES) {
            assertEquals(k0, LossLandscape.rotatedKl(LossLandscape.rotation(2, phi), mu, iso, isoPrior), 1e-12);
        }
        // independent check of the full-covariance formula: E_q[log q - log p] by sampling
        double phi = 0.7;
        double[][] r = LossLandscape.rotation(2, phi);
        double closed = LossLandscape.rotatedKl(r, mu, lv, v);
        SplittableRandom random = new SplittableRandom(3);
        int draws = 200_000;
        double sum = 0;
        double sumSq = 0;
        for (int d = 0; d < draws; d++) {
            double[] eps = {VaeTrainer.gaussian(random), VaeTrainer.gaussian(random)};
            double[] x = {mu[0] + Math.exp(lv[0] / 2) * eps[0], mu[1] + Math.exp(lv[1] / 2) * eps[1]};
            double[] z = LossLandscape.apply(r, x, false);
            double logQ = -0.5 * (eps[0] * eps[0] + eps[1] * eps[1] + lv[0] + lv[1]);
            double logP = -0.5 * (z[0] * z[0] / v[0] + z[1] * z[1] / v[1] + Math.log(v[0]) + Math.log(v[1]));
            sum += logQ - logP;
            sumSq += (logQ - logP) * (logQ - logP);
        }
        double mean = sum / draws;
        double se = Math.sqrt((sumSq / draws - mean * mean) / draws);
        assertEquals(closed, mean, 4 * se, "Monte Carlo KL, 4 standard errors");
    }

    @Test
    void hierarchicalPriorRegularisationIsSampledAndMatchesTheModelAtZero() {
        VaeSettings s = TinyVae.settings(PriorKind.HIERARCHICAL);
        TrainedModel hp = LossLandscape.initialisation(s, 9);
        ProbeSettings one = new ProbeSettings(1, 13L, 1.0);
        List<ProbeLosses> l = LossLandscape.rotate(hp, FIELDS, new double[] {0, 1.0}, one, Progress.NONE);
        assertEquals(l.get(0).rec(), l.get(1).rec(), 1e-6 * Math.abs(l.get(0).rec()));
        assertNotEquals(l.get(0).reg(), l.get(1).reg(), "the prior networks are not rotation invariant");

        // the model's own L_REG with the same noise (one chunk, one draw: eps then eps2)
        Encoding e = hp.encode(FIELDS);
        SplittableRandom random = new SplittableRandom(13L);
        double[][] eps = gaussians(random, SAMPLES);
        double[][] eps2 = gaussians(random, SAMPLES);
        double[][] mu = e.mean();
        double[][] lv = e.logVariance();
        double[][] z = new double[SAMPLES][2];
        for (int i = 0; i < SAMPLES; i++) {
            for (int j = 0; j < 2; j++) {
                z[i][j] = mu[i][j] + Math.exp(lv[i][j] / 2) * eps[i][j];
            }
        }
        double own = hp.vae.regulariser.evaluate(mu, lv, z, eps, eps2, 1.0, 1.0, false).loss();
        assertEquals(own, l.get(0).reg(), 1e-9 * Math.abs(own));
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new ProbeSettings(0, 1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new ProbeSettings(1, 1, -1.0));
        assertThrows(IllegalArgumentException.class, () -> LossLandscape.interpolate(trained, trained, Double.NaN));
        assertEquals(trained.history().epochs().get(3).beta(), ProbeSettings.defaults(trained).beta());
        TrainedModel oneLatent = LossLandscape.initialisation(trained.settings().withLatent(1), 1);
        assertThrows(IllegalArgumentException.class,
                () -> LossLandscape.rotate(oneLatent, FIELDS, new double[] {0.5}, probe(), Progress.NONE));
    }

    /** The model's L_REG: the regulariser of training on the inference-mode encodings. */
    private static double ownRegularisation(TrainedModel m) {
        Encoding e = m.encode(FIELDS);
        double[][] zeros = new double[SAMPLES][m.settings().architecture().latent()];
        return m.vae.regulariser.evaluate(e.mean(), e.logVariance(), e.mean(), zeros, zeros, 1.0, 1.0, false).loss();
    }

    private static double[][] gaussians(SplittableRandom random, int rows) {
        double[][] g = new double[rows][2];
        for (double[] row : g) {
            for (int j = 0; j < 2; j++) {
                row[j] = VaeTrainer.gaussian(random);
            }
        }
        return g;
    }
}
