package org.fieldvae.knime.node.vae;

import java.util.Arrays;
import java.util.List;

import org.fieldvae.knime.support.vae.LearnerOptions;
import org.fieldvae.knime.support.vae.RateStep;
import org.fieldvae.knime.support.vae.ScheduleOptions;
import org.fieldvae.vae.OutputVarianceStart;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.array.ArrayWidget;
import org.knime.node.parameters.layout.Layout;

/** The VAE Learner's {@link org.fieldvae.vae.Schedule} group. */
final class ScheduleParameters implements NodeParameters {

    private static final ScheduleOptions DEFAULTS = LearnerOptions.defaults().schedule();

    /** One step of the learning-rate schedule. */
    static final class RateStepSettings implements NodeParameters {
        @Widget(title = "From epoch", description = "First epoch of this rate, counting from 0; the first step "
            + "must start at 0 and each later step after the previous one.")
        int m_fromEpoch;

        @Widget(title = "Learning rate", description = "Adam's learning rate from that epoch on, positive.")
        double m_rate = 1e-4;

        RateStepSettings() {
        }

        RateStepSettings(final RateStep step) {
            m_fromEpoch = step.fromEpoch();
            m_rate = step.rate();
        }
    }

    @Layout(VaeLearnerNodeSettings.TrainingSection.class)
    @Widget(title = LearnerOptions.OUTPUT_VARIANCE_START, description = "Where the trainable output log-variance "
        + "(one value per pixel) starts. Adam moves it by about the learning rate per step, so from 0 a short run "
        + "ends far from the likelihood's optimum. Zero: unit variance, as the paper and the authors' code. Data "
        + "variance: the log of the training fields' variance there (averaged over channels).")
    OutputVarianceStart m_outputVarianceStart = DEFAULTS.outputVarianceStart();

    @Layout(VaeLearnerNodeSettings.TrainingSection.class)
    @Widget(title = LearnerOptions.OUTPUT_VARIANCE_RATE, description = "The output log-variance learns at this "
        + "multiple of the learning rate, 0.001 to 1000 (the paper: 1).")
    double m_outputVarianceRate = DEFAULTS.outputVarianceRate();

    @Layout(VaeLearnerNodeSettings.TrainingSection.class)
    @Widget(title = LearnerOptions.EPOCHS, description = "Training epochs, at least 0 (paper: 6500, hierarchical "
        + "prior 14000).")
    int m_epochs = DEFAULTS.epochs();

    @Layout(VaeLearnerNodeSettings.TrainingSection.class)
    @Widget(title = LearnerOptions.REC_EPOCHS, description = "Epochs at the start that train the reconstruction "
        + "only (beta = initial beta), 0 to the number of epochs (paper: 4000, hierarchical prior 6500).")
    int m_recEpochs = DEFAULTS.recEpochs();

    @Layout(VaeLearnerNodeSettings.TrainingSection.class)
    @Widget(title = LearnerOptions.BATCH, description = "Minibatch size, at least 2 (paper 64).")
    int m_batch = DEFAULTS.batch();

    @Layout(VaeLearnerNodeSettings.TrainingSection.class)
    @Widget(title = LearnerOptions.LEARNING_RATE, description = "Piecewise-constant learning rate of Adam: each "
        + "step holds from its epoch until the next step's. Paper: 5e-4 from epoch 0, 1e-4 from epoch 5900.")
    @ArrayWidget(elementTitle = "Step", addButtonText = "Add step")
    RateStepSettings[] m_learningRate =
        DEFAULTS.learningRate().stream().map(RateStepSettings::new).toArray(RateStepSettings[]::new);

    ScheduleOptions toOptions() {
        final List<RateStep> steps = m_learningRate == null ? List.of()
            : Arrays.stream(m_learningRate).map(s -> new RateStep(s.m_fromEpoch, s.m_rate)).toList();
        return new ScheduleOptions(m_epochs, m_recEpochs, m_batch, steps, m_outputVarianceStart, m_outputVarianceRate);
    }

    /** Loads the group from a workflow saved before the settings were grouped. */
    static final class FromFlatKeys extends FlatKeysMigration<ScheduleParameters> {
        FromFlatKeys() {
            super(ScheduleParameters.class, "outputVarianceStart", "outputVarianceRate", "epochs", "recEpochs", "batch",
                "learningRate");
        }
    }
}
