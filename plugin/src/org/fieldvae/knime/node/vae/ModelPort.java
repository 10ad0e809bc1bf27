package org.fieldvae.knime.node.vae;

import org.fieldvae.knime.model.VaeModelPortObject;
import org.fieldvae.knime.model.VaeModelPortObjectSpec;
import org.fieldvae.knime.support.vae.HistoryTable;
import org.fieldvae.knime.support.vae.ModelBytes;
import org.fieldvae.vae.TrainedModel;

/** The engine's {@link TrainedModel} to and from the KNIME model port. */
final class ModelPort {

    private ModelPort() {
    }

    /** @return the port object carrying the model's zip, shape, architecture and curves */
    static VaeModelPortObject of(final TrainedModel model) {
        return new VaeModelPortObject(new VaeModelPortObjectSpec(ModelBytes.shape(model.settings())),
            ModelBytes.of(model), ModelBytes.architecture(model), HistoryTable.curves(model.history()));
    }

    /** @return the model the port carries, loaded by the engine */
    static TrainedModel load(final VaeModelPortObject port) {
        return ModelBytes.load(port.openModelZip());
    }
}
