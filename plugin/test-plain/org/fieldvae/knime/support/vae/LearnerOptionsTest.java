package org.fieldvae.knime.support.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.fieldvae.nn.InitScheme;
import org.fieldvae.vae.HpDecoder;
import org.fieldvae.vae.LossScale;
import org.fieldvae.vae.PriorKind;
import org.fieldvae.vae.VaeSettings;
import org.junit.jupiter.api.Test;

class LearnerOptionsTest {

    private static final LearnerOptions D = LearnerOptions.defaults();

    @Test
    void defaultsAreTheEnginesStandardPriorDefaults() {
        assertEquals(VaeSettings.defaults(false), D.toSettings(65, 3));
        assertEquals("4, 6, 4", D.architecture().blocks());
        assertEquals(List.of(new RateStep(0, 5e-4), new RateStep(5900, 1e-4)), D.schedule().learningRate());
    }

    @Test
    void everySettingSurvivesTheRoundTrip() {
        final VaeSettings hp = VaeSettings.defaults(true);
        assertEquals(hp, LearnerOptions.of(hp).toSettings(65, 3));
        final VaeSettings odd = VaeSettings.defaults(false).withArchitecture(33, new int[]{3, 5, 7, 5, 3}, 3, 5, 4)
            .withInit(InitScheme.PYTORCH_DEFAULT).withPrior(PriorKind.SCALED, new double[]{0.5, 1, 2, 0.125})
            .withLossScale(LossScale.ELBO).withLogVarianceBound(12.5).withTraining(300, 100, 16)
            .withLearningRate(new int[]{120, 250}, new double[]{1e-3, 3e-4, 1e-5}).withCyclicalBeta(2.5, 3, 0.25)
            .withSeed(-7).withCheckpointEvery(17).withSemiSupervised(true);
        assertEquals(odd, LearnerOptions.of(odd).toSettings(33, odd.architecture().channels()));
        final VaeSettings klushyn = VaeSettings.defaults(true).withKlushynBeta(1e-7, 0.01, 2)
            .withSubLatentSchedule(true, 1e-6);
        assertEquals(klushyn, LearnerOptions.of(klushyn).toSettings(65, 3));
    }

    @Test
    void gridAndChannelsComeFromTheFields() {
        final VaeSettings s = D.toSettings(17, 1);
        assertEquals(17, s.architecture().grid());
        assertEquals(1, s.architecture().channels());
    }

    /** Issue #16: the learner chooses the hierarchical prior's decoder, as {@code train --hp-decoder} does. */
    @Test
    void theHierarchicalPriorsDecoderIsAnOption() {
        assertEquals(HpDecoder.AS_CODED, D.prior().hpDecoder());
        final LearnerOptions intended = D.with(D.prior().withPrior(PriorKind.HIERARCHICAL, "")
            .withHpDecoder(HpDecoder.INTENDED));
        assertEquals(HpDecoder.INTENDED, intended.toSettings(65, 3).priorAndLoss().hpDecoder());
        assertEquals(intended, LearnerOptions.of(intended.toSettings(65, 3)));
    }

    @Test
    void invalidValuesNameTheDialogOption() {
        assertTitle(LearnerOptions.FIELDS, () -> D.toSettings(20, 3));
        assertTitle(LearnerOptions.BLOCKS, () -> D.with(D.architecture().withBlocks("4, 6")).toSettings(65, 3));
        assertTitle(LearnerOptions.BLOCKS, () -> D.with(D.architecture().withBlocks("4, x, 4")).toSettings(65, 3));
        assertTitle(LearnerOptions.LATENT, () -> D.with(D.architecture().withLatent(0)).toSettings(65, 3));
        assertTitle(LearnerOptions.REC_EPOCHS, () -> D.with(D.schedule().withEpochs(100, 200)).toSettings(65, 3));
        assertTitle(LearnerOptions.LEARNING_RATE, () -> withSteps(List.of(new RateStep(3, 1e-3))));
        assertTitle(LearnerOptions.LEARNING_RATE,
            () -> withSteps(List.of(new RateStep(0, 1e-3), new RateStep(0, 1e-4))));
        assertTitle(LearnerOptions.LEARNING_RATE, () -> withSteps(List.of(new RateStep(0, -1e-3))));
        assertTitle(LearnerOptions.LEARNING_RATE, () -> withSteps(List.of()));
        assertTitle(LearnerOptions.PRIOR_VARIANCES,
            () -> D.with(D.prior().withPrior(PriorKind.SCALED, "1")).toSettings(65, 3));
        assertTitle(LearnerOptions.PRIOR_VARIANCES,
            () -> D.with(D.prior().withPrior(PriorKind.SCALED, "")).toSettings(65, 3));
        assertTitle(LearnerOptions.BETA0, () -> LearnerOptions.titled(() -> D.beta().withKlushyn(0, 0.005, 1)));
        assertTitle(LearnerOptions.BETA_P0,
            () -> D.with(D.prior().withSubLatentSchedule(false, 0)).toSettings(65, 3));
        assertTitle(LearnerOptions.INIT, () -> D.with(D.architecture().withInit(null)).toSettings(65, 3));
        assertTitle(LearnerOptions.SUB_LATENT_SCHEDULE,
            () -> D.with(D.prior().withSubLatentSchedule(true, 1e-8)).toSettings(65, 3));
        assertTitle(LearnerOptions.CHECKPOINT_EVERY, () -> LearnerOptions.titled(() -> D.run().withCheckpointEvery(0)));
    }

    private static VaeSettings withSteps(final List<RateStep> steps) {
        return D.with(D.schedule().withLearningRate(steps)).toSettings(65, 3);
    }

    @Test
    void variancesAreReadOnlyForTheScaledPrior() {
        final LearnerOptions standard = D.with(D.prior().withPrior(PriorKind.STANDARD, "not numbers"));
        assertEquals(null, standard.toSettings(65, 3).priorAndLoss().priorVariances());
        final LearnerOptions scaled = D.with(D.prior().withPrior(PriorKind.SCALED, " 1.5 ,2"));
        final double[] variances = scaled.toSettings(65, 3).priorAndLoss().priorVariances();
        assertEquals(List.of(1.5, 2.0), List.of(variances[0], variances[1]));
    }

    @Test
    void titleTakesTheLongestComponentName() {
        assertEquals(LearnerOptions.BETA0, LearnerOptions.title("beta0 = 0.0: must be positive"));
        assertEquals(LearnerOptions.BETA_P0, LearnerOptions.title("betaP0 = 0.0: must be positive"));
        assertEquals(LearnerOptions.PRIOR_VARIANCES, LearnerOptions.title("priorVariances: must give one"));
        assertEquals(LearnerOptions.PRIOR, LearnerOptions.title("prior"));
        assertEquals(LearnerOptions.EPOCHS, LearnerOptions.title("epochs = -1: must be at least 0"));
        assertEquals("Settings", LearnerOptions.title(null));
    }

    private static void assertTitle(final String title, final Runnable build) {
        final String message = assertThrows(IllegalArgumentException.class, build::run).getMessage();
        assertTrue(message.startsWith(title + ": "), message);
    }
}
