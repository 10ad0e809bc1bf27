package org.fieldvae.knime.node.vae;

import org.fieldvae.knime.support.vae.ArchitectureOptions;
import org.fieldvae.knime.support.vae.LearnerOptions;
import org.fieldvae.nn.InitScheme;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.layout.Layout;

/** The VAE Learner's {@link org.fieldvae.vae.Architecture} group (grid and channels come from the input fields). */
final class ArchitectureParameters implements NodeParameters {

    private static final ArchitectureOptions DEFAULTS = LearnerOptions.defaults().architecture();

    @Layout(VaeLearnerNodeSettings.ArchitectureSection.class)
    @Widget(title = LearnerOptions.BLOCKS, description = "Layers per dense block, comma-separated, an odd count of at "
        + "least 3: the first half (rounded down) in the encoder, the rest in the decoder. Paper: 4, 6, 4.")
    String m_blocks = DEFAULTS.blocks();

    @Layout(VaeLearnerNodeSettings.ArchitectureSection.class)
    @Widget(title = LearnerOptions.GROWTH, description = "Feature maps each dense layer adds (paper 4), at least 1.")
    int m_growth = DEFAULTS.growth();

    @Layout(VaeLearnerNodeSettings.ArchitectureSection.class)
    @Widget(title = LearnerOptions.INITIAL_FEATURES, description = "Feature maps of the first convolution "
        + "(paper 2), at least 1.")
    int m_initialFeatures = DEFAULTS.initialFeatures();

    @Layout(VaeLearnerNodeSettings.ArchitectureSection.class)
    @Widget(title = LearnerOptions.LATENT, description = "Dimension n of the latent space (paper 2), at least 1.")
    int m_latent = DEFAULTS.latent();

    @Layout(VaeLearnerNodeSettings.ArchitectureSection.class)
    @Widget(title = LearnerOptions.INIT, description = "How the weights start; biases start at 0. Xavier uniform: "
        + "U(-a, a), a = sqrt(6 / (fan_in + fan_out)), as the paper states (Section 4.2). PyTorch default: Kaiming "
        + "uniform with a = sqrt(5), which the authors' code used by not setting any initialisation.")
    InitScheme m_init = DEFAULTS.init();

    ArchitectureOptions toOptions() {
        return new ArchitectureOptions(m_blocks, m_growth, m_initialFeatures, m_latent, m_init);
    }

    /** Loads the group from a workflow saved before the settings were grouped. */
    static final class FromFlatKeys extends FlatKeysMigration<ArchitectureParameters> {
        FromFlatKeys() {
            super(ArchitectureParameters.class, "blocks", "growth", "initialFeatures", "latent", "init");
        }
    }
}
