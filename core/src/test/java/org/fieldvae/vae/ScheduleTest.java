package org.fieldvae.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The beta and learning-rate schedules (docs/paper-facts.md, "Training schedule"): Klushyn's beta update
 * of Sec. 4 against properties of its definition (factor exp(-nu d) for d > 0, fixed point 1 for d < 0,
 * known values), not a copy of its formula; see docs/equations.md.
 */
class ScheduleTest {

    /**
     * d > 0 (reconstruction above target): beta shrinks by a factor that does not depend on beta or tau,
     * is exponential in nu d (halving at nu d = ln 2, its square at twice d) and compounds over steps.
     */
    @Test
    void klushynUpdateShrinksBetaByAFactorExponentialInNuDWhenDIsPositive() {
        double nu = 0.005;
        double ln2 = Math.log(2);
        assertEquals(0.25, BetaSchedule.klushyn(0.5, ln2 / nu, nu, 1.0), 1e-14, "nu d = ln 2 halves beta");
        double factor = BetaSchedule.klushyn(0.3, 2.0, nu, 1.0) / 0.3;
        assertTrue(factor < 1, "beta decreases: " + factor);
        for (double beta : new double[] {1e-9, 0.01, 0.8, 1.0}) {
            for (double tau : new double[] {0.1, 1.0, 7.0}) {
                assertEquals(factor, BetaSchedule.klushyn(beta, 2.0, nu, tau) / beta, 1e-14, "beta " + beta + ", tau " + tau);
            }
        }
        assertEquals(factor * factor, BetaSchedule.klushyn(0.3, 4.0, nu, 1.0) / 0.3, 1e-14, "exponential in d");
        assertEquals(factor, BetaSchedule.klushyn(0.3, 1.0, 2 * nu, 1.0) / 0.3, 1e-14, "a function of nu d alone");
        double beta = 0.7;
        for (int k = 0; k < 500; k++) {
            beta = BetaSchedule.klushyn(beta, 2.0, nu, 1.0);
        }
        assertEquals(0.7 * Math.pow(factor, 500), beta, 1e-12, "500 steps of constant d compound the factor");
    }

    /**
     * d < 0 (reconstruction below target): beta grows towards the fixed point 1 at a rate set by tanh(tau (beta - 1)):
     * with tanh = -1/2 (tau (1 - beta) = artanh(1/2) = ln(3) / 2) and nu d = -2 ln 2 beta doubles; beta = 1 and
     * d = 0 are fixed points; the sequence rises monotonically and never passes 1.
     */
    @Test
    void klushynUpdateRaisesBetaTowardsOneWhenDIsNegative() {
        double nu = 0.005;
        double tau = 0.5 * Math.log(3) / 0.75;
        assertEquals(0.5, BetaSchedule.klushyn(0.25, -2 * Math.log(2) / nu, nu, tau), 1e-14, "beta doubles");
        assertEquals(1.0, BetaSchedule.klushyn(1.0, -3.0, nu, 1.0), "beta = 1 is a fixed point");
        assertEquals(0.3, BetaSchedule.klushyn(0.3, 0.0, nu, 1.0), "d = 0 leaves beta");
        assertEquals(1.0, BetaSchedule.klushyn(0.999999, -1e6, 1.0, 1e-3), "capped at 1");
        double beta = 1e-3;
        double step = Double.POSITIVE_INFINITY;
        for (int k = 0; k < 60; k++) {
            double next = BetaSchedule.klushyn(beta, -50.0, nu, 1.0);
            assertTrue(next > beta && next <= 1.0, "step " + k + ": " + beta + " -> " + next);
            beta = next;
        }
        assertTrue(beta > 0.9, "approaches 1: " + beta);
        // closer to 1 the relative growth slows, as tanh(tau (beta - 1)) -> 0
        double far = BetaSchedule.klushyn(0.1, -50.0, nu, 1.0) / 0.1;
        double near = BetaSchedule.klushyn(0.9, -50.0, nu, 1.0) / 0.9;
        assertTrue(far > near && near > 1, far + " > " + near + " > 1");
        double fast = BetaSchedule.klushyn(0.1, -50.0, nu, 3.0) / 0.1;
        assertTrue(fast > far, "a larger tau grows beta faster far from 1");
    }

    @Test
    void cyclicalAnnealingRisesLinearlyThenHoldsInEachCycle() {
        long total = 400;
        int cycles = 4;
        assertEquals(0.0, BetaSchedule.cyclical(0, total, cycles, 0.5, 2.0));
        assertEquals(1.0, BetaSchedule.cyclical(25, total, cycles, 0.5, 2.0), 1e-12);
        assertEquals(2.0, BetaSchedule.cyclical(50, total, cycles, 0.5, 2.0), 1e-12);
        assertEquals(2.0, BetaSchedule.cyclical(99, total, cycles, 0.5, 2.0), 1e-12);
        assertEquals(0.0, BetaSchedule.cyclical(100, total, cycles, 0.5, 2.0));
        assertEquals(1.0, BetaSchedule.cyclical(325, total, cycles, 0.5, 2.0), 1e-12);
    }

    @Test
    void learningRateIsPiecewiseConstantWithTheReferenceDefaults() {
        VaeSettings plain = VaeSettings.defaults(false);
        assertEquals(5e-4, BetaSchedule.learningRate(0, plain.schedule().lrBoundaries(), plain.schedule().lrValues()));
        assertEquals(5e-4, BetaSchedule.learningRate(5899, plain.schedule().lrBoundaries(), plain.schedule().lrValues()));
        assertEquals(1e-4, BetaSchedule.learningRate(5900, plain.schedule().lrBoundaries(), plain.schedule().lrValues()));
        VaeSettings hp = VaeSettings.defaults(true);
        assertEquals(3e-4, BetaSchedule.learningRate(6498, hp.schedule().lrBoundaries(), hp.schedule().lrValues()));
        assertEquals(5e-5, BetaSchedule.learningRate(6499, hp.schedule().lrBoundaries(), hp.schedule().lrValues()));
        assertEquals(5e-5, BetaSchedule.learningRate(12499, hp.schedule().lrBoundaries(), hp.schedule().lrValues()));
        assertEquals(2.5e-5, BetaSchedule.learningRate(12500, hp.schedule().lrBoundaries(), hp.schedule().lrValues()));
        assertEquals(14000, hp.schedule().epochs());
        assertEquals(6500, hp.schedule().recEpochs());
        assertEquals(6500, plain.schedule().epochs());
        assertEquals(4000, plain.schedule().recEpochs());
    }
}
