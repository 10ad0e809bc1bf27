package org.fieldvae.knime.support.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.fieldvae.CancelledException;
import org.fieldvae.InvalidInputException;
import org.fieldvae.Progress;
import org.fieldvae.knime.support.model.ModelShape;
import org.fieldvae.vae.HpDecoder;
import org.fieldvae.vae.PriorKind;
import org.fieldvae.vae.TrainedModel;
import org.fieldvae.vae.TrainingData;
import org.fieldvae.vae.VaeSettings;
import org.fieldvae.vae.VaeTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resume and model bytes on a tiny VAE (17 x 17, about 10^3 parameters), as the engine's own tests use. */
class TrainingRunTest {

    private static final VaeSettings TINY = VaeSettings.defaults(false)
        .withArchitecture(17, new int[]{1, 1, 1}, 2, 2, 2).withTraining(4, 1, 4).withLearningRate(1e-3)
        .withCheckpointEvery(2);

    private static final float[][][][] FIELDS = fields(8, 3);

    @TempDir
    Path m_tmp;

    /** Smooth fields of two random factors, as in the engine's TinyVae. */
    private static float[][][][] fields(final int count, final long seed) {
        final var random = new SplittableRandom(seed);
        final float[][][][] f = new float[count][3][17][17];
        for (int s = 0; s < count; s++) {
            final double a = random.nextDouble() - 0.5;
            final double b = random.nextDouble() - 0.5;
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < 17; i++) {
                    for (int j = 0; j < 17; j++) {
                        f[s][c][i][j] = (float)((c + 1) * (a * Math.sin(Math.PI * i / 16.0) + b * j / 16.0));
                    }
                }
            }
        }
        return f;
    }

    @Test
    void cancelledRunResumesToTheUninterruptedModelAndOtherSettingsStartAfresh() {
        final TrainingData data = TrainingData.of(FIELDS);
        final TrainedModel whole = VaeTrainer.train(TINY, data, null, Progress.NONE);
        assertBytesLoadToTheSameModel(whole);
        final Path run = m_tmp.resolve("run");
        final AtomicInteger epochs = new AtomicInteger();
        final Progress stopAfterThree = new Progress() {
            @Override
            public void report(final double fraction, final String message) {
                epochs.incrementAndGet();
            }

            @Override
            public boolean isCancelled() {
                return epochs.get() >= 3;
            }
        };
        assertThrows(CancelledException.class, () -> TrainingRun.trainOrResume(TINY, data, run, stopAfterThree));
        assertTrue(TrainingRun.canResume(run, TINY, data));

        final Path saved = m_tmp.resolve("internals");
        TrainingRun.copy(run, saved);
        final Path restored = m_tmp.resolve("restored");
        TrainingRun.copy(saved, restored);

        final TrainingRun.Outcome resumed = TrainingRun.trainOrResume(TINY, data, restored, Progress.NONE);
        assertTrue(resumed.resumed());
        assertArrayEquals(whole.encode(FIELDS).mean(), resumed.model().encode(FIELDS).mean());
        assertEquals(4, resumed.model().history().epochs().size());

        final TrainingRun.Outcome again = TrainingRun.trainOrResume(TINY, data, restored, Progress.NONE);
        assertTrue(again.resumed(), "a finished run resumes to itself");
        assertArrayEquals(whole.encode(FIELDS).mean(), again.model().encode(FIELDS).mean());

        final VaeSettings otherSettings = TINY.withSeed(5).withEpochs(1, 0);
        final TrainingRun.Outcome other = TrainingRun.trainOrResume(otherSettings, data, restored, Progress.NONE);
        assertFalse(other.resumed());
        assertTrue(TrainingRun.canResume(restored, otherSettings, data));
        assertFalse(TrainingRun.canResume(restored, TINY, data));
        assertFalse(TrainingRun.canResume(restored, otherSettings, TrainingData.of(fields(8, 4))), "other data");
    }

    @Test
    void copyMirrorsAbsentFiles() throws Exception {
        final Path from = Files.createDirectories(m_tmp.resolve("from"));
        final Path to = Files.createDirectories(m_tmp.resolve("to"));
        Files.writeString(to.resolve(VaeTrainer.CHECKPOINT), "stale");
        TrainingRun.copy(from, to);
        assertFalse(Files.exists(to.resolve(VaeTrainer.CHECKPOINT)));
        Files.writeString(from.resolve(VaeTrainer.CHECKPOINT), "not a zip");
        TrainingRun.copy(from, to);
        assertEquals("not a zip", Files.readString(to.resolve(VaeTrainer.CHECKPOINT)));
        assertFalse(TrainingRun.canResume(to, TINY, TrainingData.of(FIELDS)), "an unreadable checkpoint is none");
    }

    @Test
    void bytesThatAreNoModelZipAreRejected() {
        assertThrows(InvalidInputException.class,
            () -> ModelBytes.load(new ByteArrayInputStream(new byte[]{1, 2, 3})));
    }

    /**
     * Issue #16: the decoder of the hierarchical prior chosen in the learner's options is the one the model trains
     * with and records, and the port's bytes keep it.
     */
    @Test
    void theChosenHierarchicalPriorDecoderIsRecordedInTheModel() {
        final LearnerOptions tiny = LearnerOptions.of(TINY.withPrior(PriorKind.HIERARCHICAL, null).withEpochs(1, 0));
        final LearnerOptions asCoded = tiny.with(tiny.prior().withHpDecoder(HpDecoder.AS_CODED));
        final VaeSettings settings = asCoded.toSettings(17, 3);
        try (TrainedModel model = VaeTrainer.train(settings, TrainingData.of(FIELDS), null, Progress.NONE);
            TrainedModel loaded = ModelBytes.load(new ByteArrayInputStream(ModelBytes.of(model)))) {
            assertEquals(HpDecoder.AS_CODED, loaded.settings().priorAndLoss().hpDecoder());
            assertTrue(ModelBytes.architecture(loaded).contains("HIERARCHICAL (AS_CODED decoder)"),
                ModelBytes.architecture(loaded));
        }
    }

    /** One training serves both checks: the engine's model construction dominates the test time. */
    private static void assertBytesLoadToTheSameModel(final TrainedModel model) {
        final TrainedModel loaded = ModelBytes.load(new ByteArrayInputStream(ModelBytes.of(model)));
        assertEquals(model.settings(), loaded.settings());
        assertArrayEquals(model.encode(FIELDS).mean(), loaded.encode(FIELDS).mean());
        assertEquals(new ModelShape(17, 3, 2, "standard"), ModelBytes.shape(model.settings()));
        assertTrue(ModelBytes.architecture(model).contains("[1, 1, 1]"));
    }
}
