package org.fieldvae.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The beta and learning-rate schedules against their defining formulas (REFERENCE.md, "Training schedule"). */
class ScheduleTest {

    @Test
    void klushynUpdateFollowsItsFormulaAndIsCappedAtOne() {
        double nu = 0.005;
        // d > 0: f = -1, beta <- beta exp(-nu d)
        assertEquals(0.3 * Math.exp(-nu * 2.0), BetaSchedule.klushyn(0.3, 2.0, nu, 1.0), 1e-15);
        // d < 0: f = tanh(tau (beta - 1)) < 0 for beta < 1, so beta grows
        double expected = 0.3 * Math.exp(nu * Math.tanh(0.7 * (0.3 - 1)) * -4.0);
        assertEquals(expected, BetaSchedule.klushyn(0.3, -4.0, nu, 0.7), 1e-15);
        assertTrue(expected > 0.3);
        // d = 0: H(0) = 0 and the exponent is 0
        assertEquals(0.3, BetaSchedule.klushyn(0.3, 0.0, nu, 1.0));
        // the training loop caps beta at 1
        assertEquals(1.0, BetaSchedule.klushyn(0.999999, -1e6, 1.0, 1e-3));
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
        assertEquals(5e-4, BetaSchedule.learningRate(0, plain.lrBoundaries(), plain.lrValues()));
        assertEquals(5e-4, BetaSchedule.learningRate(5899, plain.lrBoundaries(), plain.lrValues()));
        assertEquals(1e-4, BetaSchedule.learningRate(5900, plain.lrBoundaries(), plain.lrValues()));
        VaeSettings hp = VaeSettings.defaults(true);
        assertEquals(3e-4, BetaSchedule.learningRate(6498, hp.lrBoundaries(), hp.lrValues()));
        assertEquals(5e-5, BetaSchedule.learningRate(6499, hp.lrBoundaries(), hp.lrValues()));
        assertEquals(5e-5, BetaSchedule.learningRate(12499, hp.lrBoundaries(), hp.lrValues()));
        assertEquals(2.5e-5, BetaSchedule.learningRate(12500, hp.lrBoundaries(), hp.lrValues()));
        assertEquals(14000, hp.epochs());
        assertEquals(6500, hp.recEpochs());
        assertEquals(6500, plain.epochs());
        assertEquals(4000, plain.recEpochs());
    }
}
