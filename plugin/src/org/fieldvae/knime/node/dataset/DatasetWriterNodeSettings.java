package org.fieldvae.knime.node.dataset;

import static org.fieldvae.knime.support.dataset.DatasetFileOptions.FILE_TITLE;
import static org.fieldvae.knime.support.dataset.DatasetFileOptions.PRECISION_TITLE;

import org.fieldvae.field.Precision;
import org.fieldvae.knime.support.dataset.DatasetFileOptions;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.webui.node.dialog.defaultdialog.internal.file.LocalFileWriterWidget;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.choices.ValueSwitchWidget;

/**
 * Dialog and flow-variable settings of the Field Dataset Writer (HDF5). The file widget is knime-core-ui's x-internal
 * {@link LocalFileWriterWidget}, for the reason given in {@link DatasetReaderNodeSettings}.
 */
final class DatasetWriterNodeSettings implements NodeParameters {

    /** The engine's precisions, with the dialog's labels. */
    enum FloatPrecision {
        @Label(value = "float32", description = "Single precision, what the authors' Python loader expects.")
        FLOAT32,
        @Label(value = "float64", description = "Double precision; the fields in the table are single precision, "
            + "so this only widens them.")
        FLOAT64;

        Precision toEngine() {
            return Precision.valueOf(name());
        }
    }

    @Widget(title = FILE_TITLE, description = "The absolute path of the HDF5 file to write. The directory must "
        + "exist.")
    @LocalFileWriterWidget(fileExtension = "h5")
    String m_file = "";

    @Widget(title = "Overwrite", description = "If checked, an existing file is replaced; otherwise the node fails "
        + "when the file exists. Either way the file appears only when it is complete: the node writes a "
        + "temporary file next to it and moves it into place at the end, so a failed or cancelled run leaves "
        + "an existing file untouched and no partial file behind.")
    boolean m_overwrite;

    @Widget(title = PRECISION_TITLE, description = "The floating-point type of the fields on disk.")
    @ValueSwitchWidget
    FloatPrecision m_precision = FloatPrecision.FLOAT32;

    /**
     * @return the checked options
     * @throws InvalidSettingsException naming the option that is invalid
     */
    DatasetFileOptions toOptions() throws InvalidSettingsException {
        try {
            return new DatasetFileOptions(m_file, m_overwrite, m_precision == null ? null : m_precision.toEngine());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
