package org.fieldvae.cli;

import java.util.Locale;

import org.fieldvae.Check;
import org.fieldvae.vae.BatchNormStatistics;
import org.fieldvae.vae.Schedule;
import org.fieldvae.vae.TrainingSchedule;
import org.fieldvae.vae.VaeTrainer;
import org.fieldvae.vae.VaeSettings;

import picocli.CommandLine.Option;

/**
 * {@code train}'s options of the {@link Schedule} record, one help section: a named {@link TrainingSchedule} and the
 * options that override its choices.
 */
final class ScheduleArgs {

    @Option(names = "--schedule",
            description = "fast (converges in a few hundred epochs), paper (the authors' epochs, phases and "
                    + "learning-rate drops) or klushyn (the paper's beta scheduler at a constant rate, 800 epochs); "
                    + "default fast.")
    String schedule = "fast";

    @Option(names = "--epochs", description = "Training epochs, >= 1 (default: the schedule's; fast 300, 600 with "
            + "the hierarchical prior; paper 6500, 14000); the schedule's phases keep their fractions of the run.")
    Integer epochs;

    @Option(names = "--rec-epochs", description = "Reconstruction-only epochs at the start (default: the schedule's; "
            + "fast 20%% of the epochs, paper 4000 of 6500 or 6500 of 14000).")
    Integer recEpochs;

    @Option(names = "--batch", description = "Minibatch size (default 64; with the fast schedule smaller, down to "
            + "8, where 64 would give the run fewer than 1000 Adam steps).")
    Integer batch;

    @Option(names = "--lr", description = "A constant learning rate instead of the schedule's piecewise one.")
    Double learningRate;

    @Option(names = "--batch-norm-statistics", description = "What the trained model's batch norm normalises with: "
            + "running (the averages kept during training, the paper's) or population (recomputed over the training "
            + "set after the last epoch, docs/learner.md); default population for minibatches below 64, else running.")
    String batchNormStatistics;

    /**
     * The named schedule stretched over the epochs asked for, then the explicit options over its choices.
     *
     * @param samples the training set's size, for the fast schedule's batch of a short run
     */
    VaeSettings apply(VaeSettings s, int samples) {
        TrainingSchedule plan = scheduleKind();
        if (epochs != null) {
            Check.atLeast("--epochs", epochs, 1);
        }
        VaeSettings planned = plan.apply(s, epochs != null ? epochs : plan.defaultEpochs(s.hierarchical()));
        Schedule t = planned.schedule();
        if (recEpochs != null) {
            Check.inRange("--rec-epochs", recEpochs, 0, t.epochs());
        }
        int planBatch = plan == TrainingSchedule.FAST ? TrainingSchedule.fastBatch(samples, t.epochs()) : t.batch();
        t = t.withTraining(t.epochs(), recEpochs != null ? recEpochs : t.recEpochs(), batch != null ? batch : planBatch);
        if (batchNormStatistics != null) {
            t = t.withBatchNormStatistics(statistics());
        } else if (t.batch() < VaeTrainer.POPULATION_BATCH) {
            // the running averages of minibatches this small are too noisy to encode with (docs/learner.md)
            t = t.withBatchNormStatistics(BatchNormStatistics.POPULATION);
        }
        return planned.with(learningRate != null ? t.withLearningRate(new int[0], new double[] {learningRate}) : t);
    }

    private BatchNormStatistics statistics() {
        try {
            return BatchNormStatistics.valueOf(batchNormStatistics.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--batch-norm-statistics = " + batchNormStatistics
                    + ": must be running or population");
        }
    }

    private TrainingSchedule scheduleKind() {
        try {
            return TrainingSchedule.of(schedule);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--schedule = " + schedule + ": must be " + TrainingSchedule.names());
        }
    }
}
