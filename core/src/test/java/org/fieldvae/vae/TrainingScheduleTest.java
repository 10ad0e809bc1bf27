package org.fieldvae.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The named schedules: the paper's exactly at its epochs (docs/paper-facts.md), the fast one's phases. */
class TrainingScheduleTest {

    @Test
    void paperScheduleAtThePapersEpochsIsTheAuthors() {
        VaeSettings plain = TrainingSchedule.PAPER.apply(VaeSettings.defaults(false), 6500);
        assertEquals(4000, plain.schedule().recEpochs());
        assertArrayEquals(new int[] {5900}, plain.schedule().lrBoundaries());
        assertArrayEquals(new double[] {5e-4, 1e-4}, plain.schedule().lrValues());
        assertEquals(BetaScheduleKind.KLUSHYN, plain.beta().betaSchedule());
        assertEquals(0.005, plain.beta().nu());
        assertEquals(1e-9, plain.beta().beta0());
        VaeSettings hp = TrainingSchedule.PAPER.apply(VaeSettings.defaults(true), 14000);
        assertEquals(6500, hp.schedule().recEpochs());
        assertArrayEquals(new int[] {6499, 12500}, hp.schedule().lrBoundaries());
        assertArrayEquals(new double[] {3e-4, 5e-5, 2.5e-5}, hp.schedule().lrValues());
    }

    @Test
    void paperScheduleKeepsItsFractionsInAShortRun() {
        VaeSettings hp = TrainingSchedule.PAPER.apply(VaeSettings.defaults(true), 1400);
        assertEquals(650, hp.schedule().recEpochs());
        assertArrayEquals(new int[] {650, 1250}, hp.schedule().lrBoundaries());
        // in 3 epochs the first drop rounds onto epoch 1, the second onto the end: one drop, at epoch 1
        VaeSettings tiny = TrainingSchedule.PAPER.apply(VaeSettings.defaults(true), 3);
        assertArrayEquals(new int[] {1}, tiny.schedule().lrBoundaries());
        assertArrayEquals(new double[] {3e-4, 5e-5}, tiny.schedule().lrValues());
    }

    /** Fast: beta at 1 for the last 48% of the epochs, the learning rate a tenth for the last 15%. */
    @Test
    void fastScheduleReachesItsCapAndSettles() {
        VaeSettings s = TrainingSchedule.FAST.apply(VaeSettings.defaults(false), 300);
        assertEquals(60, s.schedule().recEpochs());
        assertEquals(BetaScheduleKind.CYCLICAL, s.beta().betaSchedule());
        assertEquals(1.0, s.beta().fixedBeta());
        assertEquals(1, s.beta().cycles());
        int rampEnd = s.schedule().recEpochs() + (int) Math.round(s.beta().cycleRatio() * (s.schedule().epochs() - s.schedule().recEpochs()));
        assertTrue(s.schedule().epochs() - rampEnd >= 0.48 * s.schedule().epochs(), "beta at its cap from epoch " + rampEnd);
        assertArrayEquals(new int[] {255}, s.schedule().lrBoundaries());
        assertEquals(s.schedule().lrValues()[0] / 10, s.schedule().lrValues()[1], 1e-18);
    }

    /** A short run gets smaller minibatches, so that it still takes FAST_MIN_STEPS Adam steps. */
    @Test
    void fastBatchKeepsAShortRunAboveItsStepCount() {
        assertEquals(64, TrainingSchedule.fastBatch(256, 300)); // 4 steps an epoch, 1200 steps
        assertEquals(16, TrainingSchedule.fastBatch(256, 80)); // 32: 640 steps; 16: 1280
        assertEquals(32, TrainingSchedule.fastBatch(250, 125)); // 8 minibatches (the last one partial): 1000 steps
        assertEquals(8, TrainingSchedule.fastBatch(20, 3)); // none reaches it: the smallest
    }

    /** Klushyn: the paper's beta scheduler, one learning rate for the whole run, 100 of 800 epochs on L_REC. */
    @Test
    void klushynScheduleKeepsOneRateAndThePapersBeta() {
        VaeSettings s = TrainingSchedule.KLUSHYN.apply(VaeSettings.defaults(true), 800);
        assertEquals(100, s.schedule().recEpochs());
        assertEquals(0, s.schedule().lrBoundaries().length);
        assertArrayEquals(new double[] {1e-3}, s.schedule().lrValues());
        assertEquals(BetaScheduleKind.KLUSHYN, s.beta().betaSchedule());
        assertEquals(1e-9, s.beta().beta0());
        assertEquals(10, s.schedule().outputVarianceRate());
        assertEquals(TrainingSchedule.KLUSHYN, TrainingSchedule.of("Klushyn"));
    }

    @Test
    void anUnknownNameListsTheSchedules() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingSchedule.of("slow"));
        assertEquals("schedule = slow: must be paper, fast or klushyn", e.getMessage());
    }

    @Test
    void learningRateScalesAsAWhole() {
        VaeSettings s = TrainingSchedule.PAPER.apply(VaeSettings.defaults(false), 6500).withLearningRateScaledTo(1e-3);
        assertArrayEquals(new double[] {1e-3, 2e-4}, s.schedule().lrValues(), 1e-18);
    }
}
