package org.fieldvae.vae;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What counts as diverged: a non-finite or exploded loss, a non-finite weight or statistic. */
class DivergenceGuardTest {

    private static DenseVae.Losses losses(double total) {
        return new DenseVae.Losses(total, total, total, 0, 0, 0);
    }

    @Test
    void finiteLossesPassAndNonFiniteOrExplodedOnesStop() {
        assertDoesNotThrow(() -> DivergenceGuard.checkLoss(0, 1e-3, losses(-1e6)));
        assertDoesNotThrow(() -> DivergenceGuard.checkLoss(0, 1e-3, losses(DivergenceGuard.EXPLODED_LOSS)));
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -2 * DivergenceGuard.EXPLODED_LOSS}) {
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> DivergenceGuard.checkLoss(4, 0.5, losses(bad)));
            assertEquals(5, e.epoch(), "1-based epoch");
            assertEquals(0.5, e.learningRate());
            assertTrue(e.getMessage().contains("loss"), e.getMessage());
        }
    }

    @Test
    void nonFiniteWeightsAreCountedAndStop() {
        float[] weights = {1, Float.NaN, 2, Float.NEGATIVE_INFINITY};
        assertEquals(2, DivergenceGuard.nonFinite(weights));
        assertDoesNotThrow(() -> DivergenceGuard.checkWeights(0, 1, new float[] {1, 2}, new float[] {3}));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> DivergenceGuard.checkWeights(0, 1, weights, new float[] {Float.NaN}));
        assertTrue(e.getMessage().contains("2 of 4 weights") && e.getMessage().contains("1 of 1"), e.getMessage());
    }
}
