package org.fieldvae.knime.support.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.fieldvae.Progress;
import org.fieldvae.knime.support.score.ScoreTables;
import org.fieldvae.knime.support.score.ScorerOptions;
import org.fieldvae.knime.support.table.FieldColumns;
import org.fieldvae.score.DisentanglementScorer;
import org.fieldvae.score.Scores;
import org.fieldvae.vae.Encoding;
import org.fieldvae.vae.TrainedModel;
import org.fieldvae.vae.VaeSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model-stage nodes' plain path on a tiny VAE, as the nodes chain it: learner options with semi-supervision and
 * per-channel input columns, training run, model bytes (the port), encoder columns, scorer columns, decoder shape.
 * Each step's names and shapes, which configure announces, must match what execution produces.
 */
class ModelStagePipelineTest {

    @TempDir
    Path m_tmp;

    @Test
    void learnerToEncoderToScorerAndDecoderAgreeOnNamesAndShapes() {
        final int rows = 24;
        final var random = new SplittableRandom(11);
        final double[][] theta = new double[rows][2];
        final List<float[][][][]> channels = List.of(new float[rows][1][17][17], new float[rows][1][17][17],
            new float[rows][1][17][17]);
        for (int s = 0; s < rows; s++) {
            theta[s][0] = random.nextDouble() - 0.5;
            theta[s][1] = random.nextDouble() - 0.5;
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < 17; i++) {
                    for (int j = 0; j < 17; j++) {
                        channels.get(c)[s][0][i][j] =
                            (float)((c + 1) * (theta[s][0] * Math.sin(Math.PI * i / 16.0) + theta[s][1] * j / 16.0));
                    }
                }
            }
        }
        final float[][][][] fields = FieldChannels.stack(FieldColumns.OUTPUT_CHANNELS, channels);
        final boolean[] labelled = new boolean[rows];
        for (int s = 0; s < rows; s += 3) {
            labelled[s] = true;
        }
        final VaeSettings tiny = VaeSettings.defaults(false).withArchitecture(17, new int[]{1, 1, 1}, 2, 2, 2)
            .withTraining(3, 1, 8).withLearningRate(1e-3).withSemiSupervised(true);
        final VaeSettings settings = LearnerOptions.of(tiny).toSettings(fields[0][0].length, fields[0].length);
        assertEquals(tiny, settings);

        final var outcome = TrainingRun.trainOrResume(settings,
            TrainingInput.of(fields, FieldColumns.thetas(2), theta, labelled), m_tmp.resolve("run"), Progress.NONE);
        assertFalse(outcome.resumed());
        assertEquals(3, HistoryTable.curves(outcome.model().history()).epochs());
        assertTrue(outcome.model().history().epochs().get(2).lossLabel() != 0, "labelled rows add L_LABEL");

        final TrainedModel port = ModelBytes.load(new ByteArrayInputStream(ModelBytes.of(outcome.model())));
        final int latent = ModelBytes.shape(port.settings()).latent();
        final Encoding encoding = port.encode(fields);
        assertEquals(LatentColumns.encoded(latent).size(),
            encoding.mean()[0].length + encoding.logVariance()[0].length);

        final var scoreSettings = ScorerOptions.defaults().toSettings().withStarts(1).withMaxEvaluations(40);
        final Scores scores = DisentanglementScorer.score(scoreSettings, encoding.mean(), theta, Progress.NONE);
        assertEquals(ScoreTables.columns(latent, 2), new ArrayList<>(ScoreTables.row(scores).keySet()));

        final float[][][][] decoded = port.decode(encoding.mean());
        assertEquals(rows, decoded.length);
        assertEquals(FieldChannels.decodedNames("output", decoded[0].length, true), FieldColumns.OUTPUT_CHANNELS);
        assertEquals(17, decoded[0][2].length);
    }
}
