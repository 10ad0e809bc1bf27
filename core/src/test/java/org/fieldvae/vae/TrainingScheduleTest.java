package org.fieldvae.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The named schedules: the paper's exactly at its epochs (docs/paper-facts.md), the fast one's phases. */
class TrainingScheduleTest {

    @Test
    void paperScheduleAtThePapersEpochsIsTheAuthors() {
        VaeSettings plain = TrainingSchedule.PAPER.apply(VaeSettings.defaults(false), 6500);
        assertEquals(4000, plain.recEpochs());
        assertArrayEquals(new int[] {5900}, plain.lrBoundaries());
        assertArrayEquals(new double[] {5e-4, 1e-4}, plain.lrValues());
        assertEquals(BetaScheduleKind.KLUSHYN, plain.betaSchedule());
        assertEquals(0.005, plain.nu());
        assertEquals(1e-9, plain.beta0());
        VaeSettings hp = TrainingSchedule.PAPER.apply(VaeSettings.defaults(true), 14000);
        assertEquals(6500, hp.recEpochs());
        assertArrayEquals(new int[] {6499, 12500}, hp.lrBoundaries());
        assertArrayEquals(new double[] {3e-4, 5e-5, 2.5e-5}, hp.lrValues());
    }

    @Test
    void paperScheduleKeepsItsFractionsInAShortRun() {
        VaeSettings hp = TrainingSchedule.PAPER.apply(VaeSettings.defaults(true), 1400);
        assertEquals(650, hp.recEpochs());
        assertArrayEquals(new int[] {650, 1250}, hp.lrBoundaries());
        // in 3 epochs the first drop rounds onto epoch 1, the second onto the end: one drop, at epoch 1
        VaeSettings tiny = TrainingSchedule.PAPER.apply(VaeSettings.defaults(true), 3);
        assertArrayEquals(new int[] {1}, tiny.lrBoundaries());
        assertArrayEquals(new double[] {3e-4, 5e-5}, tiny.lrValues());
    }

    /** Fast: beta at 1 for the last 48% of the epochs, the learning rate a tenth for the last 15%. */
    @Test
    void fastScheduleReachesItsCapAndSettles() {
        VaeSettings s = TrainingSchedule.FAST.apply(VaeSettings.defaults(false), 300);
        assertEquals(60, s.recEpochs());
        assertEquals(BetaScheduleKind.CYCLICAL, s.betaSchedule());
        assertEquals(1.0, s.fixedBeta());
        assertEquals(1, s.cycles());
        int rampEnd = s.recEpochs() + (int) Math.round(s.cycleRatio() * (s.epochs() - s.recEpochs()));
        assertTrue(s.epochs() - rampEnd >= 0.48 * s.epochs(), "beta at its cap from epoch " + rampEnd);
        assertArrayEquals(new int[] {255}, s.lrBoundaries());
        assertEquals(s.lrValues()[0] / 10, s.lrValues()[1], 1e-18);
    }

    @Test
    void learningRateScalesAsAWhole() {
        VaeSettings s = TrainingSchedule.PAPER.apply(VaeSettings.defaults(false), 6500).withLearningRateScaledTo(1e-3);
        assertArrayEquals(new double[] {1e-3, 2e-4}, s.lrValues(), 1e-18);
    }
}
