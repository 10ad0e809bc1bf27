package org.fieldvae.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fieldvae.Progress;
import org.junit.jupiter.api.Test;

/**
 * Where the output log-variance starts, and why the data's variance is the better start for short runs: checks
 * the optimum of Eq. 21 over s and Eq. 25-26 (Theorem 1's variance) of the paper; docs/equations.md.
 */
class OutputVarianceStartTest {

    /**
     * Two samples y and -y with channel c equal to (c + 1) w_p at pixel p: the variance over samples of channel c
     * is (c + 1)^2 w_p^2, their mean over the 3 channels (1 + 4 + 9)/3 w_p^2 = 14/3 w_p^2. A pixel with w_p = 0
     * has variance 0, whose log is clipped to -bound.
     */
    @Test
    void dataLogVarianceIsTheLogOfTheChannelMeanOfThePixelVariances() {
        int n = 5;
        float[][][][] f = new float[2][3][n][n];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    float w = 0.1f * i * (j + 1);
                    f[0][c][i][j] = (c + 1) * w;
                    f[1][c][i][j] = -(c + 1) * w;
                }
            }
        }
        double[] s = VaeTrainer.dataLogVariance(f, 15.0);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double w = (double) (0.1f * i * (j + 1));
                double expected = i == 0 ? -15.0 : Math.log(14.0 / 3.0 * w * w);
                assertEquals(expected, s[i * n + j], 1e-5, "pixel " + i + "," + j);
            }
        }
    }

    @Test
    void trainerStartsTheOutputLogVarianceWhereTheSettingsSay() {
        float[][][][] f = TinyVae.fields(16, 17, 3, null);
        VaeSettings s = TinyVae.settings(PriorKind.STANDARD).withEpochs(0, 0);
        assertEquals(OutputVarianceStart.ZERO, s.schedule().outputVarianceStart(), "the paper's start is the default");
        TrainedModel paper = VaeTrainer.train(s, TrainingData.of(f), null, Progress.NONE);
        assertArrayEquals(new double[17 * 17], paper.vae.outputLogVariance(), 0.0);
        TrainedModel data = VaeTrainer.train(s.withOutputVarianceStart(OutputVarianceStart.DATA_VARIANCE),
                TrainingData.of(f), null, Progress.NONE);
        assertArrayEquals(VaeTrainer.dataLogVariance(f, s.priorAndLoss().logVarianceBound()), data.vae.outputLogVariance(), 1e-6);
    }

    /**
     * Adam moves a parameter by at most lr (1 - beta1) / sqrt(1 - beta2) = 3.16 lr per step (Kingma and Ba 2015,
     * Section 2.1), so in 80 steps at lr 1e-3 the paper's output log-variance stays within 0.26 of its start and
     * L_REC stays far from its optimum log E[r^2] when E[r^2] is far from 1; at 30 times the rate it gets there.
     */
    @Test
    void aHigherOutputVarianceRateLetsAShortRunReachABetterLikelihood() {
        float[][][][] f = TinyVae.fields(32, 17, 5, null);
        for (float[][][] sample : f) {
            for (float[][] channel : sample) {
                for (float[] row : channel) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] *= 0.1f;
                    }
                }
            }
        }
        VaeSettings s = TinyVae.settings(PriorKind.STANDARD).withEpochs(20, 20);
        TrainedModel paper = VaeTrainer.train(s, TrainingData.of(f), null, Progress.NONE);
        TrainedModel fast = VaeTrainer.train(s.withOutputVarianceRate(30), TrainingData.of(f), null, Progress.NONE);
        double bound = 80 * 1e-3 * 0.1 / Math.sqrt(1e-3) * 1.0001;
        for (double v : paper.vae.outputLogVariance()) {
            assertTrue(Math.abs(v) <= bound, "the paper's rate moves s by at most " + bound + ": " + v);
        }
        double moved = 0;
        for (double v : fast.vae.outputLogVariance()) {
            moved = Math.max(moved, Math.abs(v));
        }
        assertTrue(moved > 1.0, "30 times the rate moves s further: " + moved);
        assertTrue(lastRec(fast) < lastRec(paper) - 0.2, "L_REC " + lastRec(fast) + " vs " + lastRec(paper));
    }

    private static double lastRec(TrainedModel m) {
        return m.history().epochs().get(m.history().epochs().size() - 1).lossRec();
    }
}
