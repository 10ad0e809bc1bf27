package org.fieldvae.knime.node.vae;

import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.NodeParametersInput;

/** Settings of the VAE Encoder: which field column(s) to encode. */
final class VaeEncoderNodeSettings implements NodeParameters {

    FieldInputSettings m_fields = new FieldInputSettings();

    VaeEncoderNodeSettings() {
    }

    /** Preselects the field columns of the table at input port 1. */
    VaeEncoderNodeSettings(final NodeParametersInput context) {
        context.getInTableSpec(1).ifPresent(spec -> m_fields = new FieldInputSettings(spec));
    }
}
