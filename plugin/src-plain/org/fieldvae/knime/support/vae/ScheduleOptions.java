package org.fieldvae.knime.support.vae;

import java.util.ArrayList;
import java.util.List;

import org.fieldvae.vae.BatchNormStatistics;
import org.fieldvae.vae.OutputVarianceStart;
import org.fieldvae.vae.Schedule;

/**
 * The VAE Learner's {@link Schedule} as the dialog holds it: the learning rate as steps, each from an epoch on. Not
 * validated here: {@link #toEngine} lets the engine do it.
 *
 * @param epochs training epochs, at least 0
 * @param recEpochs reconstruction-only epochs at the start, in [0, epochs]
 * @param batch minibatch size, at least 2
 * @param learningRate steps of the learning rate, the first from epoch 0, epochs increasing
 * @param outputVarianceStart where the output log-variance starts (the paper: 0)
 * @param outputVarianceRate learning-rate factor of the output log-variance, in [1e-3, 1e3] (the paper: 1)
 */
public record ScheduleOptions(int epochs, int recEpochs, int batch, List<RateStep> learningRate,
    OutputVarianceStart outputVarianceStart, double outputVarianceRate) {

    /** Copies the list. */
    public ScheduleOptions {
        learningRate = learningRate == null ? null : List.copyOf(learningRate);
    }

    /**
     * @param s engine settings
     * @return the same settings as dialog options
     */
    public static ScheduleOptions of(final Schedule s) {
        final List<RateStep> steps = new ArrayList<>();
        final int[] boundaries = s.lrBoundaries();
        final double[] values = s.lrValues();
        for (int i = 0; i < values.length; i++) {
            steps.add(new RateStep(i == 0 ? 0 : boundaries[i - 1], values[i]));
        }
        return new ScheduleOptions(s.epochs(), s.recEpochs(), s.batch(), steps, s.outputVarianceStart(),
            s.outputVarianceRate());
    }

    /**
     * @return the engine's record
     * @throws IllegalArgumentException naming the dialog option (learning rate steps) or the engine's setting
     */
    public Schedule toEngine() {
        final int[] boundaries = RateStep.boundaries(learningRate);
        final double[] rates = learningRate.stream().mapToDouble(RateStep::rate).toArray();
        // the learner's dialog does not offer population statistics (docs/learner.md): the running averages, as before
        return new Schedule(epochs, recEpochs, batch, boundaries, rates, outputVarianceStart, outputVarianceRate,
            BatchNormStatistics.RUNNING);
    }

    /** @return these options with other epochs and reconstruction-only epochs */
    public ScheduleOptions withEpochs(final int total, final int reconstructionOnly) {
        return new ScheduleOptions(total, reconstructionOnly, batch, learningRate, outputVarianceStart,
            outputVarianceRate);
    }

    /** @return these options with other learning-rate steps */
    public ScheduleOptions withLearningRate(final List<RateStep> steps) {
        return new ScheduleOptions(epochs, recEpochs, batch, steps, outputVarianceStart, outputVarianceRate);
    }
}
