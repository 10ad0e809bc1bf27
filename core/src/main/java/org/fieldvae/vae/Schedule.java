package org.fieldvae.vae;

import java.util.Arrays;
import java.util.Objects;

import org.fieldvae.Check;

/**
 * How long and how fast the DenseVAE trains: epochs, the reconstruction-only phase, the minibatch, the
 * piecewise learning rate and the output log-variance's start and rate. One of the groups of
 * {@link VaeSettings} (how beta moves is {@link BetaPlan}); arrays are copied in and out. A
 * {@link TrainingSchedule} fills this record and the {@link BetaPlan} together.
 *
 * @param epochs              training epochs (plain 6500, HP 14000), >= 0
 * @param recEpochs           reconstruction-only epochs at the start (plain 4000, HP 6500), in [0, epochs]
 * @param batch               minibatch size (64), >= 2
 * @param lrBoundaries        epochs at which the learning rate changes, increasing, each >= 1
 * @param lrValues            learning rates (> 0), one more than boundaries: lrValues[i] holds for epochs
 *                            before lrBoundaries[i]
 * @param outputVarianceStart where the output log-variance starts: {@link OutputVarianceStart#ZERO} (the
 *                            paper's, the default) or the data's per-pixel variance. Absent (null) in older
 *                            model files: ZERO, which those ran
 * @param outputVarianceRate  the output log-variance's learning rate as a multiple of the network's, in
 *                            [1e-3, 1e3]: 1 is the paper's; a larger one lets a short run's log-variance reach
 *                            its optimum (see {@link OutputVarianceStart}). Absent (0) in older model files: 1
 * @param batchNormStatistics what batch norm normalises with in the trained model: the running averages (the
 *                            paper's, the default) or population statistics recomputed after the last epoch.
 *                            Absent (null) in older model files: RUNNING, which those ran
 */
public record Schedule(int epochs, int recEpochs, int batch, int[] lrBoundaries, double[] lrValues,
        OutputVarianceStart outputVarianceStart, double outputVarianceRate, BatchNormStatistics batchNormStatistics) {

    public Schedule {
        // absent from the settings.json of models saved before they existed: those started at 0, rate 1
        outputVarianceStart = outputVarianceStart == null ? OutputVarianceStart.ZERO : outputVarianceStart;
        outputVarianceRate = outputVarianceRate == 0.0 ? 1.0 : outputVarianceRate;
        batchNormStatistics = batchNormStatistics == null ? BatchNormStatistics.RUNNING : batchNormStatistics;
        Check.inRange("outputVarianceRate", outputVarianceRate, 1e-3, 1e3);
        Check.atLeast("epochs", epochs, 0);
        Check.inRange("recEpochs", recEpochs, 0, epochs);
        Check.atLeast("batch", batch, 2);
        lrBoundaries = Objects.requireNonNull(lrBoundaries, "lrBoundaries").clone();
        lrValues = Objects.requireNonNull(lrValues, "lrValues").clone();
        checkLearningRates(lrBoundaries, lrValues);
    }

    private static void checkLearningRates(int[] boundaries, double[] values) {
        Check.that(values.length == boundaries.length + 1, "lrValues", "must have one more entry than lrBoundaries");
        for (int i = 0; i < boundaries.length; i++) {
            Check.atLeast("lrBoundaries", boundaries[i], i == 0 ? 1 : boundaries[i - 1] + 1);
        }
        for (double lr : values) {
            Check.positive("lrValues (learning rate)", lr);
        }
    }

    /**
     * The authors' schedule of docs/paper-facts.md ("Training schedule"), batch 64. Plain: 6500 epochs, 4000
     * reconstruction-only, lr 5e-4 then 1e-4 from epoch 5900; hierarchical: 14000 epochs, 6500
     * reconstruction-only, lr 3e-4, 5e-5 from 6499, 2.5e-5 from 12500. The output log-variance starts at 0
     * and learns at the network's rate.
     */
    public static Schedule defaults(boolean hierarchical) {
        return hierarchical
                ? new Schedule(14000, 6500, 64, new int[] {6499, 12500}, new double[] {3e-4, 5e-5, 2.5e-5},
                        OutputVarianceStart.ZERO, 1.0, BatchNormStatistics.RUNNING)
                : new Schedule(6500, 4000, 64, new int[] {5900}, new double[] {5e-4, 1e-4}, OutputVarianceStart.ZERO, 1.0,
                        BatchNormStatistics.RUNNING);
    }

    @Override
    public int[] lrBoundaries() {
        return lrBoundaries.clone();
    }

    @Override
    public double[] lrValues() {
        return lrValues.clone();
    }

    /** Epochs, reconstruction-only epochs and batch size. */
    public Schedule withTraining(int total, int reconstructionOnly, int batchSize) {
        return new Schedule(total, reconstructionOnly, batchSize, lrBoundaries, lrValues, outputVarianceStart,
                outputVarianceRate, batchNormStatistics);
    }

    /** A piecewise learning rate: {@code values[i]} before epoch {@code boundaries[i]}, the last one after. */
    public Schedule withLearningRate(int[] boundaries, double[] values) {
        return new Schedule(epochs, recEpochs, batch, boundaries, values, outputVarianceStart, outputVarianceRate,
                batchNormStatistics);
    }

    /** The same piecewise learning rate scaled so that its first rate is {@code first}. */
    public Schedule withLearningRateScaledTo(double first) {
        Check.positive("learning rate", first);
        double[] values = lrValues.clone();
        double factor = first / values[0];
        for (int i = 0; i < values.length; i++) {
            values[i] *= factor;
        }
        return withLearningRate(lrBoundaries, values);
    }

    public Schedule withOutputVarianceStart(OutputVarianceStart value) {
        return new Schedule(epochs, recEpochs, batch, lrBoundaries, lrValues, value, outputVarianceRate,
                batchNormStatistics);
    }

    /** The output log-variance's learning rate as a multiple of the network's (1: the paper's). */
    public Schedule withOutputVarianceRate(double factor) {
        return new Schedule(epochs, recEpochs, batch, lrBoundaries, lrValues, outputVarianceStart, factor,
                batchNormStatistics);
    }

    public Schedule withBatchNormStatistics(BatchNormStatistics value) {
        return new Schedule(epochs, recEpochs, batch, lrBoundaries, lrValues, outputVarianceStart, outputVarianceRate,
                value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schedule s && toString().equals(s.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "Schedule[epochs=" + epochs + ", recEpochs=" + recEpochs + ", batch=" + batch
                + ", lrBoundaries=" + Arrays.toString(lrBoundaries) + ", lrValues=" + Arrays.toString(lrValues)
                + ", outputVarianceStart=" + outputVarianceStart + ", outputVarianceRate=" + outputVarianceRate
                + ", batchNormStatistics=" + batchNormStatistics + "]";
    }
}
