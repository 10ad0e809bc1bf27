package org.fieldvae.experiment;

import static org.fieldvae.experiment.MapValues.enumValue;
import static org.fieldvae.experiment.MapValues.integer;
import static org.fieldvae.experiment.MapValues.number;

import java.util.Map;
import java.util.Objects;

import org.fieldvae.Check;
import org.fieldvae.vae.OutputVarianceStart;
import org.fieldvae.vae.TrainingSchedule;
import org.fieldvae.vae.VaeSettings;

/**
 * How a trial's DenseVAE trains. One group of {@link RunSettings}; its spec keys are {@code schedule},
 * {@code epochs}, {@code rec_epochs}, {@code batch}, {@code learning_rate}, {@code output_variance_start} and
 * {@code output_variance_rate}.
 *
 * @param schedule            the named training schedule ({@link TrainingSchedule}) stretched over the epochs, with
 *                            recEpochs, learningRate (the first of its rates; later ones keep their ratio to it) and
 *                            the output log-variance settings below taking the place of its own; null (a run folder
 *                            written before schedules existed) keeps a constant learning rate and Klushyn's beta
 * @param epochs              training epochs, >= 1 (paper 6500)
 * @param recEpochs           reconstruction-only epochs at the start, in [0, epochs] (paper 4000)
 * @param batch               minibatch size, >= 2 (paper 64)
 * @param learningRate        Adam's (first) learning rate, in (0, 1] (paper 5e-4 with a later drop)
 * @param outputVarianceStart where the output log-variance starts (see {@link OutputVarianceStart})
 * @param outputVarianceRate  learning rate of the output log-variance as a multiple of learningRate, in [1e-3, 1e3]
 *                            (paper 1; see {@link org.fieldvae.vae.Schedule#outputVarianceRate()})
 */
public record TrialSchedule(TrainingSchedule schedule, int epochs, int recEpochs, int batch, double learningRate,
        OutputVarianceStart outputVarianceStart, double outputVarianceRate) {

    public TrialSchedule {
        Check.atLeast("epochs", epochs, 1);
        Check.inRange("recEpochs", recEpochs, 0, epochs);
        Check.atLeast("batch", batch, 2);
        Check.inRange("learningRate", learningRate, Double.MIN_NORMAL, 1.0);
        Objects.requireNonNull(outputVarianceStart, "outputVarianceStart");
        Check.inRange("outputVarianceRate", outputVarianceRate, 1e-3, 1e3);
    }

    /**
     * The {@link TrainingSchedule#FAST} schedule over 120 epochs, 24 on L_REC alone, batch 64, Adam at its rate, the
     * output log-variance from 0 at its rate factor.
     */
    public static TrialSchedule quickstartDefaults() {
        return new TrialSchedule(TrainingSchedule.FAST, 120, 24, 64, TrainingSchedule.FAST_LEARNING_RATE,
                OutputVarianceStart.ZERO, TrainingSchedule.FAST_OUTPUT_VARIANCE_RATE);
    }

    public TrialSchedule withSchedule(TrainingSchedule value) {
        return new TrialSchedule(value, epochs, recEpochs, batch, learningRate, outputVarianceStart, outputVarianceRate);
    }

    /** Training epochs and, of those, reconstruction-only epochs. */
    public TrialSchedule withEpochs(int total, int reconstructionOnly) {
        return new TrialSchedule(schedule, total, reconstructionOnly, batch, learningRate, outputVarianceStart,
                outputVarianceRate);
    }

    public TrialSchedule withBatch(int value) {
        return new TrialSchedule(schedule, epochs, recEpochs, value, learningRate, outputVarianceStart, outputVarianceRate);
    }

    public TrialSchedule withLearningRate(double value) {
        return new TrialSchedule(schedule, epochs, recEpochs, batch, value, outputVarianceStart, outputVarianceRate);
    }

    public TrialSchedule withOutputVarianceStart(OutputVarianceStart value) {
        return new TrialSchedule(schedule, epochs, recEpochs, batch, learningRate, value, outputVarianceRate);
    }

    public TrialSchedule withOutputVarianceRate(double value) {
        return new TrialSchedule(schedule, epochs, recEpochs, batch, learningRate, outputVarianceStart, value);
    }

    /** The schedule applied to the model's settings: the named one stretched, then these values over its own. */
    VaeSettings applyTo(VaeSettings s) {
        VaeSettings planned = schedule == null ? s.withLearningRate(learningRate)
                : schedule.apply(s, epochs).withLearningRateScaledTo(learningRate);
        return planned.withTraining(epochs, recEpochs, batch).withOutputVarianceStart(outputVarianceStart)
                .withOutputVarianceRate(outputVarianceRate);
    }

    /** The group's keys; a run folder written before schedules existed has no {@code schedule} key. */
    static TrialSchedule fromMap(Map<String, ?> m) {
        return new TrialSchedule(m.containsKey("schedule") ? enumValue(TrainingSchedule.class, m, "schedule") : null,
                integer(m, "epochs"), integer(m, "rec_epochs"), integer(m, "batch"), number(m, "learning_rate"),
                enumValue(OutputVarianceStart.class, m, "output_variance_start"), number(m, "output_variance_rate"));
    }
}
