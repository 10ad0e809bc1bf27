package org.fieldvae.knime.node.dataset;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.fieldvae.InvalidInputException;
import org.fieldvae.field.DatasetWriter;
import org.fieldvae.knime.field.FieldValue;
import org.fieldvae.knime.node.FieldTables;
import org.fieldvae.knime.support.dataset.DatasetFileOptions;
import org.fieldvae.knime.support.dataset.DatasetLayout;
import org.fieldvae.knime.support.field.FieldSample;
import org.fieldvae.knime.support.table.FieldColumns;
import org.fieldvae.knime.support.table.FieldStack;
import org.knime.core.data.BooleanValue;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.NodeLogger;
import org.knime.node.DefaultModel.ConfigureInput;
import org.knime.node.DefaultModel.ConfigureOutput;
import org.knime.node.DefaultModel.ExecuteInput;
import org.knime.node.DefaultModel.ExecuteOutput;

/**
 * Configure and execute of the Field Dataset Writer (HDF5): the table's conventional columns (theta_1..theta_p,
 * permeability, output, labelled) are streamed in chunks of {@link #CHUNK} rows into a {@code DatasetWriter}, which
 * writes a temporary file and moves it into place only at {@code commit()}.
 */
final class DatasetWriterNodeModel {

    /** Rows held in memory at once. */
    static final int CHUNK = 256;

    private DatasetWriterNodeModel() {
    }

    /**
     * Column indices of the dataset's columns in the input, -1 (no index for theta and output) where absent;
     * {@code output} holds the index of the 3-channel column, or those of the pressure, u_x1, u_x2 columns.
     */
    private record Columns(DatasetLayout layout, int[] theta, int permeability, int[] output, int labelled) {
    }

    static void configure(final ConfigureInput in, final ConfigureOutput out) throws InvalidSettingsException {
        final DatasetFileOptions options = in.<DatasetWriterNodeSettings> getParameters().toOptions();
        columns(in.getInTableSpec(0));
        if (!options.overwrite() && Files.exists(options.path())) {
            throw new InvalidSettingsException(DatasetFileOptions.FILE_TITLE + ": '" + options.path()
                + "' exists; check Overwrite to replace it");
        }
    }

    static void execute(final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        final BufferedDataTable table = in.getInTable(0);
        final ExecutionContext exec = in.getExecutionContext();
        try {
            final DatasetFileOptions options = in.<DatasetWriterNodeSettings> getParameters().toOptions();
            write(table, columns(table.getDataTableSpec()), options, exec);
        } catch (InvalidSettingsException | InvalidInputException | IllegalArgumentException e) {
            throw new KNIMEException(e.getMessage(), e);
        }
    }

    private static Columns columns(final DataTableSpec spec) throws InvalidSettingsException {
        final DatasetLayout layout;
        try {
            layout = DatasetLayout.ofColumns(spec.stream().map(DataColumnSpec::getName).toList());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("Input table: " + e.getMessage(), e);
        }
        final int[] theta =
            FieldTables.columns(spec, FieldColumns.thetas(layout.parameters()), DoubleValue.class, "Input table");
        final int permeability = layout.permeability()
            ? FieldTables.column(spec, FieldColumns.PERMEABILITY, FieldValue.class, "Input table") : -1;
        final List<String> names = spec.stream().map(DataColumnSpec::getName).toList();
        final int[] output = !layout.output() ? new int[0]
            : DatasetLayout.outputFromChannels(names)
                ? FieldTables.columns(spec, FieldColumns.OUTPUT_CHANNELS, FieldValue.class, "Input table")
                : new int[]{FieldTables.column(spec, FieldColumns.OUTPUT, FieldValue.class, "Input table")};
        final int labelled = layout.labelled()
            ? FieldTables.column(spec, FieldColumns.LABELLED, BooleanValue.class, "Input table") : -1;
        return new Columns(layout, theta, permeability, output, labelled);
    }

    private static void write(final BufferedDataTable table, final Columns columns, final DatasetFileOptions options,
        final ExecutionContext exec) throws CanceledExecutionException {
        final int rows = FieldTables.rows(table);
        final int grid = grid(table, columns);
        final Map<String, String> attributes = Map.of("created_by", "FieldVAE KNIME node Field Dataset Writer (HDF5)");
        try (DatasetWriter writer = DatasetWriter.create(options.path(),
            columns.layout().shape(rows, grid, options.precision()), attributes, options.overwrite())) {
            final boolean[] labelled = stream(table, columns, grid, writer, exec);
            if (columns.labelled() >= 0) {
                writer.labelled(labelled);
            }
            writer.commit();
        }
        NodeLogger.getLogger(DatasetWriterNodeModel.class).info("wrote " + rows + " samples to " + options.path());
    }

    /** Appends every row's theta and fields to {@code writer}, chunk by chunk; @return the labelled mask */
    private static boolean[] stream(final BufferedDataTable table, final Columns columns, final int grid,
        final DatasetWriter writer, final ExecutionContext exec) throws CanceledExecutionException {
        final int rows = FieldTables.rows(table);
        final boolean[] labelled = new boolean[rows];
        final Chunk chunk = new Chunk(columns);
        int r = 0;
        try (CloseableRowIterator it = table.iterator()) {
            while (it.hasNext()) {
                exec.checkCanceled();
                final DataRow row = it.next();
                chunk.add(row, columns, grid);
                if (columns.labelled() >= 0) {
                    labelled[r] =
                        ((BooleanValue)cell(row, columns.labelled(), FieldColumns.LABELLED)).getBooleanValue();
                }
                r++;
                if (chunk.full() || r == rows) {
                    chunk.appendTo(writer);
                    exec.setProgress((double)r / rows, "written " + r + "/" + rows);
                }
            }
        }
        return labelled;
    }

    /** The grid of the first row's field (2, unused, when the table has no field column). */
    private static int grid(final BufferedDataTable table, final Columns columns) {
        final int column = columns.permeability() >= 0 ? columns.permeability()
            : columns.output().length > 0 ? columns.output()[0] : -1;
        if (column < 0) {
            return 2;
        }
        try (CloseableRowIterator rows = table.iterator()) {
            return rows.hasNext() ? ((FieldValue)cell(rows.next(), column,
                table.getDataTableSpec().getColumnSpec(column).getName())).getField().grid() : 2;
        }
    }

    /** @return the row's cell in {@code column}, checked not to be missing */
    private static DataCell cell(final DataRow row, final int column, final String name) {
        final DataCell cell = row.getCell(column);
        if (cell.isMissing()) {
            throw new InvalidInputException("column '" + name + "', row '" + row.getKey().getString()
                + "': missing value; a dataset needs every value (theta blanked by the Semi-supervised Labeler "
                + "cannot be written)");
        }
        return cell;
    }

    /** Up to {@link #CHUNK} rows' theta and fields, in the arrays {@code DatasetWriter.append} takes. */
    private static final class Chunk {

        private final double[][] m_theta;
        private final float[][][][] m_permeability;
        private final float[][][][] m_output;
        private int m_size;

        Chunk(final Columns columns) {
            m_theta = columns.theta().length > 0 ? new double[CHUNK][] : null;
            m_permeability = columns.permeability() >= 0 ? new float[CHUNK][][][] : null;
            m_output = columns.output().length > 0 ? new float[CHUNK][][][] : null;
        }

        boolean full() {
            return m_size == CHUNK;
        }

        void add(final DataRow row, final Columns columns, final int grid) {
            if (m_theta != null) {
                final double[] theta = new double[columns.theta().length];
                for (int k = 0; k < theta.length; k++) {
                    theta[k] = ((DoubleValue)cell(row, columns.theta()[k], FieldColumns.theta(k + 1))).getDoubleValue();
                }
                m_theta[m_size] = theta;
            }
            if (m_permeability != null) {
                m_permeability[m_size] = field(row, columns.permeability(), FieldColumns.PERMEABILITY, 1, grid);
            }
            if (m_output != null) {
                m_output[m_size] = output(row, columns.output(), grid);
            }
            m_size++;
        }

        private static float[][][] field(final DataRow row, final int column, final String name, final int channels,
            final int grid) {
            final FieldSample field = ((FieldValue)cell(row, column, name)).getField();
            FieldStack.checkShape(name, row.getKey().getString(), field, channels, grid);
            return field.toArray();
        }

        /** The 3-channel output cell, or the pressure, u_x1, u_x2 cells stacked as channels 0, 1, 2. */
        private static float[][][] output(final DataRow row, final int[] columns, final int grid) {
            if (columns.length == 1) {
                return field(row, columns[0], FieldColumns.OUTPUT, DatasetLayout.OUTPUT_CHANNELS, grid);
            }
            final float[][][] out = new float[columns.length][][];
            for (int c = 0; c < columns.length; c++) {
                out[c] = field(row, columns[c], FieldColumns.OUTPUT_CHANNELS.get(c), 1, grid)[0];
            }
            return out;
        }

        void appendTo(final DatasetWriter writer) {
            writer.append(m_theta == null ? null : Arrays.copyOf(m_theta, m_size),
                m_permeability == null ? null : Arrays.copyOf(m_permeability, m_size),
                m_output == null ? null : Arrays.copyOf(m_output, m_size));
            m_size = 0;
        }
    }
}
