package org.fieldvae.knime.node.vae;

import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.append.AppendedColumnRow;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.util.UniqueNameGenerator;

/** Appending computed columns to the input table, shared by the VAE Encoder and VAE Decoder. */
final class AppendedColumns {

    /** Rows per engine call: bounds the memory of one call and spaces the progress reports and cancel checks. */
    static final int CHUNK = 256;

    private AppendedColumns() {
    }

    /** Cells of one row, computed for the whole table beforehand. */
    interface RowCells {
        DataCell[] cells(int row);
    }

    /**
     * @param spec the input spec
     * @param names the new columns' wanted names; a name taken in {@code spec} gets a suffix " (#1)"
     * @param type the new columns' type
     * @return the input spec with the new columns appended
     */
    static DataTableSpec appended(final DataTableSpec spec, final List<String> names, final DataType type) {
        final UniqueNameGenerator unique = new UniqueNameGenerator(spec);
        final DataColumnSpec[] added = names.stream()
            .map(n -> new DataColumnSpecCreator(unique.newName(n), type).createSpec()).toArray(DataColumnSpec[]::new);
        return new DataTableSpec(spec, new DataTableSpec(added));
    }

    /** @return the input rows with {@code cells.cells(r)} appended to row r, under {@code spec} */
    static BufferedDataTable append(final BufferedDataTable table, final DataTableSpec spec, final RowCells cells,
        final ExecutionContext exec) throws CanceledExecutionException {
        final BufferedDataContainer container = exec.createDataContainer(spec);
        int r = 0;
        for (final DataRow row : table) {
            exec.checkCanceled();
            container.addRowToTable(new AppendedColumnRow(row, cells.cells(r++)));
        }
        container.close();
        return container.getTable();
    }
}
