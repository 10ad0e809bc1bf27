package org.fieldvae.knime.node.dataset;

import java.util.ArrayList;
import java.util.List;

import org.fieldvae.InvalidInputException;
import org.fieldvae.field.DatasetReader;
import org.fieldvae.knime.node.FieldTables;
import org.fieldvae.knime.support.dataset.DatasetFileOptions;
import org.fieldvae.knime.support.dataset.DatasetLayout;
import org.fieldvae.knime.support.table.FieldColumns;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.node.BufferedDataContainer;
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
 * Configure and execute of the Field Dataset Reader (HDF5): {@code DatasetReader} opens and checks the file (in
 * configure too, for the columns), then the fields are read in chunks of {@link #CHUNK} samples into the table.
 */
final class DatasetReaderNodeModel {

    /** Samples read at once: bounds the memory next to the table to about 64 MB at 65 x 65 x 4 channels. */
    static final int CHUNK = 1024;

    private DatasetReaderNodeModel() {
    }

    static void configure(final ConfigureInput in, final ConfigureOutput out) throws InvalidSettingsException {
        final var options = in.<DatasetReaderNodeSettings> getParameters().toOptions();
        try (DatasetReader reader = DatasetReader.open(options.path())) {
            out.setOutSpecs(spec(DatasetLayout.of(reader.shape())));
        } catch (InvalidInputException e) {
            throw new InvalidSettingsException(DatasetFileOptions.FILE_TITLE + ": " + e.getMessage(), e);
        }
    }

    static void execute(final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        final ExecutionContext exec = in.getExecutionContext();
        try (DatasetReader reader = DatasetReader.open(in.<DatasetReaderNodeSettings> getParameters().toOptions()
            .path())) {
            out.setOutData(read(reader, exec));
        } catch (InvalidSettingsException e) {
            throw new KNIMEException(e.getMessage(), e);
        } catch (InvalidInputException e) {
            throw new KNIMEException(DatasetFileOptions.FILE_TITLE + ": " + e.getMessage(), e);
        }
    }

    private static BufferedDataTable read(final DatasetReader reader,
        final ExecutionContext exec) throws CanceledExecutionException {
        final DatasetLayout layout = DatasetLayout.of(reader.shape());
        final int samples = reader.samples();
        final double[][] theta = reader.theta();
        final boolean[] labelled = layout.labelled() ? reader.labelled() : null;
        final BufferedDataContainer container = exec.createDataContainer(spec(layout));
        for (int from = 0; from < samples; from += CHUNK) {
            final int count = Math.min(CHUNK, samples - from);
            final float[][][][] permeability = layout.permeability() ? reader.permeability(from, count) : null;
            final float[][][][] output = layout.output() ? reader.output(from, count) : null;
            for (int s = 0; s < count; s++) {
                exec.checkCanceled();
                final List<DataCell> cells = new ArrayList<>();
                for (final double t : theta[from + s]) {
                    cells.add(new DoubleCell(t));
                }
                if (permeability != null) {
                    cells.add(FieldTables.fieldCell(permeability[s]));
                }
                if (output != null) {
                    cells.add(FieldTables.fieldCell(output[s]));
                }
                if (labelled != null) {
                    cells.add(labelled[from + s] ? BooleanCell.TRUE : BooleanCell.FALSE);
                }
                container.addRowToTable(new DefaultRow(RowKey.createRowKey((long)from + s), cells));
            }
            exec.setProgress((double)(from + count) / samples, "read " + (from + count) + "/" + samples);
        }
        container.close();
        return container.getTable();
    }

    static DataTableSpec spec(final DatasetLayout layout) {
        final List<DataColumnSpec> columns = new ArrayList<>();
        for (final String name : layout.columnNames()) {
            if (name.equals(FieldColumns.PERMEABILITY) || name.equals(FieldColumns.OUTPUT)) {
                columns.add(FieldTables.fieldColumn(name));
            } else if (name.equals(FieldColumns.LABELLED)) {
                columns.add(new DataColumnSpecCreator(name, BooleanCell.TYPE).createSpec());
            } else {
                columns.add(new DataColumnSpecCreator(name, DoubleCell.TYPE).createSpec());
            }
        }
        return new DataTableSpec(columns.toArray(DataColumnSpec[]::new));
    }
}
