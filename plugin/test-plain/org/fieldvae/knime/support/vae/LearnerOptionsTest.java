package org.fieldvae.knime.support.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.fieldvae.nn.InitScheme;
import org.fieldvae.vae.BetaScheduleKind;
import org.fieldvae.vae.LossScale;
import org.fieldvae.vae.PriorKind;
import org.fieldvae.vae.VaeSettings;
import org.junit.jupiter.api.Test;

class LearnerOptionsTest {

    private static final LearnerOptions D = LearnerOptions.defaults();

    @Test
    void defaultsAreTheEnginesStandardPriorDefaults() {
        assertEquals(VaeSettings.defaults(false), D.toSettings(65, 3));
        assertEquals("4, 6, 4", D.blocks());
        assertEquals(List.of(new RateStep(0, 5e-4), new RateStep(5900, 1e-4)), D.learningRate());
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
        assertEquals(odd, LearnerOptions.of(odd).toSettings(33, 1 + odd.channels() - 1));
        final VaeSettings klushyn = VaeSettings.defaults(true).withKlushynBeta(1e-7, 0.01, 2)
            .withSubLatentSchedule(true, 1e-6);
        assertEquals(klushyn, LearnerOptions.of(klushyn).toSettings(65, 3));
    }

    @Test
    void gridAndChannelsComeFromTheFields() {
        final VaeSettings s = D.toSettings(17, 1);
        assertEquals(17, s.grid());
        assertEquals(1, s.channels());
    }

    @Test
    void invalidValuesNameTheDialogOption() {
        assertTitle(LearnerOptions.FIELDS, () -> D.toSettings(20, 3));
        assertTitle(LearnerOptions.BLOCKS, () -> with(D, "4, 6", D.latent(), D.epochs(), D.recEpochs(),
            D.learningRate(), D.prior(), D.priorVariances(), D.beta0(), D.betaP0()).toSettings(65, 3));
        assertTitle(LearnerOptions.BLOCKS, () -> with(D, "4, x, 4", D.latent(), D.epochs(), D.recEpochs(),
            D.learningRate(), D.prior(), D.priorVariances(), D.beta0(), D.betaP0()).toSettings(65, 3));
        assertTitle(LearnerOptions.LATENT, () -> with(D, D.blocks(), 0, D.epochs(), D.recEpochs(), D.learningRate(),
            D.prior(), D.priorVariances(), D.beta0(), D.betaP0()).toSettings(65, 3));
        assertTitle(LearnerOptions.REC_EPOCHS, () -> with(D, D.blocks(), 2, 100, 200, D.learningRate(), D.prior(),
            D.priorVariances(), D.beta0(), D.betaP0()).toSettings(65, 3));
        assertTitle(LearnerOptions.LEARNING_RATE, () -> with(D, D.blocks(), 2, D.epochs(), D.recEpochs(),
            List.of(new RateStep(3, 1e-3)), D.prior(), D.priorVariances(), D.beta0(), D.betaP0()).toSettings(65, 3));
        assertTitle(LearnerOptions.LEARNING_RATE, () -> with(D, D.blocks(), 2, D.epochs(), D.recEpochs(),
            List.of(new RateStep(0, 1e-3), new RateStep(0, 1e-4)), D.prior(), D.priorVariances(), D.beta0(),
            D.betaP0()).toSettings(65, 3));
        assertTitle(LearnerOptions.LEARNING_RATE, () -> with(D, D.blocks(), 2, D.epochs(), D.recEpochs(),
            List.of(new RateStep(0, -1e-3)), D.prior(), D.priorVariances(), D.beta0(), D.betaP0()).toSettings(65, 3));
        assertTitle(LearnerOptions.LEARNING_RATE, () -> with(D, D.blocks(), 2, D.epochs(), D.recEpochs(), List.of(),
            D.prior(), D.priorVariances(), D.beta0(), D.betaP0()).toSettings(65, 3));
        assertTitle(LearnerOptions.PRIOR_VARIANCES, () -> with(D, D.blocks(), 2, D.epochs(), D.recEpochs(),
            D.learningRate(), PriorKind.SCALED, "1", D.beta0(), D.betaP0()).toSettings(65, 3));
        assertTitle(LearnerOptions.PRIOR_VARIANCES, () -> with(D, D.blocks(), 2, D.epochs(), D.recEpochs(),
            D.learningRate(), PriorKind.SCALED, "", D.beta0(), D.betaP0()).toSettings(65, 3));
        assertTitle(LearnerOptions.BETA0, () -> with(D, D.blocks(), 2, D.epochs(), D.recEpochs(), D.learningRate(),
            D.prior(), D.priorVariances(), 0, D.betaP0()).toSettings(65, 3));
        assertTitle(LearnerOptions.BETA_P0, () -> with(D, D.blocks(), 2, D.epochs(), D.recEpochs(), D.learningRate(),
            D.prior(), D.priorVariances(), D.beta0(), 0).toSettings(65, 3));
        assertTitle(LearnerOptions.INIT, () -> new LearnerOptions(D.blocks(), D.growth(), D.initialFeatures(),
            D.latent(), null, D.prior(), "", D.lossScale(), D.logVarianceBound(), D.epochs(), D.recEpochs(),
            D.batch(), D.learningRate(), D.betaSchedule(), D.beta0(), D.nu(), D.tau(), D.fixedBeta(), D.cycles(),
            D.cycleRatio(), D.subLatentSchedule(), D.betaP0(), D.seed(), D.checkpointEvery(), D.semiSupervised(),
            D.outputVarianceStart(), D.outputVarianceRate())
                .toSettings(65, 3));
        assertTitle(LearnerOptions.SUB_LATENT_SCHEDULE, () -> new LearnerOptions(D.blocks(), D.growth(),
            D.initialFeatures(), D.latent(), D.init(), PriorKind.STANDARD, "", D.lossScale(), D.logVarianceBound(),
            D.epochs(), D.recEpochs(), D.batch(), D.learningRate(), BetaScheduleKind.KLUSHYN, D.beta0(), D.nu(),
            D.tau(), D.fixedBeta(), D.cycles(), D.cycleRatio(), true, D.betaP0(), D.seed(), D.checkpointEvery(),
            D.semiSupervised(), D.outputVarianceStart(), D.outputVarianceRate()).toSettings(65, 3));
    }

    @Test
    void variancesAreReadOnlyForTheScaledPrior() {
        final LearnerOptions standard = with(D, D.blocks(), 2, D.epochs(), D.recEpochs(), D.learningRate(),
            PriorKind.STANDARD, "not numbers", D.beta0(), D.betaP0());
        assertEquals(null, standard.toSettings(65, 3).priorVariances());
        final LearnerOptions scaled = with(D, D.blocks(), 2, D.epochs(), D.recEpochs(), D.learningRate(),
            PriorKind.SCALED, " 1.5 ,2", D.beta0(), D.betaP0());
        assertEquals(List.of(1.5, 2.0), List.of(scaled.toSettings(65, 3).priorVariances()[0],
            scaled.toSettings(65, 3).priorVariances()[1]));
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

    private static LearnerOptions with(final LearnerOptions o, final String blocks, final int latent,
        final int epochs, final int recEpochs, final List<RateStep> lr, final PriorKind prior, final String variances,
        final double beta0, final double betaP0) {
        return new LearnerOptions(blocks, o.growth(), o.initialFeatures(), latent, o.init(), prior, variances,
            o.lossScale(), o.logVarianceBound(), epochs, recEpochs, o.batch(), lr, o.betaSchedule(), beta0, o.nu(),
            o.tau(), o.fixedBeta(), o.cycles(), o.cycleRatio(), o.subLatentSchedule(), betaP0, o.seed(),
            o.checkpointEvery(), o.semiSupervised(), o.outputVarianceStart(), o.outputVarianceRate());
    }

    private static void assertTitle(final String title, final Runnable build) {
        final String message = assertThrows(IllegalArgumentException.class, build::run).getMessage();
        assertTrue(message.startsWith(title + ": "), message);
    }
}
