package org.fieldvae.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fieldvae.nn.InitScheme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Settings validation names the setting; defaults follow docs/paper-facts.md; JSON round-trips. */
class VaeSettingsTest {
    private final VaeSettings base = VaeSettings.defaults(false);

    @Test
    void invalidSettingsNameTheSetting() {
        assertNames("epochs", () -> base.withEpochs(-1, 0));
        assertNames("latent", () -> base.withLatent(0));
        assertNames("grid", () -> base.withArchitecture(64, new int[] {4, 6, 4}, 4, 2, 2));
        assertNames("grid", () -> base.withArchitecture(9, new int[] {4, 6, 4}, 4, 2, 2));
        assertNames("grid", () -> base.withArchitecture(17, new int[] {1, 1, 1, 1, 1, 1, 1}, 4, 2, 2));
        assertNames("blocks", () -> base.withArchitecture(65, new int[] {4, 6}, 4, 2, 2));
        assertNames("recEpochs", () -> base.withEpochs(10, 11));
        assertNames("batch", () -> base.withBatch(1));
        assertNames("priorVariances", () -> base.withPrior(PriorKind.SCALED, null));
        assertNames("priorVariances", () -> base.withPrior(PriorKind.SCALED, new double[] {1, -2}));
        assertNames("lrValues", () -> base.withLearningRate(new int[] {10}, new double[] {1e-3}));
        assertNames("subLatentSchedule", () -> base.withSubLatentSchedule(true, 1e-8));
    }

    private static void assertNames(String setting, Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().startsWith(setting), x.getMessage());
    }

    @Test
    void defaultsAreThePapersNet() {
        VaeSettings hp = VaeSettings.defaults(true);
        assertEquals(65, hp.grid());
        assertEquals(PriorKind.HIERARCHICAL, hp.prior());
        assertEquals(InitScheme.XAVIER_UNIFORM, hp.init());
        assertEquals(LossScale.PER_PIXEL, hp.lossScale());
        assertEquals(64, hp.batch());
        assertEquals(1e-9, hp.beta0());
        assertEquals(0.005, hp.nu());
    }

    @Test
    void settingsSurviveJson() throws Exception {
        VaeSettings s = base.withPrior(PriorKind.SCALED, new double[] {1, 2}).withCyclicalBeta(2, 3, 0.4).withSeed(9);
        VaeSettings back = ModelArchive.JSON.readValue(ModelArchive.json(s), VaeSettings.class);
        assertEquals(s, back);
        assertEquals(2.0, back.priorVariances()[1]);
    }
}
