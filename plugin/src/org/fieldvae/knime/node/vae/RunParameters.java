package org.fieldvae.knime.node.vae;

import org.fieldvae.knime.support.vae.LearnerOptions;
import org.fieldvae.vae.RunOptions;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.layout.Layout;

/** The VAE Learner's {@link RunOptions} group. */
final class RunParameters implements NodeParameters {

    private static final RunOptions DEFAULTS = LearnerOptions.defaults().run();

    @Layout(VaeLearnerNodeSettings.TrainingSection.class)
    @Widget(title = LearnerOptions.SEED, description = "Seed of initialisation, shuffling and reparameterisation "
        + "noise; the same seed, settings and data give the same model.")
    long m_seed = DEFAULTS.seed();

    @Layout(VaeLearnerNodeSettings.TrainingSection.class)
    @Widget(title = LearnerOptions.CHECKPOINT_EVERY, description = "Write a checkpoint every this many epochs (and "
        + "at the end), at least 1. Re-executing the node with the same settings and data continues from the last "
        + "checkpoint instead of starting again.")
    int m_checkpointEvery = DEFAULTS.checkpointEvery();

    /** @throws IllegalArgumentException naming the dialog option of an invalid value */
    RunOptions toEngine() {
        return LearnerOptions.titled(() -> new RunOptions(m_seed, m_checkpointEvery));
    }

    /** Loads the group from a workflow saved before the settings were grouped. */
    static final class FromFlatKeys extends FlatKeysMigration<RunParameters> {
        FromFlatKeys() {
            super(RunParameters.class, "seed", "checkpointEvery");
        }
    }
}
