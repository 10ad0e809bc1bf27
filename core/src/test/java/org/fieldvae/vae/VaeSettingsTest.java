package org.fieldvae.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.fieldvae.nn.InitScheme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Settings validation names the setting; defaults follow docs/paper-facts.md; JSON round-trips in the grouped
 * form, and the flat form of models saved before the groups (docs/design.md, "Settings") still loads.
 */
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
        assertEquals(65, hp.architecture().grid());
        assertEquals(PriorKind.HIERARCHICAL, hp.priorAndLoss().prior());
        assertEquals(InitScheme.XAVIER_UNIFORM, hp.architecture().init());
        assertEquals(LossScale.PER_PIXEL, hp.priorAndLoss().lossScale());
        assertEquals(64, hp.schedule().batch());
        assertEquals(1e-9, hp.beta().beta0());
        assertEquals(0.005, hp.beta().nu());
    }

    @Test
    void settingsSurviveJson() throws Exception {
        VaeSettings s = base.withPrior(PriorKind.SCALED, new double[] {1, 2}).withCyclicalBeta(2, 3, 0.4).withSeed(9);
        VaeSettings back = ModelArchive.JSON.readValue(ModelArchive.json(s), VaeSettings.class);
        assertEquals(s, back);
        assertEquals(2.0, back.priorAndLoss().priorVariances()[1]);
    }

    @Test
    void settingsAreWrittenOneObjectPerGroup() throws Exception {
        JsonNode node = ModelArchive.JSON.readTree(ModelArchive.json(base.withSeed(9)));
        assertEquals(List.of("architecture", "priorAndLoss", "schedule", "beta", "run"), names(node));
        assertEquals(65, node.path("architecture").path("grid").asInt());
        assertEquals("KLUSHYN", node.path("beta").path("betaSchedule").asText());
        assertEquals(9, node.path("run").path("seed").asLong());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** flat-settings-v1.json was written by the code before the groups; its script sits beside it. */
    @Test
    void aFlatSettingsFileOfAnOlderModelLoadsEveryValue() throws Exception {
        VaeSettings s;
        try (InputStream in = VaeSettingsTest.class.getResourceAsStream("flat-settings-v1.json")) {
            s = ModelArchive.JSON.readValue(in, VaeSettings.class);
        }
        Architecture a = s.architecture();
        assertEquals(List.of(17, 3, 3, 5, 2), List.of(a.grid(), a.channels(), a.growth(), a.initialFeatures(), a.latent()));
        assertArrayEquals(new int[] {1, 2, 1}, a.blocks());
        assertEquals(InitScheme.PYTORCH_DEFAULT, a.init());
        PriorAndLoss p = s.priorAndLoss();
        assertEquals(PriorKind.HIERARCHICAL, p.prior());
        assertArrayEquals(new double[] {1.5, 2.5}, p.priorVariances());
        assertEquals(HpDecoder.AS_CODED, p.hpDecoder());
        assertEquals(LossScale.ELBO, p.lossScale());
        assertEquals(12.5, p.logVarianceBound());
        assertTrue(p.semiSupervised());
        assertTrue(p.subLatentSchedule());
        assertEquals(3e-8, p.betaP0());
        Schedule t = s.schedule();
        assertEquals(List.of(7, 3, 16), List.of(t.epochs(), t.recEpochs(), t.batch()));
        assertArrayEquals(new int[] {4, 6}, t.lrBoundaries());
        assertArrayEquals(new double[] {2e-3, 4e-4, 1e-4}, t.lrValues());
        assertEquals(OutputVarianceStart.DATA_VARIANCE, t.outputVarianceStart());
        assertEquals(7.0, t.outputVarianceRate());
        assertEquals(new BetaPlan(BetaScheduleKind.KLUSHYN, 2e-9, 0.007, 1.5, 0.75, 3, 0.25), s.beta());
        assertEquals(new RunOptions(42L, 2), s.run());
    }

    /** A flat file written before hpDecoder and the output-variance settings existed gets what such models ran. */
    @Test
    void settingsMissingFromOlderFlatFilesTakeWhatThoseModelsRan() throws Exception {
        ObjectNode flat = (ObjectNode) ModelArchive.JSON.readTree(
                VaeSettingsTest.class.getResourceAsStream("flat-settings-v1.json"));
        flat.remove(List.of("hpDecoder", "outputVarianceStart", "outputVarianceRate"));
        VaeSettings s = ModelArchive.JSON.treeToValue(flat, VaeSettings.class);
        assertEquals(HpDecoder.INTENDED, s.priorAndLoss().hpDecoder());
        assertEquals(OutputVarianceStart.ZERO, s.schedule().outputVarianceStart());
        assertEquals(1.0, s.schedule().outputVarianceRate());
    }

    @Test
    void anUnknownSettingIsRefused() throws Exception {
        ObjectNode flat = (ObjectNode) ModelArchive.JSON.readTree(ModelArchive.json(base));
        flat.put("learningRateWarmup", 3);
        Exception e = assertThrows(Exception.class, () -> ModelArchive.JSON.treeToValue(flat, VaeSettings.class));
        assertTrue(e.getMessage().contains("learningRateWarmup"), e.getMessage());
    }
}
