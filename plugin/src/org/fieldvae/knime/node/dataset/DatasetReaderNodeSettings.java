package org.fieldvae.knime.node.dataset;

import static org.fieldvae.knime.support.dataset.DatasetFileOptions.FILE_TITLE;

import org.fieldvae.field.Precision;
import org.fieldvae.knime.support.dataset.DatasetFileOptions;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.webui.node.dialog.defaultdialog.internal.file.LocalFileReaderWidget;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;

/**
 * Dialog and flow-variable settings of the Field Dataset Reader (HDF5).
 *
 * <p>The file widget is {@link LocalFileReaderWidget}, from a package knime-core-ui exports as x-internal: every public
 * file widget of KNIME 5.6 ({@code FileSelection} and its relatives) needs the org.knime.filehandling bundles, which
 * this extension does not depend on. The local widget is a plain String path with a browse button, what a local HDF5
 * file needs. Should it go away, the field stays a valid text input with the same settings key.
 */
final class DatasetReaderNodeSettings implements NodeParameters {

    @Widget(title = FILE_TITLE, description = "The absolute path of an HDF5 file in the paper's layout "
        + "(generative_params, permeability, output, labelled; samples first), as written by the Field Dataset "
        + "Writer (HDF5), the command line's fieldvae generate, or the authors' Python code.")
    @LocalFileReaderWidget(fileExtensions = {"h5", "hdf5"})
    String m_file = "";

    /**
     * @return the checked options
     * @throws InvalidSettingsException naming the option that is invalid
     */
    DatasetFileOptions toOptions() throws InvalidSettingsException {
        try {
            return new DatasetFileOptions(m_file, false, Precision.FLOAT32);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
