package org.fieldvae.knime.node.vae;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.fieldvae.FieldVaeException;
import org.fieldvae.knime.model.VaeModelPortObject;
import org.fieldvae.knime.model.VaeModelPortObjectSpec;
import org.fieldvae.knime.support.vae.FieldChannels;
import org.fieldvae.knime.support.vae.LatentColumns;
import org.fieldvae.vae.Encoding;
import org.fieldvae.vae.TrainedModel;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.DoubleCell;
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
 * Configure and execute of the VAE Encoder: the latent means and log-variances of each row's field
 * ({@link TrainedModel#encode}), appended as {@code z_mean_1..n}, {@code z_logvar_1..n}.
 */
final class VaeEncoderNodeModel {

    private VaeEncoderNodeModel() {
    }

    static void configure(final ConfigureInput in, final ConfigureOutput out) throws InvalidSettingsException {
        final VaeEncoderNodeSettings settings = in.getParameters();
        final DataTableSpec spec = in.getInTableSpec(1);
        settings.m_fields.columns(spec);
        final VaeModelPortObjectSpec model = in.getInPortSpec(0);
        // without the model's spec (an unexecuted learner) the latent size is unknown until execution
        out.setOutSpec(0, model == null ? null : outSpec(spec, model.getShape().latent()));
    }

    private static DataTableSpec outSpec(final DataTableSpec spec, final int latent) {
        return AppendedColumns.appended(spec, LatentColumns.encoded(latent), DoubleCell.TYPE);
    }

    static void execute(final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        final VaeEncoderNodeSettings settings = in.getParameters();
        final VaeModelPortObject port = in.getInPortObject(0);
        final BufferedDataTable table = in.getInTable(1);
        final ExecutionContext exec = in.getExecutionContext();
        try (TrainedModel model = ModelPort.load(port)) {
            final float[][][][] fields = settings.m_fields.read(table, exec.createSubProgress(0.2));
            FieldChannels.checkShape(settings.m_fields.option(), settings.m_fields.columns(table.getDataTableSpec()),
                fields, model.settings().architecture().channels(), model.settings().architecture().grid());
            final List<double[]> mean = new ArrayList<>(fields.length);
            final List<double[]> logVar = new ArrayList<>(fields.length);
            final var encoding = exec.createSubProgress(0.7);
            for (int from = 0; from < fields.length; from += AppendedColumns.CHUNK) {
                exec.checkCanceled();
                final int to = Math.min(fields.length, from + AppendedColumns.CHUNK);
                final Encoding e = model.encode(Arrays.copyOfRange(fields, from, to));
                mean.addAll(List.of(e.mean()));
                logVar.addAll(List.of(e.logVariance()));
                encoding.setProgress((double)to / fields.length, "encoded " + to + " of " + fields.length + " rows");
            }
            final int latent = model.settings().architecture().latent();
            final DataTableSpec spec = outSpec(table.getDataTableSpec(), latent);
            out.setOutData(0, AppendedColumns.append(table, spec, r -> cells(mean.get(r), logVar.get(r)),
                exec.createSubExecutionContext(0.1)));
        } catch (InvalidSettingsException | FieldVaeException e) {
            throw new KNIMEException(e.getMessage(), e);
        }
    }

    private static DataCell[] cells(final double[] mean, final double[] logVar) {
        final DataCell[] cells = new DataCell[mean.length + logVar.length];
        for (int k = 0; k < mean.length; k++) {
            cells[k] = new DoubleCell(mean[k]);
            cells[mean.length + k] = new DoubleCell(logVar[k]);
        }
        return cells;
    }
}
