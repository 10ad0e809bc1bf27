package org.fieldvae.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.fieldvae.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one resume rule: a checkpoint continues only with the same settings, data and version, naming what differs. */
class ResumeRuleTest {
    private static final float[][][][] FIELDS = TinyVae.fields(8, 17, 3, new double[8][2]);
    private static final VaeSettings S = TinyVae.settings(PriorKind.STANDARD).withEpochs(2, 1).withCheckpointEvery(1);

    @TempDir
    static Path dir;

    @BeforeAll
    static void checkpoint() {
        VaeTrainer.train(S, TrainingData.of(FIELDS), dir, Progress.NONE).close();
    }

    @Test
    void theSameRunHasNoDifferenceAndCheckpointEveryMayDiffer() {
        assertEquals(List.of(), ResumeRule.differences(dir, S, TrainingData.of(FIELDS)));
        assertEquals(List.of(), ResumeRule.differences(dir, S.withCheckpointEvery(7), TrainingData.of(FIELDS)));
    }

    @Test
    void otherSettingsAreNamedWithBothValues() {
        List<ResumeRule.Difference> d = ResumeRule.differences(dir, S.withSeed(9).withLearningRate(0.01),
                TrainingData.of(FIELDS));
        assertEquals(2, d.size(), d::toString);
        assertTrue(d.contains(new ResumeRule.Difference("seed", Long.toString(S.run().seed()), "9")), d::toString);
        ResumeRule.Difference lr = d.stream().filter(x -> x.setting().equals("lrValues")).findFirst().orElseThrow();
        assertEquals(0.01, Double.parseDouble(lr.asked()));
        assertEquals(1e-3, Double.parseDouble(lr.recorded()));
        ResumeRule.MismatchException e = assertThrows(ResumeRule.MismatchException.class,
                () -> ResumeRule.resume(dir, S.withSeed(9), TrainingData.of(FIELDS), Progress.NONE));
        assertTrue(e.getMessage().contains("seed"), e.getMessage());
    }

    @Test
    void otherDataDiffersInItsSha256() {
        float[][][][] changed = TinyVae.fields(8, 17, 3, new double[8][2]);
        changed[7][2][16][16] += 1e-6f;
        List<ResumeRule.Difference> d = ResumeRule.differences(dir, S, TrainingData.of(changed));
        assertEquals(1, d.size(), d::toString);
        assertEquals(ResumeRule.DATA, d.get(0).setting());
        assertNotEquals(d.get(0).recorded(), d.get(0).asked());
    }

    @Test
    void dataHashCoversFieldsThetaAndLabelsAndMatchesAnIndependentDigest() throws Exception {
        TrainingData plain = TrainingData.of(FIELDS);
        // the documented byte layout, digested here without the rule's code
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        java.io.DataOutputStream out = new java.io.DataOutputStream(new java.security.DigestOutputStream(
                java.io.OutputStream.nullOutputStream(), sha));
        for (float[][][] sample : FIELDS) {
            for (float[][] channel : sample) {
                for (float[] row : channel) {
                    for (float v : row) {
                        out.writeFloat(v);
                    }
                }
            }
        }
        out.flush();
        assertEquals(java.util.HexFormat.of().formatHex(sha.digest()), ResumeRule.dataSha256(plain));
        TrainingData labelled = new TrainingData(FIELDS, new double[8][2], new boolean[8]);
        assertNotEquals(ResumeRule.dataSha256(plain), ResumeRule.dataSha256(labelled));
    }

    @Test
    void aCheckpointWithoutFingerprintIsRefusedAsOfUnknownVersion(@TempDir Path old) {
        Map<String, byte[]> entries = ModelArchive.read(dir.resolve(VaeTrainer.CHECKPOINT));
        entries.remove(ResumeRule.ENTRY);
        ModelArchive.write(old.resolve(VaeTrainer.CHECKPOINT), entries, false);
        List<ResumeRule.Difference> d = ResumeRule.differences(old, S, TrainingData.of(FIELDS));
        assertEquals(1, d.size());
        assertEquals(ResumeRule.VERSION, d.get(0).setting());
    }

    /**
     * A checkpoint written before the settings were grouped holds them flat in its fingerprint (here the flat
     * settings.json of such a model, flat-settings-v1.json): it compares setting by setting with a run's.
     */
    @Test
    void aFingerprintWithFlatSettingsStillCompares(@TempDir Path old) throws Exception {
        com.fasterxml.jackson.databind.JsonNode flat = ModelArchive.JSON.readTree(
                ResumeRuleTest.class.getResourceAsStream("flat-settings-v1.json"));
        VaeSettings same = ModelArchive.JSON.treeToValue(flat, VaeSettings.class);
        TrainingData data = TrainingData.of(FIELDS);
        Map<String, Object> fingerprint = new java.util.LinkedHashMap<>();
        fingerprint.put(ResumeRule.VERSION, org.fieldvae.Provenance.version());
        fingerprint.put("data_sha256", ResumeRule.dataSha256(data));
        fingerprint.put("settings", flat);
        ModelArchive.write(old.resolve(VaeTrainer.CHECKPOINT), Map.of(ResumeRule.ENTRY, ModelArchive.json(fingerprint)),
                false);
        assertEquals(List.of(), ResumeRule.differences(old, same.withCheckpointEvery(5), data));
        assertEquals(List.of(new ResumeRule.Difference("seed", "42", "9")),
                ResumeRule.differences(old, same.withSeed(9), data));
        // a setting added since compares as what the old run ran: running batch-norm statistics
        VaeSettings population = same.with(same.schedule().withBatchNormStatistics(BatchNormStatistics.POPULATION));
        assertEquals(List.of(new ResumeRule.Difference("batchNormStatistics", "RUNNING", "POPULATION")),
                ResumeRule.differences(old, population, data));
    }
}
