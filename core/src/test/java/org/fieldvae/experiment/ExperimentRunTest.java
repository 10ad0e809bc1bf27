package org.fieldvae.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.fieldvae.CancelledException;
import org.fieldvae.InvalidInputException;
import org.fieldvae.Progress;
import org.fieldvae.field.DatasetReader;
import org.fieldvae.vae.OutputVarianceStart;
import org.fieldvae.vae.PriorKind;
import org.fieldvae.vae.VaeTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole trial on 17 x 17 with a few epochs: the files of the contract, skipping, resuming, settings. */
class ExperimentRunTest {
    /** 32 training samples (8 labelled), 16 test samples, 3 epochs of batch 16, a checkpoint every epoch. */
    static final RunSettings TINY = RunSettings.quickstartDefaults().withGrid(17).withSamples(32, 16)
            .withLabelFraction(0.25).withEpochs(3, 1).withBatch(16).withCheckpointEvery(1).withSeed(7);

    @TempDir
    Path dir;

    @Test
    void writesEveryFileOfTheContractAndASecondCallSkipsEverything() throws IOException {
        Path run = dir.resolve("run");
        RunResult first = ExperimentRun.run(TINY, run, Progress.NONE);
        for (String name : new String[] {RunFolder.RUN_JSON, RunFolder.TRAIN, RunFolder.TEST, RunFolder.MODEL,
            RunFolder.HISTORY, RunFolder.LATENTS_TRAIN, RunFolder.LATENTS_TEST, RunFolder.SCORES}) {
            assertTrue(Files.isRegularFile(run.resolve(name)), name);
        }
        assertTrue(Files.isRegularFile(run.resolve(RunFolder.CHECKPOINTS).resolve(VaeTrainer.CHECKPOINT)));
        assertFalse(Files.exists(run.resolve(ExperimentRun.UNLABELLED)), "the unlabelled set is gone");
        assertEquals(TINY, RunFolder.readSettings(run));
        assertTrue(Files.readString(run.resolve(RunFolder.RUN_JSON)).contains("\"provenance\""));
        try (DatasetReader train = DatasetReader.open(run.resolve(RunFolder.TRAIN));
                DatasetReader test = DatasetReader.open(run.resolve(RunFolder.TEST))) {
            assertEquals(32, train.samples());
            assertEquals(16, test.samples());
            int labelled = 0;
            for (boolean l : train.labelled()) {
                labelled += l ? 1 : 0;
            }
            assertEquals(8, labelled, "a quarter of 32 samples labelled");
            assertFalse(java.util.Arrays.deepEquals(train.theta(), test.theta()), "test and train seeds differ");
        }
        assertEquals("z_mean_1,z_mean_2,z_logvar_1,z_logvar_2,theta_1,theta_2,labelled",
                Files.readAllLines(run.resolve(RunFolder.LATENTS_TRAIN)).get(0));
        assertEquals("z_mean_1,z_mean_2,z_logvar_1,z_logvar_2,theta_1,theta_2",
                Files.readAllLines(run.resolve(RunFolder.LATENTS_TEST)).get(0), "the test set has no labels");
        assertEquals(17, Files.readAllLines(run.resolve(RunFolder.LATENTS_TEST)).size());
        assertEquals(4, Files.readAllLines(run.resolve(RunFolder.HISTORY)).size(), "header and 3 epochs");
        double sD = first.testScores().get("s_d");
        assertTrue(sD >= 0.5 && sD <= 1.0, "S_D of 2 factors lies in [1/2, 1]: " + sD);
        assertTrue(first.testScores().containsKey("s_kl"));

        Map<String, FileTime> times = times(run);
        RunResult second = ExperimentRun.run(TINY, run, Progress.NONE);
        assertEquals(first.testScores(), second.testScores());
        assertEquals(first.overRegularised(), second.overRegularised());
        assertEquals(times, times(run), "no file is rewritten by a second call");
    }

    @Test
    void aRunCancelledDuringTrainingResumesToTheSameFilesAsAnUninterruptedOne() throws IOException {
        Path whole = dir.resolve("whole");
        RunResult uninterrupted = ExperimentRun.run(TINY, whole, Progress.NONE);
        Path broken = dir.resolve("broken");
        AtomicBoolean cancel = new AtomicBoolean();
        Progress stopAfterEpochTwo = new Progress() {
            @Override
            public void report(double fraction, String message) {
                if (message.contains("epoch 2/")) {
                    cancel.set(true);
                }
            }

            @Override
            public boolean isCancelled() {
                return cancel.get();
            }
        };
        assertThrows(CancelledException.class, () -> ExperimentRun.run(TINY, broken, stopAfterEpochTwo));
        assertFalse(Files.exists(broken.resolve(RunFolder.MODEL)), "cancelled in training: no model");
        assertTrue(Files.isRegularFile(broken.resolve(RunFolder.CHECKPOINTS).resolve(VaeTrainer.CHECKPOINT)));
        RunResult resumed = ExperimentRun.run(TINY, broken, Progress.NONE);
        assertEquals(uninterrupted.testScores(), resumed.testScores());
        assertArrayEquals(Files.readAllBytes(whole.resolve(RunFolder.LATENTS_TEST)),
                Files.readAllBytes(broken.resolve(RunFolder.LATENTS_TEST)), "bit-identical latents");
        assertArrayEquals(Files.readAllBytes(whole.resolve(RunFolder.LATENTS_TRAIN)),
                Files.readAllBytes(broken.resolve(RunFolder.LATENTS_TRAIN)));
    }

    @Test
    void aFolderWithAnotherRunIsRefusedAndLeftAlone() throws IOException {
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        Files.writeString(run.resolve(RunFolder.RUN_JSON), jsonOf(TINY.withSeed(8)));
        String before = Files.readString(run.resolve(RunFolder.RUN_JSON));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ExperimentRun.run(TINY, run, Progress.NONE));
        assertTrue(e.getMessage().contains("seed 8 -> 7"), e.getMessage());
        assertEquals(before, Files.readString(run.resolve(RunFolder.RUN_JSON)));
        assertFalse(Files.exists(run.resolve(RunFolder.TRAIN)));
    }

    @Test
    void settingsRoundTripThroughTheirMapAndSeedsDifferPerStage() {
        assertEquals(TINY, RunSettings.fromMap(TINY.toMap()));
        RunSettings other = TINY.withPrior(PriorKind.SCALED).withOutputVarianceStart(OutputVarianceStart.ZERO)
                .withDist("mixture:means=-1,-1;1,1;-1,1;1,-1:var=0.25").withLearningRate(1e-3).withSeed(Long.MIN_VALUE);
        assertEquals(other, RunSettings.fromMap(other.toMap()));
        assertEquals(new double[] {1, 2}.length, other.vae().priorAndLoss().priorVariances().length);
        assertTrue(TINY.trainData().seed() != TINY.testData().seed());
        assertTrue(TINY.labels().seed() != TINY.vae().run().seed());
        assertEquals(TINY.trainData().seed(), TINY.withEpochs(9, 2).trainData().seed(), "a stage's seed depends on the seed only");
        assertTrue(TINY.trainData().seed() != TINY.withSeed(8).trainData().seed());
    }

    @Test
    void invalidSettingsNameTheSetting() {
        RunSettings d = RunSettings.quickstartDefaults();
        assertNamed("grid", () -> d.withGrid(20));
        assertNamed("grid", () -> d.withGrid(9));
        assertNamed("labelFraction", () -> d.withLabelFraction(1.5));
        assertNamed("recEpochs", () -> d.withEpochs(10, 11));
        assertNamed("epochs", () -> d.withEpochs(0, 0));
        assertNamed("testSamples", () -> d.withSamples(64, 5));
        assertNamed("batch", () -> d.withBatch(1));
        assertNamed("learningRate", () -> d.withLearningRate(0));
        assertNamed("dist", () -> d.withDist("gaussian:mean=1,1,1:var=1,1,1"));
        Map<String, Object> m = new LinkedHashMap<>(d.toMap());
        m.remove("batch");
        assertNamed("batch", () -> RunSettings.fromMap(m));
        m.put("batch", "sixty-four");
        assertNamed("batch", () -> RunSettings.fromMap(m));
    }

    private static void assertNamed(String setting, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(setting), e.getMessage());
    }

    private static String jsonOf(RunSettings s) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s.toMap());
    }

    private static Map<String, FileTime> times(Path run) throws IOException {
        Map<String, FileTime> t = new LinkedHashMap<>();
        try (var files = Files.walk(run)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(p)) {
                    t.put(run.relativize(p).toString(), Files.getLastModifiedTime(p));
                }
            }
        }
        return t;
    }
}
