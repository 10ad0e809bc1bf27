package org.fieldvae.knime.node.darcy;

import java.util.List;

import org.fieldvae.InvalidInputException;
import org.fieldvae.knime.field.FieldValue;
import org.fieldvae.knime.node.FieldTables;
import org.fieldvae.knime.node.KnimeProgress;
import org.fieldvae.knime.support.darcy.DarcyBatches;
import org.fieldvae.knime.support.darcy.DarcySolverOptions;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.container.AbstractCellFactory;
import org.knime.core.data.container.ColumnRearranger;
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
 * Configure and execute of the Darcy Flow Solver: reads the permeability (and source) column, solves all rows in
 * parallel with {@code DarcySolver.solveAll} (through {@link DarcyBatches}) and appends the solution columns.
 */
final class DarcySolverNodeModel {

    private DarcySolverNodeModel() {
    }

    static void configure(final ConfigureInput in, final ConfigureOutput out) throws InvalidSettingsException {
        final DataTableSpec spec = in.getInTableSpec(0);
        final DarcySolverOptions options = in.<DarcySolverNodeSettings> getParameters().toOptions();
        checkColumns(spec, options);
        out.setOutSpecs(rearranger(spec, options, null).createSpec());
    }

    static void execute(final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        final BufferedDataTable table = in.getInTable(0);
        final ExecutionContext exec = in.getExecutionContext();
        final DarcySolverOptions options;
        final int permeabilityIndex;
        final int sourceIndex;
        try {
            options = in.<DarcySolverNodeSettings> getParameters().toOptions();
            final int[] indices = checkColumns(table.getDataTableSpec(), options);
            permeabilityIndex = indices[0];
            sourceIndex = indices[1];
        } catch (InvalidSettingsException e) {
            throw new KNIMEException(e.getMessage(), e);
        }
        final float[][][] permeabilities;
        final float[][][] sources;
        try {
            permeabilities = FieldTables.readSingleChannel(table, permeabilityIndex, exec.createSubProgress(0.05));
            sources = sourceIndex < 0 ? null
                : FieldTables.readSingleChannel(table, sourceIndex, exec.createSubProgress(0.05));
        } catch (InvalidInputException e) {
            throw new KNIMEException(e.getMessage(), e);
        }
        final float[][][][] solutions = KnimeProgress.call(exec.createSubProgress(0.8),
            p -> DarcyBatches.solve(options.darcy(), permeabilities, sources, p));
        out.setOutData(exec.createColumnRearrangeTable(table,
            rearranger(table.getDataTableSpec(), options, solutions), exec.createSubProgress(0.1)));
    }

    /** @return the indices of the permeability column and of the source column (-1 without) */
    private static int[] checkColumns(final DataTableSpec spec, final DarcySolverOptions options)
        throws InvalidSettingsException {
        final int permeability = FieldTables.column(spec, options.permeabilityColumn(), FieldValue.class,
            DarcySolverOptions.PERMEABILITY_TITLE);
        final int source = options.hasSource()
            ? FieldTables.column(spec, options.sourceColumn(), FieldValue.class, DarcySolverOptions.SOURCE_TITLE) : -1;
        return new int[]{permeability, source};
    }

    /**
     * @param solutions [row][channel][i][j], or null when only the spec is needed
     * @return removes input columns of the output names and appends the solution columns
     */
    private static ColumnRearranger rearranger(final DataTableSpec spec, final DarcySolverOptions options,
        final float[][][][] solutions) {
        final ColumnRearranger rearranger = new ColumnRearranger(spec);
        final List<String> names = options.outputColumns();
        for (final String name : names) {
            if (spec.containsName(name)) {
                rearranger.remove(name);
            }
        }
        rearranger.append(new SolutionCells(names, solutions));
        return rearranger;
    }

    /** The precomputed solution of each row, as one 3-channel cell or three one-channel cells. */
    private static final class SolutionCells extends AbstractCellFactory {

        private final float[][][][] m_solutions;

        SolutionCells(final List<String> names, final float[][][][] solutions) {
            super(names.stream().map(FieldTables::fieldColumn).toArray(DataColumnSpec[]::new));
            m_solutions = solutions;
        }

        @Override
        public DataCell[] getCells(final DataRow row, final long rowIndex) {
            final float[][][] solution = m_solutions[(int)rowIndex];
            if (getColumnSpecs().length == 1) {
                return new DataCell[]{FieldTables.fieldCell(solution)};
            }
            final DataCell[] cells = new DataCell[solution.length];
            for (int c = 0; c < solution.length; c++) {
                cells[c] = FieldTables.fieldCell(solution[c]);
            }
            return cells;
        }
    }
}
