package org.fieldvae.knime.node.vae;

import java.util.Arrays;
import java.util.List;

import org.fieldvae.knime.support.table.FieldColumns;
import org.fieldvae.knime.support.vae.LatentColumns;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.choices.ChoicesProvider;
import org.knime.node.parameters.widget.choices.filter.ColumnFilter;
import org.knime.node.parameters.widget.choices.util.ColumnSelectionUtil;
import org.knime.node.parameters.widget.choices.util.CompatibleColumnsProvider.DoubleColumnsProvider;

/** Settings of the VAE Decoder: the latent columns and how the decoded fields are written. */
final class VaeDecoderNodeSettings implements NodeParameters {

    static final String LATENT_COLUMNS = "Latent columns";

    static final String OUTPUT_COLUMN = "Decoded column";

    @Widget(title = LATENT_COLUMNS, description = "Numeric columns holding the latent codes, one per latent dimension "
        + "of the model, in table order: the first feeds latent 1 (e.g. z_mean_1 .. z_mean_n from the VAE Encoder, "
        + "or a grid of chosen values for generation). Missing values are rejected.")
    @ChoicesProvider(DoubleColumnsProvider.class)
    ColumnFilter m_latentColumns = new ColumnFilter();

    @Widget(title = OUTPUT_COLUMN, description = "Name of the appended field column; with one column per channel "
        + "the stem of their names (a 3-channel model gives pressure, u_x1, u_x2 instead). A name the input "
        + "table already has gets a suffix ' (#1)'.")
    String m_outputColumn = FieldColumns.OUTPUT;

    @Widget(title = "One column per channel", description = "Write each channel of the decoded field to its own "
        + "single-channel column instead of one multi-channel column.")
    boolean m_perChannel;

    VaeDecoderNodeSettings() {
    }

    /** Preselects the z_mean_i columns of the table at input port 1. */
    VaeDecoderNodeSettings(final NodeParametersInput context) {
        context.getInTableSpec(1).ifPresent(spec -> m_latentColumns = new ColumnFilter(
            ColumnSelectionUtil.getDoubleColumns(spec).stream()
                .filter(c -> c.getName().startsWith(LatentColumns.MEAN_PREFIX)).toList()));
    }

    @Override
    public void validate() throws InvalidSettingsException {
        if (m_outputColumn == null || m_outputColumn.isBlank()) {
            throw new InvalidSettingsException(OUTPUT_COLUMN + ": empty; give a column name");
        }
    }

    /**
     * @param spec the latent table's spec
     * @param latent the model's latent dimension, or -1 if unknown yet
     * @return the chosen latent columns in table order
     * @throws InvalidSettingsException naming the option if a column is missing or the count differs from the model's
     */
    List<String> latentColumns(final DataTableSpec spec, final int latent) throws InvalidSettingsException {
        final List<DataColumnSpec> numeric = ColumnSelectionUtil.getDoubleColumns(spec);
        final String[] missing = m_latentColumns.getMissingSelected(numeric);
        if (missing.length > 0) {
            throw new InvalidSettingsException(LATENT_COLUMNS + ": " + Arrays.toString(missing)
                + " selected but not numeric columns of the input table");
        }
        final List<String> chosen = List.of(m_latentColumns.filter(numeric));
        if (chosen.isEmpty()) {
            throw new InvalidSettingsException(LATENT_COLUMNS + ": no column selected");
        }
        if (latent > 0) {
            try {
                LatentColumns.checkDecoderSelection(LATENT_COLUMNS, chosen, latent);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingsException(e.getMessage(), e);
            }
        }
        return chosen;
    }
}
