package org.fieldvae.knime.node;

import java.util.List;

import org.fieldvae.InvalidInputException;
import org.fieldvae.knime.field.FieldCell;
import org.fieldvae.knime.field.FieldValue;
import org.fieldvae.knime.support.field.FieldSample;
import org.fieldvae.knime.support.table.FieldStack;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataValue;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;

/**
 * Conversions between KNIME tables and the engine's arrays, shared by the FieldVAE nodes: field columns to
 * {@code [sample][channel][i][j]} floats (through {@link FieldStack}, which names the row of a missing or misshapen
 * field), double columns to {@code [sample][column]}, and engine arrays back to {@link FieldCell}s.
 */
public final class FieldTables {

    private FieldTables() {
    }

    /** @return the spec of a field column named {@code name} */
    public static DataColumnSpec fieldColumn(final String name) {
        return new DataColumnSpecCreator(name, FieldCell.TYPE).createSpec();
    }

    /**
     * @param field values [channel][i][j], not modified
     * @return a cell holding a copy
     */
    public static DataCell fieldCell(final float[][][] field) {
        return new FieldCell(FieldSample.of(field));
    }

    /**
     * @param field one channel [i][j], not modified
     * @return a one-channel cell holding a copy
     */
    public static DataCell fieldCell(final float[][] field) {
        return new FieldCell(FieldStack.channelField(field));
    }

    /**
     * The index of a column the user chose in option {@code option}, checked to hold values of {@code type}.
     *
     * @param spec the input table's spec
     * @param column the chosen column's name
     * @param type e.g. {@link FieldValue} or {@link DoubleValue}
     * @param option the option's title in the dialog, for the message
     * @return the column's index
     * @throws InvalidSettingsException if nothing is chosen, the column is absent or of another type
     */
    public static int column(final DataTableSpec spec, final String column, final Class<? extends DataValue> type,
        final String option) throws InvalidSettingsException {
        if (column == null || column.isEmpty()) {
            throw new InvalidSettingsException(option + ": no column selected");
        }
        final int index = spec.findColumnIndex(column);
        if (index < 0) {
            throw new InvalidSettingsException(option + ": column '" + column + "' is not in the input table");
        }
        if (!spec.getColumnSpec(index).getType().isCompatible(type)) {
            throw new InvalidSettingsException(option + ": column '" + column + "' is of type "
                + spec.getColumnSpec(index).getType() + ", not " + typeName(type));
        }
        return index;
    }

    /**
     * Reads a field column into the engine's layout.
     *
     * @param table the input table
     * @param columnIndex index of a column of {@link FieldValue}s
     * @param monitor for cancellation and progress of the scan
     * @return [row][channel][i][j], all rows of the same shape
     * @throws InvalidInputException naming the row if a cell is missing or of another shape
     * @throws CanceledExecutionException if the user cancelled
     */
    public static float[][][][] readFields(final BufferedDataTable table, final int columnIndex,
        final ExecutionMonitor monitor) throws CanceledExecutionException {
        return stack(table, columnIndex, monitor).fields();
    }

    /**
     * Reads a column of one-channel fields (e.g. permeabilities) into the engine's {@code [sample][i][j]}.
     *
     * @throws InvalidInputException naming the row if a cell is missing or of another shape, or if the fields have
     *             more than one channel
     * @see #readFields(BufferedDataTable, int, ExecutionMonitor)
     */
    public static float[][][] readSingleChannel(final BufferedDataTable table, final int columnIndex,
        final ExecutionMonitor monitor) throws CanceledExecutionException {
        return stack(table, columnIndex, monitor).singleChannel();
    }

    private static FieldStack stack(final BufferedDataTable table, final int columnIndex,
        final ExecutionMonitor monitor) throws CanceledExecutionException {
        final String column = table.getDataTableSpec().getColumnSpec(columnIndex).getName();
        final int rows = rows(table);
        final FieldStack stack = new FieldStack(column, rows);
        int r = 0;
        try (CloseableRowIterator it = table.iterator()) {
            while (it.hasNext()) {
                monitor.checkCanceled();
                final DataRow row = it.next();
                final DataCell cell = row.getCell(columnIndex);
                stack.add(row.getKey().getString(), cell.isMissing() ? null : ((FieldValue)cell).getField());
                r++;
                monitor.setProgress((double)r / rows, "reading '" + column + "'");
            }
        }
        return stack;
    }

    /**
     * Reads double columns (e.g. theta) row by row.
     *
     * @param table the input table
     * @param columnIndices indices of {@link DoubleValue} columns
     * @param missing the value a missing cell becomes, or null to reject missing cells
     * @param option the dialog option that chose the columns, for the message
     * @return [row][k], the value of column {@code columnIndices[k]}
     * @throws InvalidInputException naming option, column and row of a missing cell when {@code missing} is null
     */
    public static double[][] readDoubles(final BufferedDataTable table, final int[] columnIndices,
        final Double missing, final String option) {
        final DataTableSpec spec = table.getDataTableSpec();
        final double[][] out = new double[rows(table)][columnIndices.length];
        int r = 0;
        try (CloseableRowIterator it = table.iterator()) {
            while (it.hasNext()) {
                final DataRow row = it.next();
                for (int k = 0; k < columnIndices.length; k++) {
                    out[r][k] = value(row, columnIndices[k], missing, spec, option);
                }
                r++;
            }
        }
        return out;
    }

    private static double value(final DataRow row, final int column, final Double missing,
        final DataTableSpec spec, final String option) {
        final DataCell cell = row.getCell(column);
        if (!cell.isMissing()) {
            return ((DoubleValue)cell).getDoubleValue();
        }
        if (missing == null) {
            throw new InvalidInputException(option + ": column '" + spec.getColumnSpec(column).getName()
                + "', row '" + row.getKey().getString() + "' has a missing value; every row needs one (filter "
                + "such rows out first, or choose other columns)");
        }
        return missing;
    }

    /**
     * @param spec a table spec
     * @param names column names that must all be there
     * @param type the value type each must hold
     * @param option the option's title, for the message
     * @return their indices, in the order of {@code names}
     * @throws InvalidSettingsException if one is absent or of another type
     */
    public static int[] columns(final DataTableSpec spec, final List<String> names,
        final Class<? extends DataValue> type, final String option) throws InvalidSettingsException {
        final int[] indices = new int[names.size()];
        for (int k = 0; k < indices.length; k++) {
            indices[k] = column(spec, names.get(k), type, option);
        }
        return indices;
    }

    /**
     * @param table a table
     * @return its number of rows
     * @throws InvalidInputException if it has more rows than a Java array holds
     */
    public static int rows(final BufferedDataTable table) {
        final long size = table.size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("table has " + size + " rows: at most " + (Integer.MAX_VALUE - 8)
                + " fit the engine's arrays");
        }
        return (int)size;
    }

    private static String typeName(final Class<? extends DataValue> type) {
        return type == FieldValue.class ? "a field (FieldVAE)" : type.getSimpleName().replace("Value", "");
    }
}
