package org.fieldvae.cli;

import org.fieldvae.experiment.TrialSchedule;
import org.fieldvae.vae.PriorKind;
import org.fieldvae.vae.Schedule;
import org.fieldvae.vae.TrainingSchedule;
import org.fieldvae.vae.VaeSettings;

import picocli.CommandLine.Option;

/**
 * {@code quickstart}'s options of the {@link TrialSchedule} record, one help section: a named schedule over the
 * epochs, with the options given taking the place of its choices.
 */
final class TrialScheduleArgs {

    @Option(names = "--epochs", paramLabel = "E", description = "Training epochs (default ${DEFAULT-VALUE}).")
    int epochs = TrialSchedule.quickstartDefaults().epochs();

    @Option(names = "--rec-epochs", paramLabel = "R",
            description = "Reconstruction-only epochs (default: the schedule's share of --epochs).")
    Integer recEpochs;

    @Option(names = "--schedule", paramLabel = "fast|paper|klushyn",
            description = "Training schedule (default ${DEFAULT-VALUE}); paper stretches the authors' phases and "
                    + "learning-rate drops over --epochs; klushyn is the paper's beta scheduler at a constant rate.")
    String schedule = "fast";

    @Option(names = "--lr", paramLabel = "RATE",
            description = "First Adam learning rate of the schedule (default: the schedule's, fast 1e-3).")
    Double learningRate;

    @Option(names = "--output-variance-rate", paramLabel = "FACTOR",
            description = "Learning rate of the output log-variance as a multiple of --lr (default: the schedule's, "
                    + "fast 30, paper 1).")
    Double outputVarianceRate;

    /** The named schedule's choices for this prior over --epochs, then the options given over them. */
    TrialSchedule apply(TrialSchedule base, PriorKind prior) {
        TrainingSchedule plan = plan();
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs = " + epochs + ": must be at least 1");
        }
        Schedule planned = plan.apply(VaeSettings.defaults(prior == PriorKind.HIERARCHICAL), epochs).schedule();
        return base.withSchedule(plan).withEpochs(epochs, recEpochs != null ? recEpochs : planned.recEpochs())
                .withLearningRate(learningRate != null ? learningRate : planned.lrValues()[0])
                .withOutputVarianceRate(outputVarianceRate != null ? outputVarianceRate : planned.outputVarianceRate());
    }

    private TrainingSchedule plan() {
        try {
            return TrainingSchedule.of(schedule);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--schedule = " + schedule + ": must be " + TrainingSchedule.names());
        }
    }
}
