package org.fieldvae.knime.node.vae;

import java.util.Arrays;
import java.util.List;

import org.fieldvae.FieldVaeException;
import org.fieldvae.knime.field.FieldCell;
import org.fieldvae.knime.model.VaeModelPortObject;
import org.fieldvae.knime.model.VaeModelPortObjectSpec;
import org.fieldvae.knime.node.FieldTables;
import org.fieldvae.knime.support.vae.FieldChannels;
import org.fieldvae.vae.TrainedModel;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.node.DefaultModel.ConfigureInput;
import org.knime.node.DefaultModel.ConfigureOutput;
import org.knime.node.DefaultModel.ExecuteInput;
import org.knime.node.DefaultModel.ExecuteOutput;

/**
 * Configure and execute of the VAE Decoder: the decoder's mean field of each row's latent code
 * ({@link TrainedModel#decode}), appended as one field column or one column per channel.
 */
final class VaeDecoderNodeModel {

    private VaeDecoderNodeModel() {
    }

    static void configure(final ConfigureInput in, final ConfigureOutput out) throws InvalidSettingsException {
        final VaeDecoderNodeSettings settings = in.getParameters();
        final DataTableSpec spec = in.getInTableSpec(1);
        final VaeModelPortObjectSpec model = in.getInPortSpec(0);
        settings.latentColumns(spec, model == null ? -1 : model.getShape().latent());
        // without the model's spec (an unexecuted learner) the channel count is unknown until execution
        out.setOutSpec(0, model == null ? null : outSpec(settings, spec, model.getShape().channels()));
    }

    private static DataTableSpec outSpec(final VaeDecoderNodeSettings settings, final DataTableSpec spec,
        final int channels) {
        return AppendedColumns.appended(spec,
            FieldChannels.decodedNames(settings.m_outputColumn, channels, settings.m_perChannel), FieldCell.TYPE);
    }

    static void execute(final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        final VaeDecoderNodeSettings settings = in.getParameters();
        final VaeModelPortObject port = in.getInPortObject(0);
        final BufferedDataTable table = in.getInTable(1);
        final ExecutionContext exec = in.getExecutionContext();
        try (TrainedModel model = ModelPort.load(port)) {
            final DataTableSpec inSpec = table.getDataTableSpec();
            final List<String> columns = settings.latentColumns(inSpec, model.settings().architecture().latent());
            final double[][] latents = FieldTables.readDoubles(table,
                FieldTables.columns(inSpec, columns, DoubleValue.class, VaeDecoderNodeSettings.LATENT_COLUMNS), null,
                VaeDecoderNodeSettings.LATENT_COLUMNS);
            final float[][][][] fields = new float[latents.length][][][];
            final var decoding = exec.createSubProgress(0.8);
            for (int from = 0; from < latents.length; from += AppendedColumns.CHUNK) {
                exec.checkCanceled();
                final int to = Math.min(latents.length, from + AppendedColumns.CHUNK);
                System.arraycopy(model.decode(Arrays.copyOfRange(latents, from, to)), 0, fields, from, to - from);
                decoding.setProgress((double)to / latents.length, "decoded " + to + " of " + latents.length + " rows");
            }
            final DataTableSpec spec = outSpec(settings, inSpec, model.settings().architecture().channels());
            out.setOutData(0, AppendedColumns.append(table, spec, r -> cells(fields[r], settings.m_perChannel),
                exec.createSubExecutionContext(0.2)));
        } catch (InvalidSettingsException | FieldVaeException e) {
            throw new KNIMEException(e.getMessage(), e);
        }
    }

    private static DataCell[] cells(final float[][][] field, final boolean perChannel) {
        if (!perChannel) {
            return new DataCell[]{FieldTables.fieldCell(field)};
        }
        final DataCell[] cells = new DataCell[field.length];
        for (int c = 0; c < field.length; c++) {
            cells[c] = FieldTables.fieldCell(field[c]);
        }
        return cells;
    }
}
